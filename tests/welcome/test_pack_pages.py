"""The welcome pack as a page: the coordinator's from an expert's profile, in the version the
expert's needs ask for, and the expert's own in their portal. The same template as the PDF."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.onboarding.models import WelcomePackSent
from tests.factories import ExpertFactory, GroupFactory, SessionFactory, expert_with_account
from tests.welcome.helpers import HIDDEN_TITLE, needs, world

pytestmark = pytest.mark.django_db


def test_the_coordinator_reads_an_experts_pack_in_the_version_their_needs_ask_for(
    coordinator_client,
):
    w = world()
    expert = ExpertFactory(full_name="Priya Shah")
    needs(expert, "Easy read", "A companion or carer")
    page = coordinator_client.get(reverse("welcome:expert_pack", args=[expert.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Welcome, Priya Shah" in html
    assert "You choose what you do." in html  # Easy Read wording
    assert "app-welcome--easy-read" in html
    assert w.panel.name.replace("'", "&#39;") in html
    assert "<svg" in html and 'role="img"' in html
    assert HIDDEN_TITLE not in html
    assert reverse("welcome:expert_pack_pdf", args=[expert.pk]) + "?format=easy_read" in html


def test_each_version_is_a_choice_on_the_page(coordinator_client):
    world()
    expert = ExpertFactory(full_name="Priya Shah")
    url = reverse("welcome:expert_pack", args=[expert.pk])
    standard = coordinator_client.get(url).content.decode()
    assert "Welcome pack for Priya Shah" in standard and "app-welcome--standard" in standard
    large = coordinator_client.get(url + "?format=large_print").content.decode()
    assert "app-welcome--large-print" in large
    assert "Your role and why your experience matters" in large
    easy = coordinator_client.get(url + "?format=easy_read").content.decode()
    assert "What you will do" in easy
    # Anything else typed into the address is the version their needs ask for.
    assert "app-welcome--standard" in coordinator_client.get(url + "?format=huge").content.decode()


def test_the_pack_pdf_downloads_for_the_team(coordinator_client):
    world()
    expert = ExpertFactory(full_name="Priya Shah")
    answer = coordinator_client.get(
        reverse("welcome:expert_pack_pdf", args=[expert.pk]) + "?format=large_print"
    )
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert "large-print" in answer["Content-Disposition"]
    assert answer["Cache-Control"] == "private, no-store"


def test_an_expert_reads_and_downloads_their_own_pack(expert_client, expert):
    world()
    needs(expert, "Large print")
    page = expert_client.get(reverse("welcome:my_pack"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Welcome pack for {expert.full_name}" in html
    assert "app-welcome--large-print" in html
    pdf = expert_client.get(reverse("welcome:my_pack_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_an_expert_cannot_open_another_experts_pack(expert_client):
    other = expert_with_account(full_name="Someone Else")
    for name in ("welcome:expert_pack", "welcome:expert_pack_pdf", "welcome:mark_sent"):
        assert expert_client.get(reverse(name, args=[other.pk])).status_code == 404


def test_the_pack_page_reads_the_same_number_of_queries_for_few_and_many(
    coordinator_client,
):
    w = world(panel_meetings=1)
    expert = ExpertFactory()
    url = reverse("welcome:expert_pack", args=[expert.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for n in range(12):
        GroupFactory(team=w.panel.team)
        SessionFactory(opportunity=w.workshop, starts_at=timezone.now() + timedelta(days=40 + n))
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(url)
    assert len(many) == len(few)


def test_marking_the_pack_sent_records_it_on_the_checklist_audited(coordinator_client, coordinator):
    expert = ExpertFactory(full_name="Priya Shah")
    url = reverse("welcome:mark_sent", args=[expert.pk])
    answer = coordinator_client.post(
        url,
        {"sent_on-day": "3", "sent_on-month": "3", "sent_on-year": "2026", "format": "easy_read"},
    )
    assert answer.status_code == 302
    sent = WelcomePackSent.objects.get(expert=expert)
    assert (sent.format, str(sent.sent_on), sent.sent_by) == (
        "easy_read",
        "2026-03-03",
        coordinator,
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.WELCOME_PACK_SENT).exists()


def test_a_sent_date_in_the_future_is_refused_beside_the_field_and_kept(coordinator_client):
    expert = ExpertFactory()
    url = reverse("welcome:mark_sent", args=[expert.pk])
    answer = coordinator_client.post(
        url,
        {"sent_on-day": "1", "sent_on-month": "1", "sent_on-year": "2099", "format": "standard"},
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "must be today" in html and "2099" in html
    assert not WelcomePackSent.objects.filter(expert=expert).exists()


def test_the_profile_says_which_version_and_links_to_the_pack(coordinator_client):
    expert = ExpertFactory(full_name="Priya Shah")
    needs(expert, "Large print")
    html = coordinator_client.get(
        reverse("people:expert_detail", args=[expert.pk])
    ).content.decode()
    assert "Welcome pack" in html
    assert "large print" in html
    assert reverse("welcome:expert_pack", args=[expert.pk]) + "?format=large_print" in html


@pytest.mark.parametrize(
    "name", ["welcome:expert_pack", "welcome:expert_pack_pdf", "welcome:mark_sent"]
)
def test_no_pack_is_made_or_sent_for_someone_whose_processing_is_restricted(
    coordinator_client, name
):
    world()
    expert = ExpertFactory(full_name="Priya Shah", restricted_at=timezone.now())
    answer = coordinator_client.post(reverse(name, args=[expert.pk]), {"sent_on": "1/1/2026"})
    if name != "welcome:mark_sent":
        answer = coordinator_client.get(reverse(name, args=[expert.pk]))

    assert answer.status_code == 302
    assert answer["Location"] == reverse("people:expert_detail", args=[expert.pk])
    page = coordinator_client.get(answer["Location"]).content.decode()
    assert "so a welcome pack cannot be made or sent" in page
    assert not WelcomePackSent.objects.filter(expert=expert).exists()
