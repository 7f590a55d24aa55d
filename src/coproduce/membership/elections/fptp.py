"""The first-past-the-post count of a governor election.

As the Model Election Rules for NHS Foundation Trusts have it: in a constituency with several
seats a voter may vote for up to as many candidates as there are seats, each mark counts one
vote, and the seats go to the candidates with the most votes. Where candidates tie for the last
seat (or seats) the returning officer decides between them by lot; the result says so, and
records the draw (lots.py).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coproduce.membership.elections.ballots import Ballot, CandidateId
from coproduce.membership.elections.lots import Lot, LotDrawer


@dataclass(frozen=True)
class FptpResult:
    candidates: tuple[CandidateId, ...]
    seats: int
    valid_votes: int  # ballot papers counted
    totals: dict[CandidateId, int]
    elected: tuple[CandidateId, ...]  # most votes first; any drawn by lot last
    lots: list[Lot]
    lot_seed: int

    @property
    def lot_drawn(self) -> bool:
        return bool(self.lots)


def count_fptp(
    candidates: Sequence[CandidateId],
    ballots: Iterable[Ballot],
    seats: int,
    *,
    lot_seed: int | None = None,
) -> FptpResult:
    """Count valid first-past-the-post papers: each ballot's candidates (up to `seats`, in any
    order) get one vote each; the most votes win, a tie for the last seats settled by lot."""
    candidates = tuple(candidates)
    if len(set(candidates)) != len(candidates):
        raise ValueError("A candidate is listed twice.")
    if not 1 <= seats <= len(candidates):
        raise ValueError(f"Cannot fill {seats} seats from {len(candidates)} candidates.")
    totals = dict.fromkeys(candidates, 0)
    papers = 0
    for ballot in ballots:
        marked = set(ballot.preferences)
        if ballot.weight < 0:
            raise ValueError(f"A ballot's weight is negative: {ballot!r}")
        if len(marked) != len(ballot.preferences) or not marked:
            raise ValueError(f"A ballot is empty or marks a candidate twice: {ballot!r}")
        if len(marked) > seats:
            raise ValueError(f"A ballot marks more than {seats} candidates: {ballot!r}")
        for candidate in marked:
            if candidate not in totals:
                raise ValueError(f"A ballot names a candidate not standing: {candidate!r}")
            totals[candidate] += ballot.weight
        papers += ballot.weight
    order = {c: i for i, c in enumerate(candidates)}
    ranked = sorted(candidates, key=lambda c: (-totals[c], order[c]))
    last_total = totals[ranked[seats - 1]]
    clear = [c for c in ranked if totals[c] > last_total]
    tied = [c for c in ranked if totals[c] == last_total]
    drawer = LotDrawer(candidates, lot_seed)
    places = seats - len(clear)
    if len(tied) > places:
        chosen = drawer.draw(tied, number=places, stage=1, purpose="who takes the last seats")
    else:
        chosen = tuple(tied)
    return FptpResult(
        candidates=candidates,
        seats=seats,
        valid_votes=papers,
        totals=totals,
        elected=(*clear, *chosen),
        lots=drawer.lots,
        lot_seed=drawer.seed,
    )
