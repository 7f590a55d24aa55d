"""Which moves a claim's status may make, in one table, checked in one place.

Each move has a name, the statuses it may start from and the status it leads to. A move from
any other status is refused. The services make the moves (services/approval.py, expenses.py,
involvement.py, runs.py) and audit each one; they ask `may` first so they can tell people why
not in their own words, and change the status with `move`, which checks the table again.

The same name can matter: "check" and "adjust" both lead to CHECKED, but only a submitted claim
can be checked, while an involvement payment whose amount changed goes back to CHECKED from
wherever it was, short of paid."""

from coproduce.payments.choices import ClaimStatus

SUBMITTED = ClaimStatus.SUBMITTED
CHECKED = ClaimStatus.CHECKED
APPROVED = ClaimStatus.APPROVED
REJECTED = ClaimStatus.REJECTED
PAID = ClaimStatus.PAID
WITHDRAWN = ClaimStatus.WITHDRAWN
RETURNED = ClaimStatus.RETURNED

# Every status but paid: a payment in a payment run never changes.
NOT_PAID = frozenset(ClaimStatus) - {PAID}

# name: (the statuses it may start from, the status it leads to)
CLAIM_MOVES: dict[str, tuple[frozenset[str], str]] = {
    # The involvement team has checked the claim and passes it to finance.
    "check": (frozenset({SUBMITTED}), CHECKED),
    "approve": (frozenset({SUBMITTED, CHECKED}), APPROVED),
    "reject": (frozenset({SUBMITTED, CHECKED}), REJECTED),
    # Back to the expert to correct (expenses only, checked by the service).
    "send back": (frozenset({SUBMITTED, CHECKED}), RETURNED),
    "send again": (frozenset({RETURNED}), SUBMITTED),
    # Into a payment run.
    "pay": (frozenset({APPROVED}), PAID),
    # An involvement payment whose attendance was corrected to "not paid" before it was paid.
    "withdraw": (NOT_PAID - {WITHDRAWN}, WITHDRAWN),
    # An involvement payment whose amount changed (or that is owed again) before it was paid:
    # it needs approving again.
    "adjust": (NOT_PAID, CHECKED),
}

# The same table by status: the statuses a claim may move to from each status.
CLAIM_TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(to for starts, to in CLAIM_MOVES.values() if status in starts)
    for status in ClaimStatus
}


class ClaimMoveRefused(Exception):
    """The claim's status does not allow the move. The services check `may` first and say
    why in their own words, so this means a service skipped the table."""


def may(status: str, move: str) -> bool:
    """Whether a claim with this status may make the move (a key of CLAIM_MOVES)."""
    return status in CLAIM_MOVES[move][0]


def check_transition(current: str, to: str) -> None:
    """Refuses a status change the table does not allow."""
    if to not in CLAIM_TRANSITIONS[current]:
        raise ClaimMoveRefused(
            f"A claim that is {ClaimStatus(current).label.lower()} cannot become "
            f"{ClaimStatus(to).label.lower()}"
        )


def move(claim, name: str) -> str:
    """Makes the move on the claim (not saved) and returns the status it had before."""
    starts, to = CLAIM_MOVES[name]
    before = claim.status
    if before not in starts:
        raise ClaimMoveRefused(
            f"A claim that is {ClaimStatus(before).label.lower()} cannot be moved by {name!r}"
        )
    claim.status = to
    return before
