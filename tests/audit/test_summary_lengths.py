"""An audit summary is never cut silently: one too long is refused, names and titles quoted in
one are shortened on purpose (with "…"), and what a person writes is checked in the form."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from coproduce.accounts.admin_site import audit_admin_change
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.opportunities.forms.sessions import CancelSessionForm
from coproduce.opportunities.services import groups
from coproduce.opportunities.services.invitations import (
    REASON_TOO_LONG,
    InvitationError,
    decline_invitation,
)
from coproduce.people.models import Expert
from tests.factories import ExpertFactory, GroupFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def test_a_summary_too_long_for_the_trail_is_refused_not_cut(coordinator):
    expert = ExpertFactory()
    with pytest.raises(ValueError, match="at most 300 characters"):
        audit.record_change(
            actor=coordinator, instance=expert, action=AuditEvent.Action.UPDATED, summary="x" * 301
        )
    event = audit.record_change(
        actor=coordinator, instance=expert, action=AuditEvent.Action.UPDATED, summary="y" * 300
    )
    assert event.summary == "y" * 300


def test_shortened_keeps_short_text_whole_and_marks_long_text():
    assert audit.shortened("Carers' panel", 20) == "Carers' panel"
    assert audit.shortened("a" * 30, 10) == "a" * 9 + "…"


def test_joining_a_group_with_the_longest_names_is_recorded_with_the_whole_name(coordinator):
    expert = ExpertFactory(full_name="N" * 150)
    group = GroupFactory(name="G" * 200)
    groups.add_member(
        actor=coordinator, group=group, expert=expert, role="member", joined_on="2026-01-05"
    )
    summary = AuditEvent.objects.get(model="opportunities.membership").summary
    assert len(summary) <= 300
    assert summary.startswith("N" * 150 + " joined G")
    assert summary.endswith("…")


def test_a_reason_for_saying_no_too_long_to_keep_is_refused_with_a_message(expert):
    invitation = InvitationFactory(expert=expert)
    with pytest.raises(InvitationError) as refused:
        decline_invitation(invitation=invitation, by=expert.user, reason="r" * 101)
    assert str(refused.value) == REASON_TOO_LONG == "Give your reason in 100 characters or fewer"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DECLINED).exists()


def test_the_longest_reason_and_title_are_kept_whole_enough(expert):
    invitation = InvitationFactory(expert=expert, session__opportunity__title="T" * 200)
    decline_invitation(invitation=invitation, by=expert.user, reason="r" * 100)
    summary = AuditEvent.objects.get(action=AuditEvent.Action.DECLINED).summary
    assert len(summary) <= 300
    assert summary.startswith(f"Declined ({'r' * 100}): TTT")
    assert "…" in summary


def test_a_session_cancellation_reason_is_checked_in_the_form():
    form = CancelSessionForm(data={"reason": "x" * 281})
    assert form.errors["reason"] == ["Enter why it is cancelled in 280 characters or fewer"]
    assert CancelSessionForm(data={"reason": "x" * 280}).is_valid()


def test_a_long_change_made_in_the_django_admin_is_shortened_on_purpose(coordinator):
    entry = LogEntry(
        user=coordinator,
        content_type=ContentType.objects.get_for_model(Expert),
        object_id="1",
        object_repr="Someone",
        action_flag=CHANGE,
        change_message="c" * 400,
    )
    audit_admin_change(sender=LogEntry, instance=entry, created=True)
    summary = AuditEvent.objects.get(model="people.expert").summary
    assert len(summary) <= 300
    assert summary.startswith("Through the Django admin: ccc")
    assert summary.endswith("…")
