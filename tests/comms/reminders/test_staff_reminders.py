"""Reminders to staff, through a real SMTP server: claims waiting too long to be checked (to the
involvement team) or approved (to finance), and outcomes overdue (to who the organisation
chose). Each claim or piece of work is in one reminder to each person, however often the
schedule runs; confidential work is named only to its named staff; each person can turn theirs
off."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from coproduce.comms.reminders import queries, services
from coproduce.comms.reminders.models import Kind, OutcomeWho, SentReminder
from coproduce.comms.reminders.tasks import send_claim_reminders, send_outcome_reminders
from coproduce.payments.models import Claim
from tests.comms.reminders.helpers import set_settings
from tests.factories import UserFactory
from tests.impact.outcomes.helpers import held_work
from tests.payments.claim_helpers import checked_claim, expense_claim

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _morning(settings, policy):
    settings.INVOLVEMENT_TEAM_EMAIL = "team@example.org"
    with time_machine.travel("2026-06-15 09:00 +01:00", tick=False):
        yield


def _to(smtp_server, address):
    return [m for to, m in smtp_server.messages if to == [address]]


def _plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def _aged(claim: Claim, days: int, field: str = "submitted_at") -> Claim:
    Claim.objects.filter(pk=claim.pk).update(**{field: timezone.now() - timedelta(days=days)})
    return claim


def test_claims_waiting_to_be_checked_remind_the_team_once(smtp_server, coordinator):
    coordinator.email = "cora@example.org"
    coordinator.save()
    old = _aged(expense_claim(), 6)
    _aged(expense_claim(), 2)  # not waiting long enough yet
    assert send_claim_reminders.call() >= 1
    (message,) = _to(smtp_server, "cora@example.org")
    assert message["Subject"] == "Claims waiting to be checked: 1 item"
    text = _plain(message)
    assert old.expert.display_name in text
    assert "£8.40" in text
    assert "/payments/claims/" in text
    assert "/reminders/staff/" in text
    count = len(smtp_server.messages)
    assert send_claim_reminders.call() == 0
    assert len(smtp_server.messages) == count
    assert SentReminder.objects.filter(
        kind=Kind.CLAIM_CHECK, about_id=old.pk, recipient=f"user-{coordinator.pk}"
    ).exists()


def test_claims_waiting_to_be_approved_remind_finance_without_confidential_titles(
    smtp_server, finance_officer
):
    finance_officer.email = "fin@example.org"
    finance_officer.save()
    claim = checked_claim()
    work = claim.invitation.session.opportunity
    work.title = "Investigation into ward 5"
    work.confidential = True
    work.save()
    _aged(claim, 6, "checked_at")
    send_claim_reminders.call()
    (message,) = _to(smtp_server, "fin@example.org")
    assert message["Subject"] == "Claims waiting to be approved: 1 item"
    assert "ward 5" not in _plain(message)
    assert "Confidential work" in _plain(message)


def test_a_member_of_staff_who_turned_it_off_is_not_reminded(smtp_server, finance_officer):
    services.set_staff_reminders(
        actor=finance_officer,
        user=finance_officer,
        kinds_on=set(),
        kinds=(Kind.CLAIM_APPROVE, Kind.TRAINING),
    )
    _aged(checked_claim(), 6, "checked_at")
    send_claim_reminders.call()
    assert not _to(smtp_server, finance_officer.email)


def test_the_organisation_can_turn_claim_reminders_off(smtp_server, involvement_lead):
    set_settings(involvement_lead, claim_check_on=False, claim_approve_on=False)
    _aged(expense_claim(), 30)
    assert send_claim_reminders.call() == 0
    assert smtp_server.messages == []


def test_overdue_outcomes_remind_who_asked_and_the_team_once(smtp_server, coordinator):
    requester = UserFactory(role="staff", email="asker@example.org")
    held_work(ended_days_ago=70, requested_by=requester, title="Menu redesign")
    held_work(ended_days_ago=10, requested_by=requester, title="Not due yet")
    team = {u.email for u in queries.involvement_team()}
    assert coordinator.email in team
    assert send_outcome_reminders.call() == 1 + len(team)
    (asker,) = _to(smtp_server, "asker@example.org")
    assert asker["Subject"] == "Outcomes overdue: 1 item"
    assert "Menu redesign" in _plain(asker)
    assert "Not due yet" not in _plain(asker)
    assert _to(smtp_server, coordinator.email)
    assert send_outcome_reminders.call() == 0


def test_overdue_outcomes_can_go_to_the_requester_only(smtp_server, involvement_lead, coordinator):
    set_settings(involvement_lead, outcome_who=OutcomeWho.REQUESTER)
    requester = UserFactory(role="staff", email="asker@example.org")
    held_work(ended_days_ago=70, requested_by=requester)
    assert send_outcome_reminders.call() == 1
    assert not _to(smtp_server, coordinator.email)


def test_the_team_is_not_told_the_title_of_confidential_work_it_is_not_named_on(
    smtp_server, coordinator
):
    requester = UserFactory(role="staff", email="asker@example.org")
    work = held_work(ended_days_ago=70, requested_by=requester, title="Investigation into ward 5")
    work.confidential = True
    work.save()
    work.named_staff.add(requester)
    send_outcome_reminders.call()
    assert "Investigation into ward 5" in _plain(_to(smtp_server, "asker@example.org")[0])
    team = _plain(_to(smtp_server, coordinator.email)[0])
    assert "ward 5" not in team
    assert "Confidential work" in team
