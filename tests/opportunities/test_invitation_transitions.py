"""The table of moves an invitation's status may make (opportunities/transitions.py): every
move from every status to every status, every change from every status to every other, and
each service going through it."""

from datetime import timedelta
from itertools import product
from types import SimpleNamespace

import pytest
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.opportunities import answer_links
from coproduce.opportunities.choices import InvitationStatus
from coproduce.opportunities.services import invitations as services
from coproduce.opportunities.transitions import (
    INVITATION_MOVES,
    INVITATION_TRANSITIONS,
    InvitationMoveRefused,
    check_transition,
    may,
    move,
)
from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory, UserFactory

S = InvitationStatus
EVERY = list(InvitationStatus)

# Written out by hand, so a change to the table has to be made twice, on purpose.
# name: (the statuses it may start from, the statuses it may lead to)
ALLOWED_MOVES = {
    "accept": ({S.INVITED, S.DECLINED}, {S.ACCEPTED, S.WAITING}),
    "decline": ({S.INVITED, S.WAITING}, {S.DECLINED}),
    "cancel": ({S.ACCEPTED, S.WAITING}, {S.CANCELLED}),
    "withdraw": ({S.INVITED, S.ACCEPTED, S.WAITING}, {S.CANCELLED}),
    "give a place from the waiting list": ({S.WAITING}, {S.ACCEPTED}),
    "record a place after the meeting": (
        {S.INVITED, S.DECLINED, S.WAITING, S.CANCELLED},
        {S.ACCEPTED},
    ),
}
ALLOWED_CHANGES = {
    S.INVITED: {S.ACCEPTED, S.WAITING, S.DECLINED, S.CANCELLED},
    S.ACCEPTED: {S.CANCELLED},
    S.WAITING: {S.ACCEPTED, S.DECLINED, S.CANCELLED},
    S.DECLINED: {S.ACCEPTED, S.WAITING},
    S.CANCELLED: {S.ACCEPTED},
}


def test_the_table_names_every_move_and_every_status():
    assert set(INVITATION_MOVES) == set(ALLOWED_MOVES)
    assert set(INVITATION_TRANSITIONS) == set(EVERY)


@pytest.mark.parametrize(("name", "status", "to"), list(product(ALLOWED_MOVES, EVERY, EVERY)))
def test_every_move_from_every_status_to_every_status(name, status, to):
    starts, ends = ALLOWED_MOVES[name]
    invitation = SimpleNamespace(status=status)
    assert may(status, name) == (status in starts)
    if status in starts and to in ends:
        assert move(invitation, name, to=to) == status
        assert invitation.status == to
    else:
        with pytest.raises(InvitationMoveRefused):
            move(invitation, name, to=to)
        assert invitation.status == status


@pytest.mark.parametrize(("current", "to"), list(product(EVERY, EVERY)))
def test_every_change_from_every_status_to_every_other(current, to):
    if to in ALLOWED_CHANGES[current]:
        check_transition(current, to)
    else:
        with pytest.raises(InvitationMoveRefused, match="cannot become"):
            check_transition(current, to)


def test_a_move_with_two_ends_must_say_which():
    with pytest.raises(ValueError, match="Say which status"):
        move(SimpleNamespace(status=S.INVITED), "accept")


@pytest.mark.parametrize(
    ("name", "words"), [("accept", services.CANNOT_ACCEPT), ("decline", services.CANNOT_DECLINE)]
)
def test_every_answer_the_table_refuses_has_words_for_the_person(name, words):
    refused = {status for status in EVERY if not may(status, name)}
    if name == "decline":
        refused.discard(S.ACCEPTED)  # someone with a place who says no cancels it instead
    assert set(words) == refused


# Each service goes through the table, and refuses in the words people already see.


