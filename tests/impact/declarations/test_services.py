"""Writing, submitting and changing a declaration; the board's review with follow-ups; and a
follow-up done: each move of the status allowed or refused, and each audited."""

from datetime import date

import pytest

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.impact.declarations import services
from coproduce.impact.declarations.models import Declaration, FollowUp, Status
from coproduce.impact.declarations.services import About, FollowUpWords
from tests.factories import GroupFactory, UserFactory
from tests.impact.declarations.helpers import declaration, entry_words

pytestmark = pytest.mark.django_db


def _events(action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_a_declaration_is_a_draft_until_submitted_and_submitting_is_audited():
    made = declaration(entries=2)
    assert made.status == Status.DRAFT
    assert not _events(AuditEvent.Action.DECLARATION_SUBMITTED)
    assert not _events(AuditEvent.Action.DECLARATION_CHANGED)  # drafts change quietly
    submitted = services.submit(actor=made.owner, declaration=made)
    assert submitted.status == Status.WAITING
    assert submitted.submitted_at is not None
    [event] = _events(AuditEvent.Action.DECLARATION_SUBMITTED)
    assert event.changes["Status"] == ["Draft", "Waiting for the board"]
    assert "Designing the new crisis line" in event.changes["Entries"][1]


def test_a_declaration_with_no_entries_cannot_be_submitted():
    made = declaration(entries=0)
    with pytest.raises(services.DeclarationError, match="Add at least one place"):
        services.submit(actor=made.owner, declaration=made)
    made.refresh_from_db()
    assert made.status == Status.DRAFT


def test_a_declaration_is_submitted_once():
    made = declaration(submit=True)
    with pytest.raises(services.DeclarationError, match="already been submitted"):
        services.submit(actor=made.owner, declaration=made)


def test_the_board_review_records_status_comments_and_follow_ups_and_is_audited(coordinator):
    made = declaration(submit=True)
    meeting = services.plan_meeting(
        actor=coordinator, held_on=date(2026, 6, 3), group=GroupFactory(kind="coproduction_board")
    )
    review = services.review(
        actor=coordinator,
        meeting=meeting,
        declaration=made,
        decision=Status.FOLLOW_UPS,
        comments="Good work with carers.",
        follow_ups=[
            FollowUpWords(what="Tell carers what changed", who="Sam", due_on=date(2026, 7, 1))
        ],
    )
    made.refresh_from_db()
    assert made.status == Status.FOLLOW_UPS
    assert review.follow_ups.get().declaration == made
    [event] = _events(AuditEvent.Action.DECLARATION_REVIEWED)
    assert event.changes["Status"] == ["Waiting for the board", "Agreed with follow-ups"]
    assert "Tell carers what changed (Sam, by" in event.changes["Follow-ups"][1]
    # Reviewed since it last changed: the board cannot review it again.
    with pytest.raises(services.DeclarationError, match="already reviewed"):
        services.review(
            actor=coordinator,
            meeting=meeting,
            declaration=made,
            decision=Status.AGREED,
            comments="",
            follow_ups=[],
        )


def test_a_draft_cannot_be_reviewed(coordinator):
    made = declaration()
    meeting = services.plan_meeting(actor=coordinator, held_on=date(2026, 6, 3), group=None)
    with pytest.raises(services.DeclarationError):
        services.review(
            actor=coordinator,
            meeting=meeting,
            declaration=made,
            decision=Status.AGREED,
            comments="",
            follow_ups=[],
        )


def test_a_change_after_review_is_audited_and_sends_it_back_to_the_board(coordinator):
    made = declaration(submit=True)
    meeting = services.plan_meeting(actor=coordinator, held_on=date(2026, 6, 3), group=None)
    services.review(
        actor=coordinator,
        meeting=meeting,
        declaration=made,
        decision=Status.NEEDS_WORK,
        comments="Say what effect it had on carers.",
        follow_ups=[],
    )
    entry = made.entries.get()
    services.change_entry(
        actor=made.owner, entry=entry, words=entry_words(effect="Carers now get a call back")
    )
    made.refresh_from_db()
    assert made.status == Status.WAITING
    assert made.changed_at is not None
    [event] = _events(AuditEvent.Action.DECLARATION_CHANGED)
    before, after = event.changes["Entry"]
    assert "two rings" in before and "Carers now get a call back" in after
    assert event.changes["Status"] == ["Needs more work", "Waiting for the board"]

    services.add_entry(
        actor=made.owner,
        declaration=made,
        words=entry_words(where="Ward rounds", happened=False, effect=""),
    )
    services.change_about(
        actor=made.owner,
        declaration=made,
        about=About(name="Crisis care 2026", team=made.team, description=made.description),
    )
    services.remove_entry(actor=made.owner, entry=made.entries.get(where="Ward rounds"))
    events = _events(AuditEvent.Action.DECLARATION_CHANGED)
    assert len(events) == 4
    assert events[2].changes["Name"] == ["Crisis care", "Crisis care 2026"]
    assert "Ward rounds" in events[3].changes["Entry removed"][0]


def test_an_unchanged_save_is_not_audited():
    made = declaration(submit=True)
    entry = made.entries.get()
    services.change_entry(actor=made.owner, entry=entry, words=entry_words())
    services.change_about(
        actor=made.owner,
        declaration=made,
        about=About(name=made.name, team=made.team, description=made.description),
    )
    assert not _events(AuditEvent.Action.DECLARATION_CHANGED)


def test_a_follow_up_is_marked_done_once_and_audited(coordinator):
    made = declaration(submit=True)
    meeting = services.plan_meeting(actor=coordinator, held_on=date(2026, 6, 3), group=None)
    services.review(
        actor=coordinator,
        meeting=meeting,
        declaration=made,
        decision=Status.FOLLOW_UPS,
        comments="",
        follow_ups=[FollowUpWords(what="Write to carers", who="Sam", due_on=date(2026, 7, 1))],
    )
    follow_up = FollowUp.objects.get()
    services.mark_done(actor=made.owner, follow_up=follow_up)
    follow_up.refresh_from_db()
    assert follow_up.done and follow_up.done_by == made.owner
    assert len(_events(AuditEvent.Action.FOLLOW_UP_DONE)) == 1
    with pytest.raises(services.DeclarationError, match="already marked"):
        services.mark_done(actor=made.owner, follow_up=follow_up)


def test_the_involvement_team_may_start_one_for_a_programme_manager(coordinator):
    manager = UserFactory(role=Role.STAFF)
    made = declaration(owner=manager)
    other = services.start_declaration(
        actor=coordinator,
        owner=manager,
        about=About(name="Ward design", team=made.team, description="New wards"),
    )
    assert (other.owner, other.written_by) == (manager, coordinator)
    assert Declaration.objects.filter(owner=manager).count() == 2
