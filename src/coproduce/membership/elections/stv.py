"""The single transferable vote count, by the Scottish local government rules.

The rules are Part III of Schedule 1 to The Scottish Local Government Elections Order 2011
(SSI 2011/399), rules 46 to 53 — the Weighted Inclusive Gregory method. The 2007 order (SSI
2007/42) has the same rules numbered one lower (45 to 52). In short:
- rule 46: each valid paper counts one vote for its first preference;
- rule 47: the quota is the valid votes divided by one more than the seats, decimals ignored,
  plus one (the Droop quota);
- rule 48: a candidate whose votes equal or exceed the quota is elected;
- rule 49: an elected candidate's surplus is transferred by passing on *all* their papers
  (inclusive), each at the value surplus x the paper's value / the candidate's total,
  "calculated to five decimal places (any remainder being ignored)" — truncated, not rounded;
- rule 50: one surplus per stage, the highest first; equal surpluses go by the totals at the
  most recent preceding stage at which those candidates differed, and failing that by lot;
- rule 51: with no surplus to transfer, the candidate with the fewest votes is excluded and all
  their papers pass on at the value each carries;
- rule 52: a tie for exclusion goes by the most recent preceding stage at which the tied
  candidates differed (the fewest is excluded), and failing that by lot;
- rule 53: when the continuing candidates are as many as the vacancies left, they are elected
  and nothing more is transferred.
A paper with no next available preference for a continuing candidate is non-transferable.

Votes are counted exactly as whole hundred-thousandths of a vote (integers), the unit the order
truncates to, and reported as five-place `Decimal`s on the count sheet (sheet.py). Identical
ballots are counted as one group: they always travel together at the same value.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from coproduce.membership.elections.ballots import Ballot, CandidateId, group_ballots
from coproduce.membership.elections.lots import LotDrawer
from coproduce.membership.elections.sheet import (
    Action,
    CountSheet,
    ElectedBy,
    Election,
    Stage,
)

# One vote in the count's unit: the order works to five decimal places.
SCALE = 100_000


def droop_quota(valid_votes: int, seats: int) -> int:
    """Rule 47: valid votes / (seats + 1), decimals ignored, plus one."""
    return valid_votes // (seats + 1) + 1


def count_stv(
    candidates: Sequence[CandidateId],
    ballots: Iterable[Ballot],
    seats: int,
    *,
    lot_seed: int | None = None,
) -> CountSheet:
    """Count valid ballots by the Scottish rules and return the full count sheet.

    `candidates` in ballot-paper order (a lot draws from them in that order, so a seed replays);
    `lot_seed` starts any lot drawn and is recorded on the sheet (a fresh one when None).
    """
    candidates = tuple(candidates)
    if len(set(candidates)) != len(candidates):
        raise ValueError("A candidate is listed twice.")
    if not 1 <= seats <= len(candidates):
        raise ValueError(f"Cannot fill {seats} seats from {len(candidates)} candidates.")
    grouped = group_ballots(ballots, candidates)
    count = _StvCount(candidates, grouped, seats, LotDrawer(candidates, lot_seed))
    return count.run()


class _StvCount:
    """One count's working state: every paper group's holder, value and place in its ballot."""

    def __init__(
        self,
        candidates: tuple[CandidateId, ...],
        grouped: dict[tuple[CandidateId, ...], int],
        seats: int,
        lots: LotDrawer,
    ) -> None:
        self.candidates = candidates
        self.seats = seats
        self.lots = lots
        groups = [(prefs, weight) for prefs, weight in grouped.items() if weight]
        self.prefs = [prefs for prefs, _ in groups]
        self.weights = [weight for _, weight in groups]
        self.valid_votes = sum(self.weights)
        if not self.valid_votes:
            raise ValueError("There are no valid votes to count.")
        self.quota = droop_quota(self.valid_votes, seats)
        self.quota_units = self.quota * SCALE
        self.values = [SCALE] * len(groups)  # each paper's value, in hundred-thousandths
        self.positions = [0] * len(groups)  # where in its ballot each paper now counts
        self.parcels: dict[CandidateId, list[int]] = {c: [] for c in candidates}
        self.totals = dict.fromkeys(candidates, 0)
        self.continuing = set(candidates)
        self.elected: list[Election] = []
        self.pending: list[CandidateId] = []  # elected, surplus not yet transferred
        self.excluded: list[CandidateId] = []
        self.history: list[dict[CandidateId, int]] = []
        self.stages: list[Stage] = []
        self.non_transferable_total = 0
        self.tie_lots_start = 0
        self.tie_note: str | None = None  # how the tie settled at the coming stage, if any

    def run(self) -> CountSheet:
        self._first_stage()
        while len(self.elected) < self.seats:
            if len(self.continuing) <= self.seats - len(self.elected):
                self._fill_last_vacancies()
                break
            if self.pending:
                self._transfer_surplus(self._whose_surplus_first())
            else:
                self._exclude(self._who_to_exclude())
        return CountSheet(
            candidates=self.candidates,
            seats=self.seats,
            valid_votes=self.valid_votes,
            quota=self.quota,
            stages=self.stages,
            elected=self.elected,
            excluded=self.excluded,
            lots=self.lots.lots,
            lot_seed=self.lots.seed,
        )

    # The stages -----------------------------------------------------------------------------

    def _first_stage(self) -> None:
        """Rule 46: each paper's first preference gets one vote."""
        for index, prefs in enumerate(self.prefs):
            first = prefs[0]
            self.parcels[first].append(index)
            self.totals[first] += self.weights[index] * SCALE
        self._end_stage(Action.FIRST_PREFERENCES, None, None, {}, 0, 0)

    def _transfer_surplus(self, candidate: CandidateId) -> None:
        """Rule 49: all the candidate's papers pass on, each at surplus x value / total."""
        total = self.totals[candidate]
        surplus = total - self.quota_units
        transfers: dict[CandidateId, int] = {}
        exhausted = 0
        for index in self.parcels[candidate]:
            # Floor division is "any remainder being ignored": values are never negative.
            value = surplus * self.values[index] // total
            exhausted += self._pass_on(index, value, transfers)
        self.parcels[candidate] = []
        truncation = surplus - sum(transfers.values()) - exhausted
        self.totals[candidate] = self.quota_units
        self.pending.remove(candidate)
        transfers[candidate] = -surplus
        self._end_stage(Action.SURPLUS, candidate, surplus, transfers, exhausted, truncation)

    def _exclude(self, candidate: CandidateId) -> None:
        """Rule 51: all the candidate's papers pass on at the value each carries."""
        self.continuing.remove(candidate)
        self.excluded.append(candidate)
        transfers: dict[CandidateId, int] = {}
        exhausted = 0
        for index in self.parcels[candidate]:
            exhausted += self._pass_on(index, self.values[index], transfers)
        self.parcels[candidate] = []
        transfers[candidate] = -self.totals[candidate]
        self.totals[candidate] = 0
        self._end_stage(Action.EXCLUSION, candidate, None, transfers, exhausted, 0)

    def _pass_on(self, index: int, value: int, transfers: dict[CandidateId, int]) -> int:
        """Move a paper group to its next available preference at `value` a paper; return the
        votes it carries into the non-transferable pile instead when it has none."""
        prefs = self.prefs[index]
        votes = self.weights[index] * value
        for position in range(self.positions[index] + 1, len(prefs)):
            to = prefs[position]
            if to in self.continuing:
                self.positions[index] = position
                self.values[index] = value
                self.parcels[to].append(index)
                self.totals[to] += votes
                transfers[to] = transfers.get(to, 0) + votes
                return 0
        return votes

    def _fill_last_vacancies(self) -> None:
        """Rule 53: the continuing candidates fill the vacancies left; no more transfers."""
        stage = self.stages[-1]
        for candidate in self._by_total(self.continuing):
            election = Election(candidate, stage.number, ElectedBy.LAST_VACANCIES)
            self.elected.append(election)
            stage.elected.append(election)
        self.continuing.clear()
        stage.elected_so_far = tuple(e.candidate for e in self.elected)

    def _end_stage(
        self,
        action: Action,
        subject: CandidateId | None,
        surplus: int | None,
        transfers: dict[CandidateId, int],
        exhausted: int,
        truncation: int,
    ) -> None:
        """Rule 48 at the end of every stage: whoever reaches the quota is elected."""
        number = len(self.stages) + 1
        reached = [c for c in self._by_total(self.continuing) if self.totals[c] >= self.quota_units]
        newly = []
        for candidate in reached:
            self.continuing.remove(candidate)
            election = Election(candidate, number, ElectedBy.QUOTA)
            self.elected.append(election)
            newly.append(election)
            if self.totals[candidate] > self.quota_units:
                self.pending.append(candidate)
        self.non_transferable_total += exhausted + truncation
        self.history.append(dict(self.totals))
        self.stages.append(
            Stage(
                number=number,
                action=action,
                subject=subject,
                surplus=None if surplus is None else _votes(surplus),
                transfers={c: _votes(v) for c, v in transfers.items()},
                non_transferable=_votes(exhausted + truncation),
                truncation=_votes(truncation),
                non_transferable_total=_votes(self.non_transferable_total),
                totals={c: _votes(v) for c, v in self.totals.items()},
                elected=newly,
                excluded_so_far=tuple(self.excluded),
                elected_so_far=tuple(e.candidate for e in self.elected),
                lots=self.lots.lots[self.tie_lots_start :],
                tie=self.tie_note,
            )
        )
        self.tie_lots_start = len(self.lots.lots)
        self.tie_note = None

    # Choosing, and breaking ties ------------------------------------------------------------

    def _whose_surplus_first(self) -> CandidateId:
        """Rule 50: the highest surplus first (surplus = total - quota, so the highest total)."""
        highest = max(self.totals[c] for c in self.pending)
        tied = [c for c in self.pending if self.totals[c] == highest]
        return self._break_tie(tied, highest=True, purpose="whose surplus to transfer first")

    def _who_to_exclude(self) -> CandidateId:
        """Rule 51: the continuing candidate with the fewest votes."""
        lowest = min(self.totals[c] for c in self.continuing)
        tied = [c for c in self.candidates if c in self.continuing and self.totals[c] == lowest]
        return self._break_tie(tied, highest=False, purpose="whom to exclude")

    def _break_tie(self, tied: list[CandidateId], *, highest: bool, purpose: str) -> CandidateId:
        """Rules 50(2)-(3) and 52(2): look back stage by stage, most recent first, to one where
        the tied candidates' totals differed, and take the highest (surplus) or lowest
        (exclusion) there; if two or more still share it, keep looking back among them. Tied
        at every stage: by lot."""
        if len(tied) == 1:
            return tied[0]
        pick = max if highest else min
        who = ", ".join(str(c) for c in tied)
        for number in range(len(self.history) - 1, 0, -1):
            totals = self.history[number - 1]  # at the end of stage `number`
            best = pick(totals[c] for c in tied)
            tied = [c for c in tied if totals[c] == best]
            if len(tied) == 1:
                self.tie_note = f"{who} were tied; decided by the totals at stage {number}."
                return tied[0]
        stage = len(self.stages) + 1
        chosen = self.lots.draw(tied, number=1, stage=stage, purpose=purpose)[0]
        self.tie_note = f"{who} were tied at every stage; decided by lot."
        return chosen

    def _by_total(self, candidates: Iterable[CandidateId]) -> list[CandidateId]:
        """Highest total first, then ballot-paper order (so the sheet reads the same each time)."""
        order = {c: i for i, c in enumerate(self.candidates)}
        return sorted(candidates, key=lambda c: (-self.totals[c], order[c]))


def _votes(units: int) -> Decimal:
    """Hundred-thousandths of a vote as an exact five-place Decimal."""
    return Decimal(units).scaleb(-5)