def invitation(status: str, **session_options):
    return InvitationFactory(status=status, session=SessionFactory(**session_options))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "words"),
    [
        (S.ACCEPTED, "You already have a place at this meeting"),
        (S.WAITING, "You are already on the waiting list for this meeting"),
        (S.CANCELLED, answer_links.INVITATION_WITHDRAWN),
    ],
)
def test_accepting_is_refused_from_where_the_table_says(status, words):
    place = invitation(status)
    with pytest.raises(services.InvitationError) as refused:
        services.accept_invitation(invitation=place)
    assert refused.value.message == words
    place.refresh_from_db()
    assert place.status == status


@pytest.mark.django_db
def test_someone_who_said_no_can_change_their_mind():
    place = invitation(S.DECLINED)
    assert services.accept_invitation(invitation=place).status == S.ACCEPTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "words"),
    [
        (S.DECLINED, "You have already said no to this meeting"),
        (S.CANCELLED, answer_links.INVITATION_WITHDRAWN),
    ],
)
def test_declining_is_refused_from_where_the_table_says(status, words):
    place = invitation(status)
    with pytest.raises(services.InvitationError) as refused:
        services.decline_invitation(invitation=place)
    assert refused.value.message == words


@pytest.mark.django_db
def test_declining_with_a_place_cancels_it():
    place = invitation(S.ACCEPTED)
    assert services.decline_invitation(invitation=place).status == S.CANCELLED


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.INVITED, S.DECLINED, S.CANCELLED])
def test_cancelling_without_a_place_is_refused(status):
    with pytest.raises(services.InvitationError, match="^There is no place to cancel$"):
        services.cancel_booking(invitation=invitation(status))


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.DECLINED, S.CANCELLED])
def test_withdrawing_an_invitation_that_is_not_open_is_refused(status):
    with pytest.raises(services.InvitationError, match="still open can be withdrawn"):
        services.withdraw_invitation(
            invitation=invitation(status), by=UserFactory(role=Role.COORDINATOR)
        )


@pytest.mark.django_db
def test_a_cancelled_invitation_can_be_recorded_as_a_place_after_the_meeting():
    place = invitation(S.CANCELLED, starts_at=timezone.now() - timedelta(days=1))
    given = services.record_place_after_the_event(
        actor=UserFactory(role=Role.COORDINATOR), session=place.session, expert=place.expert
    )
    assert given.pk == place.pk
    assert given.status == S.ACCEPTED


@pytest.mark.django_db
def test_a_freed_place_goes_to_the_waiting_list_through_the_table(monkeypatch):
    session = SessionFactory(opportunity=OpportunityFactory(places=1))
    holder, waiting = InvitationFactory.create_batch(2, session=session)
    services.accept_invitation(invitation=holder)
    services.accept_invitation(invitation=waiting)
    monkeypatch.setitem(
        INVITATION_MOVES,
        "give a place from the waiting list",
        (frozenset(), frozenset({S.ACCEPTED})),
    )
    with pytest.raises(InvitationMoveRefused):
        services.cancel_booking(invitation=holder)
    holder.refresh_from_db()
    assert holder.status == S.ACCEPTED


@pytest.mark.django_db
def test_accepting_asks_the_table(monkeypatch):
    """Taking "declined" out of accept's starts means someone who said no cannot say yes."""
    monkeypatch.setitem(
        INVITATION_MOVES, "accept", (frozenset({S.INVITED}), frozenset({S.ACCEPTED, S.WAITING}))
    )
    monkeypatch.setitem(services.CANNOT_ACCEPT, S.DECLINED, "You said no")
    with pytest.raises(services.InvitationError, match="You said no"):
        services.accept_invitation(invitation=invitation(S.DECLINED))


@pytest.mark.django_db
def test_withdrawing_asks_the_table(monkeypatch):
    monkeypatch.setitem(INVITATION_MOVES, "withdraw", (frozenset(), frozenset({S.CANCELLED})))
    with pytest.raises(services.InvitationError, match="still open can be withdrawn"):
        services.withdraw_invitation(
            invitation=invitation(S.INVITED), by=UserFactory(role=Role.COORDINATOR)
        )
