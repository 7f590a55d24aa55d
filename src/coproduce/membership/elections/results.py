"""From stored ballots to a count, and back again for a recount: the one place where ballots
are read and counted. `stored_ballots` refuses before the poll has closed, so no page, task or
query can tally an open poll (administrators included: there is no other path).

The count sheet is kept as JSON shaped for its page: candidates by name, votes as text with
their five decimal places (as the Scottish sheets print them), every stage in order."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from coproduce.membership.elections import counting
from coproduce.membership.elections.choices import AFTER_THE_CLOSE, Method, NominationStatus
from coproduce.membership.elections.models import Ballot, Election, Nomination


class PollStillOpen(Exception):
    """Ballots asked for before the poll closed."""


def ballot_order_key(nomination: Nomination) -> tuple[str, str, int]:
    """Candidates appear in alphabetical order of surname, then of their other names."""
    words = nomination.member.full_name.split()
    surname = words[-1] if words else ""
    return (surname.casefold(), " ".join(words[:-1]).casefold(), nomination.pk)


def candidates(election: Election) -> list[Nomination]:
    """The accepted candidates in ballot-paper order (one query)."""
    found = Nomination.objects.filter(
        election=election, status=NominationStatus.ACCEPTED
    ).select_related("member")
    return sorted(found, key=ballot_order_key)


def ballot_paper(election: Election) -> list[Nomination]:
    """The accepted candidates in ballot-paper order, with their names and statements and
    nothing else: what the ballot, its check and its casting show or need. Read for every
    vote, so kept small (one query)."""
    found = (
        Nomination.objects.filter(election=election, status=NominationStatus.ACCEPTED)
        .select_related("member")
        .only("pk", "statement", "member__full_name")
    )
    return sorted(found, key=ballot_order_key)


@dataclass(frozen=True)
class StoredBallot:
    preferences: tuple[int, ...]
    rejection: str


def stored_ballots(election: Election) -> list[StoredBallot]:
    """Every ballot of the election, in no meaningful order; only after the poll has closed."""
    if election.status not in AFTER_THE_CLOSE:
        raise PollStillOpen("Ballots cannot be read before the poll has closed.")
    rows = Ballot.objects.filter(election=election).order_by("pk")
    return [
        StoredBallot(tuple(preferences), rejection)
        for preferences, rejection in rows.values_list("preferences", "rejection")
    ]


@dataclass(frozen=True)
class Counted:
    sheet: dict
    elected: tuple[int, ...]
    elected_names: list[str]


def _votes(value: Decimal | int) -> str:
    return f"{value:.5f}" if isinstance(value, Decimal) else str(value)


def count(election: Election, ballots: Iterable[StoredBallot], *, lot_seed: int) -> Counted:
    """Counts the ballots by the election's method and shapes the sheet for keeping."""
    standing = candidates(election)
    ids = [n.pk for n in standing]
    names = {n.pk: n.member.full_name for n in standing}
    ballots = list(ballots)
    valid = [counting.Ballot(b.preferences) for b in ballots if not b.rejection]
    rejected: dict[str, int] = {}
    for ballot in ballots:
        if ballot.rejection:
            rejected[ballot.rejection] = rejected.get(ballot.rejection, 0) + 1
    common = {
        "method": election.method,
        "seats": election.seats,
        "candidates": [names[i] for i in ids],
        "papers": len(ballots),
        "rejected": rejected,
        "lot_seed": str(lot_seed),
    }
    if not valid:
        return Counted({**common, "valid_votes": 0, "no_votes": True}, (), [])
    if election.method == Method.FPTP:
        fptp = counting.count_fptp(ids, valid, election.seats, lot_seed=lot_seed)
        sheet = {
            **common,
            "valid_votes": fptp.valid_votes,
            "totals": [
                {"candidate": names[i], "votes": fptp.totals[i], "elected": i in fptp.elected}
                for i in sorted(ids, key=lambda i: -fptp.totals[i])
            ],
            "lots": [_lot(lot, names) for lot in fptp.lots],
        }
        elected = tuple(int(str(i)) for i in fptp.elected)
    else:
        stv = counting.count_stv(ids, valid, election.seats, lot_seed=lot_seed)
        stv.assert_balanced()
        sheet = {**common, **_stv_sheet(stv, names)}
        elected = tuple(int(str(i)) for i in stv.elected_candidates)
    return Counted(sheet, elected, [names[i] for i in elected])


def _lot(lot: counting.Lot, names: dict) -> dict:
    return {
        "stage": lot.stage,
        "purpose": lot.purpose,
        "tied": [names[c] for c in lot.tied],
        "chosen": [names[c] for c in lot.chosen],
    }


def _stv_sheet(sheet: counting.CountSheet, names: dict) -> dict:
    def name(candidate) -> str:
        return names[candidate]

    return {
        "valid_votes": sheet.valid_votes,
        "quota": sheet.quota,
        "stages": [
            {
                "number": stage.number,
                "action": str(stage.action),
                "subject": name(stage.subject) if stage.subject is not None else None,
                "description": (
                    "First preferences counted"
                    if stage.subject is None
                    else f"Surplus of {name(stage.subject)} ({stage.surplus}) transferred"
                    if stage.action is counting.Action.SURPLUS
                    else f"{name(stage.subject)} excluded"
                ),
                "transfers": {name(c): _votes(v) for c, v in stage.transfers.items()},
                "totals": {name(c): _votes(v) for c, v in stage.totals.items()},
                "non_transferable": _votes(stage.non_transferable),
                "truncation": _votes(stage.truncation),
                "non_transferable_total": _votes(stage.non_transferable_total),
                "elected": [
                    {"candidate": name(e.candidate), "by": str(e.by)} for e in stage.elected
                ],
                "tie": stage.tie,
                "lots": [_lot(lot, names) for lot in stage.lots],
            }
            for stage in sheet.stages
        ],
        "elected_by": [{"candidate": name(e.candidate), "stage": e.stage} for e in sheet.elected],
        "excluded": [name(c) for c in sheet.excluded],
    }


def recount(
    election: Election, declared: Sequence[int], ballots: Iterable[StoredBallot], lot_seed: int
) -> tuple[Counted, bool]:
    """Counts again, with the declared count's seed, and says whether the same candidates are
    elected."""
    again = count(election, ballots, lot_seed=lot_seed)
    return again, sorted(again.elected) == sorted(declared)
