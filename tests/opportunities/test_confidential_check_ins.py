"""Debriefs and wellbeing check-ins: made when attendance at confidential work is recorded,
due the set number of days after the session, recorded (what happened, when and by whom,
never what was said), listed for named staff, and shown to the expert with who to contact."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import long_date
from coproduce.opportunities.models import CheckIn
from coproduce.opportunities.services.attendance import AttendanceEntry, record_attendance
from tests.factories import InvitationFactory, SessionFactory, UserFactory, expert_with_account
from tests.opportunities.confidential_helpers import TITLE, make_confidential_work

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _attend(actor, session, *invitations, attendance="attended"):
    record_attendance(
        actor=actor,
        session=session,
        entries=[
            AttendanceEntry(i.pk, attendance, Decimal("2") if attendance == "attended" else None)
            for i in invitations
        ],
    )


def test_recording_attendance_offers_a_debrief_and_a_wellbeing_check_in(coordinator):
    opportunity, session, invitation = make_confidential_work(named=[coordinator], past=True)
    stayed_away = InvitationFactory(session=session, status="accepted")
    record_attendance(
        actor=coordinator,
        session=session,
        entries=[
            AttendanceEntry(invitation.pk, "attended", Decimal("2")),
            AttendanceEntry(stayed_away.pk, "did_not_attend"),
        ],
    )
    day = timezone.localdate(session.ends_at)
    made = {c.kind: c for c in CheckIn.objects.filter(invitation=invitation)}
    assert made["debrief"].due_on == day + timedelta(days=2)
    assert made["wellbeing"].due_on == day + timedelta(days=14)
    assert not CheckIn.objects.filter(invitation=stayed_away).exists()


def test_the_days_are_the_works_own(coordinator):
    opportunity, session, invitation = make_confidential_work(named=[coordinator], past=True)
    opportunity.debrief_after_days, opportunity.wellbeing_after_days = 1, 7
    opportunity.save()
    _attend(coordinator, session, invitation)
    day = timezone.localdate(session.ends_at)
    assert sorted(CheckIn.objects.values_list("due_on", flat=True)) == [
        day + timedelta(days=1),
        day + timedelta(days=7),
    ]


def test_recording_again_makes_no_more_and_a_correction_takes_away_those_not_done(
    coordinator,
):
    opportunity, session, invitation = make_confidential_work(named=[coordinator], past=True)
    _attend(coordinator, session, invitation)
    _attend(coordinator, session, invitation)
    assert CheckIn.objects.count() == 2
    _attend(coordinator, session, invitation, attendance="did_not_attend")
    assert CheckIn.objects.count() == 0


def test_ordinary_work_has_no_check_ins(coordinator):
    session = SessionFactory(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1),
    )
    invitation = InvitationFactory(session=session, status="accepted")
    _attend(coordinator, session, invitation)
    assert not CheckIn.objects.exists()


def test_named_staff_record_what_happened_and_only_that(coordinator):
    opportunity, session, invitation = make_confidential_work(named=[coordinator], past=True)
    _attend(coordinator, session, invitation)
    debrief = CheckIn.objects.get(kind="debrief")
    client = _client(coordinator)
    url = reverse("opportunities:confidential_check_in", args=[debrief.pk])

    missing = client.post(url, {})
    assert missing.status_code == 400
    assert "Choose what happened" in missing.content.decode()

    response = client.post(url, {"outcome": "happened", "notes": "What they said"})
    assert response.status_code == 302
    debrief.refresh_from_db()
    assert debrief.outcome == "happened"
    assert debrief.recorded_by == coordinator
    assert debrief.recorded_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHECK_IN_RECORDED)
    assert "What they said" not in str(event.changes) + event.summary
    assert not hasattr(CheckIn, "notes")


def test_a_coordinator_not_named_cannot_see_or_record_a_check_in(coordinator):
    opportunity, session, invitation = make_confidential_work(past=True)
    _attend(opportunity.requested_by, session, invitation)
    check_in = CheckIn.objects.first()
    client = _client(coordinator)
    assert (
        client.post(
            reverse("opportunities:confidential_check_in", args=[check_in.pk]),
            {"outcome": "happened"},
        ).status_code
        == 404
    )
    page = client.get(reverse("opportunities:confidential_check_ins"))
    assert "Ivy Invited" not in page.content.decode()
    assert TITLE not in page.content.decode()


def _work_with_attended(named, experts: int):
    opportunity, session, invitation = make_confidential_work(named=named, past=True)
    others = [
        InvitationFactory(session=session, status="accepted", expert=expert_with_account())
        for _ in range(experts - 1)
    ]
    _attend(named[0], session, invitation, *others)


def test_the_check_ins_page_lists_overdue_first_in_a_fixed_number_of_queries(coordinator):
    _work_with_attended([coordinator], 1)
    client = _client(coordinator)
    url = reverse("opportunities:confidential_check_ins")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    body = response.content.decode()
    assert "Overdue by 1 day" in body  # the debrief, 2 days after a session 3 days ago
    assert TITLE in body
    _work_with_attended([coordinator], 6)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_work_page_and_list_take_a_fixed_number_of_queries(coordinator):
    opportunity, session, invitation = make_confidential_work(named=[coordinator], past=True)
    _attend(coordinator, session, invitation)
    client = _client(coordinator)
    work = reverse("opportunities:confidential_work", args=[opportunity.pk])
    listed = reverse("opportunities:confidential_list")
    client.get(work)
    with CaptureQueriesContext(connection) as few_work:
        client.get(work)
    with CaptureQueriesContext(connection) as few_list:
        client.get(listed)
    for n in range(4):
        InvitationFactory(session=session, status="accepted", expert=expert_with_account())
        make_confidential_work(named=[coordinator], title=f"Another review {n}")
    from tests.opportunities.confidential_helpers import add_paper

    for n in range(3):
        paper = add_paper(opportunity, coordinator, f"Paper {n}")
        _client(coordinator).get(reverse("opportunities:confidential_paper", args=[paper.pk]))
    with CaptureQueriesContext(connection) as many_work:
        response = client.get(work)
    with CaptureQueriesContext(connection) as many_list:
        client.get(listed)
    assert response.status_code == 200
    assert len(many_work) == len(few_work)
    assert len(many_list) == len(few_list)


def test_the_expert_is_told_someone_will_check_in_and_who_to_contact(coordinator):
    opportunity, session, invitation = make_confidential_work(named=[coordinator], past=True)
    _attend(coordinator, session, invitation)
    response = _client(invitation.expert.user).get(reverse("opportunities:my_involvement"))
    body = response.content.decode()
    assert "We will check in with you" in body
    assert coordinator.display_name in body
    assert coordinator.email in body
    # Named staff who are not in the involvement team are not the contact.
    assert opportunity.requested_by.email not in body


def test_the_experts_own_page_shows_their_sessions_only(coordinator):
    opportunity, session, invitation = make_confidential_work(named=[coordinator])
    later = SessionFactory(opportunity=opportunity, starts_at=session.starts_at + timedelta(days=7))
    other = InvitationFactory(session=later, status="accepted", expert=expert_with_account())
    response = _client(invitation.expert.user).get(
        reverse("opportunities:my_confidential_work", args=[opportunity.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert TITLE in body
    assert other.expert.full_name not in body
    assert long_date(session.starts_at) in body
    assert long_date(later.starts_at) not in body


def test_an_expert_not_invited_gets_404_for_the_experts_page():
    opportunity, _, _ = make_confidential_work()
    response = _client(expert_with_account().user).get(
        reverse("opportunities:my_confidential_work", args=[opportunity.pk])
    )
    assert response.status_code == 404
    assert TITLE not in response.content.decode()


def test_staff_roles_without_confidential_work_are_refused_the_lists():
    for role in (Role.FINANCE, Role.ADMINISTRATOR):
        response = _client(UserFactory(role=role)).get(reverse("opportunities:confidential_list"))
        assert response.status_code == 403
