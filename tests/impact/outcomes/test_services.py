"""Recording an outcome: refused with a clear message for work with no sessions or none held,
audited when recorded and when corrected (the earlier wording kept), and the experts who
attended told once each, through a real SMTP server, respecting who we may contact."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.impact.outcomes import services
from coproduce.impact.outcomes.models import Outcome, OutcomeWeeks, Telling
from coproduce.impact.outcomes.tasks import tell_experts
from coproduce.people.choices import Channel, Status
from tests.factories import ExpertFactory, OpportunityFactory, SessionFactory
from tests.impact.outcomes.helpers import NOTHING, SAID_DID, held_work

pytestmark = pytest.mark.django_db


def _to(smtp_server, address):
    return [m for to, m in smtp_server.messages if to == [address]]


def _record(actor, work, capture, wording=SAID_DID):
    with capture(execute=True):
        return services.record_outcome(actor=actor, opportunity=work, wording=wording)


def test_an_outcome_for_work_with_no_sessions_is_refused_and_nothing_is_saved(coordinator):
    work = OpportunityFactory()
    with pytest.raises(services.NothingHeldYet, match="no sessions"):
        services.record_outcome(actor=coordinator, opportunity=work, wording=SAID_DID)
    assert not Outcome.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.OUTCOME_RECORDED).exists()


def test_an_outcome_before_any_session_is_held_is_refused_saying_when_it_can_be(coordinator):
    work = OpportunityFactory()
    SessionFactory(opportunity=work, starts_at=timezone.now() + timedelta(days=3))
    SessionFactory(
        opportunity=work, starts_at=timezone.now() - timedelta(days=3), status="cancelled"
    )
    with pytest.raises(services.NothingHeldYet, match="No session of this work has been held"):
        services.record_outcome(actor=coordinator, opportunity=work, wording=SAID_DID)
    assert not Outcome.objects.exists()


def test_recording_is_audited_and_each_expert_who_attended_is_told_once(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    rosa = ExpertFactory(full_name="Rosa Diaz", preferred_name="Rosa", email="rosa@example.net")
    work = held_work(experts=[rosa], title="Discharge letters review")
    ExpertFactory(email="absent@example.net")  # not at the work: never told
    outcome = _record(coordinator, work, django_capture_on_commit_callbacks)

    (message,) = _to(smtp_server, "rosa@example.net")
    assert message["Subject"].strip() == "What happened after ‘Discharge letters review’"
    body = message.get_body(("plain",)).get_content()
    assert "Hello Rosa" in body
    assert "You said: The discharge letter was full of jargon" in body
    assert "We did: We rewrote it with experts" in body
    assert "/outcomes/what-happened-next/" in body
    assert len(smtp_server.messages) == 1

    telling = Telling.objects.get()
    assert (telling.expert, telling.how, telling.round) == (rosa, "email", 1)
    assert telling.words["you_said_we_did"][1]["did"] == "Carers now get a copy"
    outcome.refresh_from_db()
    assert outcome.told_at == telling.told_at is not None
    recorded = AuditEvent.objects.get(action=AuditEvent.Action.OUTCOME_RECORDED)
    assert recorded.subject_id == str(work.pk)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.OUTCOME_TOLD, subject_id=str(rosa.pk)
    ).exists()

    # However often the task runs again, nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert tell_experts.call(outcome.pk) == 0
    assert len(smtp_server.messages) == 1


def test_nobody_we_may_not_contact_is_told(
    smtp_server, coordinator, django_capture_on_commit_callbacks
):
    left = ExpertFactory(email="left@example.net", status=Status.LEFT)
    restricted = ExpertFactory(email="restricted@example.net", restricted_at=timezone.now())
    no_address = ExpertFactory(email="", phone="", preferred_channel=Channel.EMAIL)
    texter = ExpertFactory(email="", phone="+447700900456", preferred_channel=Channel.TEXT)
    work = held_work(experts=[left, restricted, no_address, texter])
    _record(coordinator, work, django_capture_on_commit_callbacks)
    assert smtp_server.messages == []
    problems = dict(Telling.objects.values_list("expert_id", "problem"))
    assert problems[left.pk] == problems[restricted.pk] == "Not sent: we may not contact them"
    assert problems[no_address.pk] == "Not sent: there is no email address or mobile number"
    assert Telling.objects.get(expert=texter).how == "text"


def test_a_second_outcome_for_the_same_work_is_refused(coordinator):
    work = held_work(experts=1)
    services.record_outcome(actor=coordinator, opportunity=work, wording=SAID_DID)
    with pytest.raises(services.OutcomeError, match="already been recorded"):
        services.record_outcome(actor=coordinator, opportunity=work, wording=NOTHING)
    assert Outcome.objects.count() == 1


def test_a_correction_keeps_the_earlier_wording_and_tells_again_only_when_asked(
    smtp_server, coordinator, staff_member, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(email="eve@example.net")
    work = held_work(experts=[expert])
    outcome = _record(coordinator, work, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_outcome(
            actor=staff_member, outcome=outcome, wording=NOTHING, tell_experts=False
        )
    assert len(smtp_server.messages) == 1
    changed = AuditEvent.objects.get(action=AuditEvent.Action.OUTCOME_CHANGED)
    assert changed.changes["Something changed"] == ["yes", "no"]
    before, after = changed.changes["You said, we did"]
    assert "The discharge letter was full of jargon" in before
    assert after == ""
    outcome.refresh_from_db()
    assert (outcome.changed, outcome.round, outcome.changed_by) == (False, 1, staff_member)

    with django_capture_on_commit_callbacks(execute=True):
        services.correct_outcome(
            actor=staff_member, outcome=outcome, wording=SAID_DID, tell_experts=True
        )
    assert len(_to(smtp_server, "eve@example.net")) == 2
    latest = _to(smtp_server, "eve@example.net")[-1].get_body(("plain",)).get_content()
    assert "We have changed what we told you before" in latest
    assert Telling.objects.filter(expert=expert).count() == 2


def test_a_correction_that_changes_nothing_is_refused(coordinator):
    outcome = services.record_outcome(
        actor=coordinator, opportunity=held_work(experts=1), wording=SAID_DID
    )
    with pytest.raises(services.OutcomeError, match="not changed anything"):
        services.correct_outcome(
            actor=coordinator, outcome=outcome, wording=SAID_DID, tell_experts=False
        )
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.OUTCOME_CHANGED).exists()


def test_the_weeks_are_stored_and_audited(involvement_lead):
    assert OutcomeWeeks.current().weeks == 8
    services.set_weeks(actor=involvement_lead, weeks=6)
    assert OutcomeWeeks.current().weeks == 6
    event = AuditEvent.objects.get(action=AuditEvent.Action.OUTCOME_WEEKS_SET)
    assert event.changes == {"Weeks after the last session": [8, 6]}
    assert event.summary == "Outcomes are due 6 weeks after the last session"
