"""Which moves an invitation's status may make, in one table, checked in one place.

Each move has a name, the statuses it may start from and the statuses it may lead to. A move
from any other status, or to any other status, is refused. The services make the moves
(services/invitations.py) and audit each one; they ask `may` first so they can tell people why
not in their own words, and change the status with `move`, which checks the table again.

The name matters: someone on the waiting list cannot accept again, but is given a place when
one frees; a cancelled invitation cannot be accepted, but the team can record after the meeting
that the expert had a place."""

from coproduce.opportunities.choices import InvitationStatus

INVITED = InvitationStatus.INVITED
ACCEPTED = InvitationStatus.ACCEPTED
DECLINED = InvitationStatus.DECLINED
WAITING = InvitationStatus.WAITING
CANCELLED = InvitationStatus.CANCELLED

# name: (the statuses it may start from, the statuses it may lead to)
INVITATION_MOVES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # Says yes: a place if one is free, otherwise the waiting list. Someone who said no may
    # change their mind.
    "accept": (frozenset({INVITED, DECLINED}), frozenset({ACCEPTED, WAITING})),
    # Says no (someone with a place who says no cancels it instead).
    "decline": (frozenset({INVITED, WAITING}), frozenset({DECLINED})),
    # The expert can no longer come, or leaves the waiting list.
    "cancel": (frozenset({ACCEPTED, WAITING}), frozenset({CANCELLED})),
    # The team takes back an invitation that is still open.
    "withdraw": (frozenset({INVITED, ACCEPTED, WAITING}), frozenset({CANCELLED})),
    # A place freed: whoever has waited longest gets it.
    "give a place from the waiting list": (frozenset({WAITING}), frozenset({ACCEPTED})),
    # The team records, after the meeting, that the expert had a place.
    "record a place after the meeting": (
        frozenset({INVITED, DECLINED, WAITING, CANCELLED}),
        frozenset({ACCEPTED}),
    ),
}

# The same table by status: the statuses an invitation may move to from each status.
INVITATION_TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset().union(
        *(ends for starts, ends in INVITATION_MOVES.values() if status in starts)
    )
    for status in InvitationStatus
}


class InvitationMoveRefused(Exception):
    """The invitation's status does not allow the move. The services check `may` first and
    say why in their own words, so this means a service skipped the table."""


def may(status: str, move: str) -> bool:
    """Whether an invitation with this status may make the move (a key of INVITATION_MOVES)."""
    return status in INVITATION_MOVES[move][0]


def check_transition(current: str, to: str) -> None:
    """Refuses a status change the table does not allow."""
    if to not in INVITATION_TRANSITIONS[current]:
        raise InvitationMoveRefused(
            f"An invitation that is {InvitationStatus(current).label.lower()} cannot become "
            f"{InvitationStatus(to).label.lower()}"
        )


def move(invitation, name: str, to: str | None = None) -> str:
    """Makes the move on the invitation (not saved) and returns the status it had before. `to`
    chooses between the move's ends when it has more than one."""
    starts, ends = INVITATION_MOVES[name]
    if to is None:
        if len(ends) != 1:
            raise ValueError(f"Say which status {name!r} leads to")
        (to,) = ends
    before = invitation.status
    if before not in starts or to not in ends:
        raise InvitationMoveRefused(
            f"An invitation that is {InvitationStatus(before).label.lower()} cannot be moved "
            f"by {name!r} to {InvitationStatus(to).label.lower()}"
        )
    invitation.status = to
    return before
