"""Confidential work is seen only by its named staff and the experts invited to it. Everyone
else, whatever their role, finds nothing: not in lists, the calendar, feeds, dashboards or
claims, and its pages answer 404 without saying its title. Each test uses a real confidential
review and looks for its title in what a person who is not named gets back."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.opportunities.models import Opportunity, Session
from coproduce.opportunities.queries.confidential import (
    can_see_opportunity,
    visible_opportunities,
    visible_sessions,
)
from coproduce.opportunities.services.attendance import AttendanceEntry, record_attendance
from coproduce.opportunities.services.calendar_feed import calendar_feed_for
from coproduce.payments.queries.claims import run_lines
from tests.factories import (
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    expert_with_account,
)
from tests.opportunities.confidential_helpers import TITLE, make_confidential_work
from tests.permissions.matrix_confidential import EXISTING_PAGES

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _absent(response, title: str = TITLE) -> None:
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert title not in body
    assert "Ward 7" not in body


def test_the_query_helpers_leave_out_work_the_person_is_not_named_on(coordinator):
    named = UserFactory(role=Role.COORDINATOR)
    opportunity, session, invitation = make_confidential_work(named=[named])
    ordinary = SessionFactory()

    assert set(visible_opportunities(coordinator)) == {ordinary.opportunity}
    assert set(visible_sessions(coordinator)) == {ordinary}
    assert opportunity in visible_opportunities(named)
    assert opportunity in visible_opportunities(opportunity.requested_by)
    assert can_see_opportunity(invitation.expert.user, opportunity)
    assert not can_see_opportunity(coordinator, opportunity)
    # Only once each, however many people are named.
    assert visible_opportunities(named).filter(pk=opportunity.pk).count() == 1


def test_an_invited_expert_sees_only_their_own_sessions():
    opportunity, session, invitation = make_confidential_work()
    other_session = SessionFactory(opportunity=opportunity)
    expert_user = invitation.expert.user

    assert list(Session.objects.visible_to(expert_user).filter(opportunity=opportunity)) == [
        session
    ]
    assert other_session not in Session.objects.visible_to(expert_user)
    # A named member of staff sees them all.
    assert set(Session.objects.visible_to(opportunity.requested_by)) >= {session, other_session}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.INVOLVEMENT_LEAD, Role.STAFF])
def test_every_page_of_the_work_answers_404_to_staff_not_named(role):
    opportunity, session, invitation = make_confidential_work()
    # Staff in the requester's own team are not named either.
    user = UserFactory(role=role, team=opportunity.team)
    client = _client(user)
    keys = {"opportunity": opportunity.pk, "session": session.pk, "invitation": invitation.pk}
    for name, (method, key) in EXISTING_PAGES.items():
        response = getattr(client, method)(reverse(name, args=[keys[key]]))
        assert response.status_code in (403, 404), (name, response.status_code)
        assert TITLE not in response.content.decode(), name
        if response.status_code == 403:
            # Refused by role before anything was looked up (staff on the team's pages).
            assert role == Role.STAFF, name


def test_the_team_page_opens_for_a_named_coordinator(coordinator):
    opportunity, session, _ = make_confidential_work(named=[coordinator])
    client = _client(coordinator)
    for name, pk in (
        ("opportunities:opportunity_detail", opportunity.pk),
        ("opportunities:session_places", session.pk),
        ("opportunities:confidential_work", opportunity.pk),
    ):
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 200, name
        assert TITLE in response.content.decode()


def test_the_404_page_does_not_say_the_title(coordinator):
    opportunity, _, _ = make_confidential_work()
    response = _client(coordinator).get(
        reverse("opportunities:opportunity_detail", args=[opportunity.pk])
    )
    assert response.status_code == 404
    assert TITLE not in response.content.decode()


def test_team_lists_leave_it_out_for_a_coordinator_not_named(coordinator):
    make_confidential_work()
    requested, _, _ = make_confidential_work(title="Requested confidential review")
    Opportunity.objects.filter(pk=requested.pk).update(status="requested")
    OpportunityFactory(title="Ordinary workshop")
    client = _client(coordinator)

    listed = client.get(reverse("opportunities:opportunity_list"))
    _absent(listed)
    assert "Ordinary workshop" in listed.content.decode()
    _absent(client.get(reverse("opportunities:review_queue")), "Requested confidential review")
    _absent(client.get(reverse("people:dashboard")))


def test_the_requesters_team_does_not_see_it_in_their_requests():
    opportunity, _, _ = make_confidential_work()
    teammate = UserFactory(role=Role.STAFF, team=opportunity.team)
    _absent(_client(teammate).get(reverse("opportunities:request_list")))
    # The requester does.
    mine = _client(opportunity.requested_by).get(reverse("opportunities:request_list"))
    assert TITLE in mine.content.decode()


def test_the_calendar_never_shows_it_even_to_named_staff_and_invited_experts(coordinator):
    opportunity, session, invitation = make_confidential_work(named=[coordinator])
    month = timezone.localtime(session.starts_at).strftime("%Y-%m")
    for user in (coordinator, UserFactory(role=Role.STAFF), invitation.expert.user):
        client = _client(user)
        _absent(client.get(reverse("opportunities:calendar") + f"?month={month}"))
        _absent(client.get(reverse("opportunities:calendar_list") + f"?month={month}"))
        _absent(client.get(reverse("opportunities:calendar_download") + f"?month={month}"))


def test_the_experts_private_feed_says_only_confidential_meeting():
    opportunity, session, invitation = make_confidential_work()
    token = calendar_feed_for(expert=invitation.expert).token
    response = Client().get(reverse("opportunities:calendar_feed", args=[token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Confidential meeting" in body
    assert TITLE not in body
    assert opportunity.description[:30] not in body


def test_another_expert_sees_nothing_of_it_in_their_portal():
    make_confidential_work()
    other = expert_with_account(full_name="Otto Other")
    _absent(_client(other.user).get(reverse("opportunities:my_involvement")))


def test_the_invited_expert_sees_it_in_their_portal_with_a_link_to_its_papers():
    opportunity, _, invitation = make_confidential_work()
    response = _client(invitation.expert.user).get(reverse("opportunities:my_involvement"))
    body = response.content.decode()
    assert TITLE in body
    assert reverse("opportunities:my_confidential_work", args=[opportunity.pk]) in body


def test_an_experts_profile_leaves_it_out_of_meetings_for_a_coordinator_not_named(
    coordinator,
):
    opportunity, session, invitation = make_confidential_work(past=True)
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    invitation.attendance = "attended"
    invitation.hours = Decimal("2")
    invitation.save()
    response = _client(coordinator).get(
        reverse("people:expert_detail", args=[invitation.expert.pk])
    )
    _absent(response)


@pytest.mark.usefixtures("policy")
def test_finance_sees_confidential_work_on_claims_and_the_expert_sees_the_title(
    finance_client, coordinator
):
    opportunity, session, invitation = make_confidential_work(
        named=[coordinator], past=True, kind="workshop"
    )
    record_attendance(
        actor=coordinator,
        session=session,
        entries=[AttendanceEntry(invitation.pk, "attended", Decimal("2"))],
    )
    claim = invitation.claims.get()
    assert claim.total > 0  # still paid in full

    listed = finance_client.get(reverse("payments:claims") + "?status=all")
    _absent(listed)
    detail = finance_client.get(reverse("payments:claim_detail", args=[claim.pk]))
    _absent(detail)
    assert "Confidential work" in detail.content.decode()

    mine = _client(invitation.expert.user).get(reverse("payments:my_claim", args=[claim.pk]))
    assert mine.status_code == 200
    assert TITLE in mine.content.decode()


@pytest.mark.usefixtures("policy")
def test_the_payment_run_export_says_confidential_work(coordinator, finance_officer):
    from coproduce.payments.models import PaymentRun

    opportunity, session, invitation = make_confidential_work(past=True, kind="workshop")
    record_attendance(
        actor=coordinator,
        session=session,
        entries=[AttendanceEntry(invitation.pk, "attended", Decimal("2"))],
    )
    claim = invitation.claims.get()
    run = PaymentRun.objects.create(
        reference="RUN-1", created_by=finance_officer, paid_on=timezone.localdate()
    )
    claim.payment_run = run
    claim.save(update_fields=["payment_run"])
    rows = list(run_lines(run))
    assert rows
    assert all(TITLE not in str(row) for row in rows)
    assert any("Confidential work" in str(row) for row in rows)


def test_the_team_inbox_is_not_told_of_a_confidential_request(
    mailoutbox, coordinator, django_capture_on_commit_callbacks
):
    from coproduce.opportunities.services.requests import request_involvement

    requester = UserFactory(role=Role.STAFF)
    other_coordinator = UserFactory(role=Role.COORDINATOR)
    values = {
        "title": TITLE,
        "description": "A review",
        "team": requester.team or OpportunityFactory().team,
        "kind": "investigation",
        "stage": "review",
        "rung": 5,
        "format": "in_person",
        "places": 2,
        "staff_expected": 1,
        "paid": False,
        "hourly_rate": None,
        "prerequisites": [],
        "confidential": True,
        "named_staff": [coordinator],
        "debrief_after_days": 2,
        "wellbeing_after_days": 14,
    }
    with django_capture_on_commit_callbacks(execute=True):
        request_involvement(actor=requester, values=values, sessions=[])
    recipients = {r for m in mailoutbox for r in m.to}
    assert coordinator.email in recipients
    assert other_coordinator.email not in recipients
    assert all(TITLE not in m.subject for m in mailoutbox)


def test_ordinary_work_is_unchanged_for_everyone(coordinator):
    invitation = InvitationFactory()
    assert can_see_opportunity(coordinator, invitation.session.opportunity)
    assert can_see_opportunity(UserFactory(role=Role.STAFF), invitation.session.opportunity)
