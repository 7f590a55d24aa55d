"""The involvement team's review: approve, ask for changes, decline with a reason. The
requester is emailed, sees the outcome and, after changes are asked for, sends it again.
A staff member never sees another team's request, and never reviews."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.opportunities.choices import RequestStatus
from coproduce.opportunities.services import requests as services
from tests.factories import OpportunityFactory, SessionFactory, TeamFactory, UserFactory
from tests.opportunities.test_requests import valid_request

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def request_made(db):
    opportunity = OpportunityFactory(
        status=RequestStatus.REQUESTED, stage="review", places=1, title="Stroke pathway review"
    )
    SessionFactory(opportunity=opportunity)
    return opportunity


def _review(client, opportunity, **data):
    return client.post(reverse("opportunities:request_review", args=[opportunity.pk]), data)


def test_the_queue_lists_waiting_requests_with_their_warnings(coordinator_client, request_made):
    OpportunityFactory(status=RequestStatus.PUBLISHED, title="Already out")
    response = coordinator_client.get(reverse("opportunities:review_queue"))
    body = response.content.decode()
    assert request_made.title in body
    assert "Already out" not in body
    assert "Fewer than two experts" in body
    assert "Experts asked only at the review stage" in body


def test_approving_emails_the_requester_and_allows_publishing(
    coordinator_client, coordinator, request_made, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _review(coordinator_client, request_made, decision="approved", note="")
    assert response.status_code == 302
    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.APPROVED
    assert request_made.decided_by == coordinator
    assert [m.to for m in mail.outbox] == [[request_made.requested_by.email]]
    assert "It is approved" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="reviewed", object_id=str(request_made.pk)).exists()

    response = coordinator_client.post(
        reverse("opportunities:opportunity_publish", args=[request_made.pk])
    )
    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.PUBLISHED
    page = coordinator_client.get(
        reverse("opportunities:opportunity_detail", args=[request_made.pk])
    )
    assert "Sessions" in page.content.decode()


def test_only_an_approved_request_can_be_published(coordinator, request_made):
    with pytest.raises(services.NotAllowedNow):
        services.publish_opportunity(actor=coordinator, opportunity=request_made)


def test_declining_needs_a_reason_kept_on_the_page(coordinator_client, request_made):
    response = _review(coordinator_client, request_made, decision="declined", note="")
    assert response.status_code == 400
    assert "Give the reason for declining" in response.content.decode()
    assert 'value="declined" checked' in response.content.decode()
    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.REQUESTED


def test_declining_with_a_reason_tells_the_requester(
    coordinator_client, request_made, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _review(coordinator_client, request_made, decision="declined", note="Too late to help")
    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.DECLINED
    assert "Too late to help" in mail.outbox[0].body


def test_changes_asked_for_then_the_requester_changes_and_sends_it_again(
    coordinator_client, request_made, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        _review(
            coordinator_client,
            request_made,
            decision="changes",
            note="Please involve experts earlier, at the planning stage",
        )
    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.CHANGES_REQUESTED
    assert "asked for some changes" in mail.outbox[0].body

    requester = request_made.requested_by
    client.force_login(requester)
    mine = client.get(reverse("opportunities:request_list")).content.decode()
    assert request_made.title in mine
    assert "Changes asked for" in mine
    detail = client.get(reverse("opportunities:request_detail", args=[request_made.pk]))
    assert "Please involve experts earlier" in detail.content.decode()

    edit_url = reverse("opportunities:request_edit", args=[request_made.pk])
    form_page = client.get(edit_url).content.decode()
    assert f'value="{request_made.title}"' in form_page
    data = valid_request(request_made.team, title=request_made.title, stage="plan")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, data)
    assert response.status_code == 302
    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.REQUESTED
    assert request_made.stage == "plan"
    assert request_made.sessions.count() == 1
    assert len(mail.outbox) == 1  # the team is told again


def test_a_decided_request_cannot_be_reviewed_again(coordinator, request_made):
    services.approve_request(actor=coordinator, opportunity=request_made)
    with pytest.raises(services.NotAllowedNow):
        services.decline_request(actor=coordinator, opportunity=request_made, reason="No")


def test_staff_member_cannot_see_another_teams_request(client, request_made):
    stranger = UserFactory(role="staff", team=TeamFactory())
    client.force_login(stranger)
    for name in ("request_detail", "request_edit", "request_review"):
        response = client.get(reverse(f"opportunities:{name}", args=[request_made.pk]))
        assert response.status_code == 404, name
    assert (
        request_made.title not in client.get(reverse("opportunities:request_list")).content.decode()
    )


def test_colleague_in_the_same_team_sees_the_request_but_cannot_review_it(client, request_made):
    colleague = UserFactory(role="staff", team=request_made.team)
    client.force_login(colleague)
    assert (
        client.get(reverse("opportunities:request_detail", args=[request_made.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("opportunities:request_review", args=[request_made.pk])).status_code
        == 403
    )
    assert _review(client, request_made, decision="approved").status_code == 403
    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.REQUESTED
    assert client.get(reverse("opportunities:review_queue")).status_code == 403


def _queries(client, url, django_assert_max_num_queries) -> int:
    client.get(url)  # the first request also loads the session and the user
    with django_assert_max_num_queries(10) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_your_requests_page_has_a_fixed_number_of_queries(
    db, client, django_assert_max_num_queries
):
    team = TeamFactory()
    asker = UserFactory(role="staff", team=team)
    client.force_login(asker)
    url = reverse("opportunities:request_list")

    def add(n):
        for _ in range(n):
            opportunity = OpportunityFactory(team=team, requested_by=asker, status="requested")
            SessionFactory.create_batch(2, opportunity=opportunity)

    add(1)
    few = _queries(client, url, django_assert_max_num_queries)
    add(20)
    assert _queries(client, url, django_assert_max_num_queries) == few


def test_review_queue_has_a_fixed_number_of_queries(
    coordinator_client, django_assert_max_num_queries
):
    url = reverse("opportunities:review_queue")

    def add(n):
        for _ in range(n):
            SessionFactory.create_batch(2, opportunity=OpportunityFactory(status="requested"))

    add(1)
    few = _queries(coordinator_client, url, django_assert_max_num_queries)
    add(20)
    assert _queries(coordinator_client, url, django_assert_max_num_queries) == few
