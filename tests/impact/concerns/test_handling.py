"""Coordinators triage, reply and close: the list (open first, safeguarding on top, how long
each has waited, filters, a fixed number of queries), each step with its date and who,
audited; a reply emails the expert once even if sent twice, respecting restriction."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.impact.concerns import services
from coproduce.impact.concerns.models import Concern, Step
from coproduce.people.choices import Status
from tests.factories import ExpertFactory, expert_with_account
from tests.impact.concerns.helpers import closed, raised, triaged

pytestmark = pytest.mark.django_db


def test_the_list_puts_open_first_safeguarding_on_top_then_the_longest_waiting(
    coordinator_client,
):
    now = timezone.now()
    old = raised()
    Concern.objects.filter(pk=old.pk).update(raised_at=now - timedelta(days=9))
    newer = raised()
    Concern.objects.filter(pk=newer.pk).update(raised_at=now - timedelta(days=2))
    urgent = raised(safeguarding=True)
    done = closed(raised())
    page = coordinator_client.get(reverse("concerns:list")).content.decode()
    order = [page.index(c.reference + "<") for c in (urgent, old, newer, done)]
    assert order == sorted(order)
    assert "Waiting 9 days" in page
    assert "Safeguarding" in page


def test_the_list_filters_by_status_about_and_safeguarding(coordinator_client):
    meeting = raised(about=Concern.About.TREATMENT)
    other = raised(safeguarding=True)
    done = closed()
    url = reverse("concerns:list")
    page = coordinator_client.get(url, {"about": "treatment"}).content.decode()
    assert meeting.reference + "<" in page and other.reference + "<" not in page
    page = coordinator_client.get(url, {"safeguarding": "on"}).content.decode()
    assert other.reference + "<" in page and meeting.reference + "<" not in page
    page = coordinator_client.get(url, {"status": "closed"}).content.decode()
    assert done.reference + "<" in page and meeting.reference + "<" not in page


def test_the_list_costs_the_same_queries_for_many_concerns(
    coordinator_client, django_assert_max_num_queries
):
    for n in range(3):
        triaged(raised(safeguarding=n == 0))
    url = reverse("concerns:list")
    coordinator_client.get(url)
    with django_assert_max_num_queries(12) as few:
        coordinator_client.get(url)
    for n in range(25):
        triaged(raised(safeguarding=n % 3 == 0))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator_client.get(url)
    assert "Page 1 of 2" in response.content.decode()


def test_opening_a_concern_is_recorded_as_a_view_of_a_sensitive_record(
    coordinator_client, coordinator
):
    concern = raised()
    coordinator_client.get(reverse("concerns:concern", args=[concern.pk]))
    view = RecordView.objects.get()
    assert view.viewer == coordinator
    assert view.subject_id == str(concern.expert_id)
    assert view.what == f"concern {concern.reference}"


def test_triage_reply_and_close_each_leave_a_dated_step_and_an_audit_event(
    coordinator_client, coordinator
):
    concern = raised()
    triage_url = reverse("concerns:triage", args=[concern.pk])
    response = coordinator_client.post(
        triage_url, {"category": "access", "handler": coordinator.pk}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.OPEN
    assert concern.handler == coordinator
    coordinator_client.post(
        reverse("concerns:respond", args=[concern.pk]),
        {"text": "We are looking into it.", "submission": str(uuid.uuid4())},
    )
    empty = coordinator_client.post(reverse("concerns:close", args=[concern.pk]), {"note": ""})
    assert empty.status_code == 400
    assert "Write a closing note" in empty.content.decode()
    coordinator_client.post(reverse("concerns:close", args=[concern.pk]), {"note": "Done."})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED
    assert concern.first_response_at is not None and concern.closed_at is not None
    kinds = list(concern.steps.values_list("kind", "by_label"))
    assert kinds == [
        (Step.Kind.RAISED, concern.expert.user.display_name),
        (Step.Kind.TRIAGED, "Cora Coordinator"),
        (Step.Kind.RESPONSE, "Cora Coordinator"),
        (Step.Kind.CLOSED, "Cora Coordinator"),
    ]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        AuditEvent.Action.CONCERN_RAISED,
        AuditEvent.Action.CONCERN_TRIAGED,
        AuditEvent.Action.CONCERN_RESPONDED,
        AuditEvent.Action.CONCERN_CLOSED,
    } <= actions
    page = coordinator_client.get(reverse("concerns:concern", args=[concern.pk])).content.decode()
    assert "Reopen it" in page
    coordinator_client.post(reverse("concerns:reopen", args=[concern.pk]), {"reason": "More."})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.OPEN and concern.closed_at is None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONCERN_REOPENED).exists()


def test_a_reply_sent_twice_is_sent_once_and_emails_the_expert_once(
    coordinator_client, django_capture_on_commit_callbacks
):
    concern = raised()
    data = {"text": "We are sorry.", "submission": str(uuid.uuid4())}
    url = reverse("concerns:respond", args=[concern.pk])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, data)
        coordinator_client.post(url, data)
    assert concern.steps.filter(kind=Step.Kind.RESPONSE).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONCERN_RESPONDED).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [concern.expert.email]
    assert "We have replied to your concern" in message.subject
    assert reverse("concerns:my_concern", args=[concern.pk]) in message.body
    # What the team wrote stays in the portal, behind sign-in.
    assert "We are sorry." not in message.body


def test_the_reply_email_reaches_a_real_smtp_server(
    smtp_server, django_capture_on_commit_callbacks
):
    concern = triaged()
    with django_capture_on_commit_callbacks(execute=True):
        services.respond(actor=concern.handler, concern=concern, text="Reply")
    [(to, message)] = smtp_server.messages
    assert to == [concern.expert.email]
    assert message["Subject"] == "We have replied to your concern"


@pytest.mark.parametrize("how", ["restricted", "left", "erased"])
def test_no_email_goes_to_someone_we_may_not_contact(how, django_capture_on_commit_callbacks):
    expert = expert_with_account()
    concern = triaged(raised(expert))
    changes = {
        "restricted": {"restricted_at": timezone.now()},
        "left": {"status": Status.LEFT},
        "erased": {"erased_at": timezone.now()},
    }[how]
    type(expert).objects.filter(pk=expert.pk).update(**changes)
    with django_capture_on_commit_callbacks(execute=True):
        services.respond(actor=concern.handler, concern=concern, text="Reply")
    assert mail.outbox == []


def test_a_coordinator_records_a_concern_raised_by_phone(coordinator_client, coordinator):
    expert = ExpertFactory()
    profile = coordinator_client.get(reverse("people:expert_detail", args=[expert.pk]))
    assert reverse("concerns:record", args=[expert.pk]) in profile.content.decode()
    response = coordinator_client.post(
        reverse("concerns:record", args=[expert.pk]),
        {
            "received": "phone",
            "about": "treatment",
            "what_happened": "They were spoken to rudely.",
            "danger": "no",
        },
    )
    concern = Concern.objects.get()
    assert response["Location"] == reverse("concerns:concern", args=[concern.pk])
    assert concern.expert == expert
    assert concern.received == Concern.Received.PHONE
    assert concern.raised_by == coordinator


def test_the_overview_counts_concerns_waiting_and_safeguarding(coordinator_client):
    raised()
    raised(safeguarding=True)
    closed()
    page = coordinator_client.get(reverse("people:dashboard")).content.decode()
    assert "Concerns waiting" in page
    assert "2 concerns are not closed yet" in page
    assert "1 is safeguarding" in page
