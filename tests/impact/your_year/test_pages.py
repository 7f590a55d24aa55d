"""The expert's "Your year" page and its downloads, the involvement team's view and print of
an expert's year from their profile (recorded in the audit trail), who else may not, and a
fixed number of queries however busy the year."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from tests.factories import ExpertFactory
from tests.impact.your_year.helpers import (
    HIDDEN_OUTCOME,
    HIDDEN_TITLE,
    YEAR,
    at,
    busy_year,
    many_sessions,
)
from tests.welcome.pdf_text import text_of

pytestmark = pytest.mark.django_db

TODAY = at(date(2025, 5, 20), 12)


def _page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode().replace("&#39;", "'")


def test_the_expert_sees_their_year_naming_their_own_confidential_work(expert, expert_client):
    busy_year(expert)
    with time_machine.travel(TODAY, tick=False):
        page = _page(expert_client, reverse("your_year:mine"), year=YEAR)
    assert "April 2024 to March 2025" in page
    assert "You came to 5 sessions and gave 11 hours of your time." in page
    assert "Interview panel member — 3 times" in page
    assert HIDDEN_TITLE in page  # their own page may name it
    assert HIDDEN_OUTCOME in page
    assert "Safeguarding adults" in page
    assert "We added a quiet room" in page
    assert "£79.90" in page
    assert "It is not advice about benefits or tax." in page
    assert reverse("your_year:mine_pdf", args=[YEAR]) in page
    assert reverse("your_year:mine_easy_read_pdf", args=[YEAR]) in page
    # The years to choose from: this one (2025 to 2026), and the three they took part in.
    for label in ("April 2025 to March 2026", "April 2023 to March 2024"):
        assert label in page


def test_without_a_year_the_page_shows_this_one_and_says_kindly_when_it_is_empty(
    expert, expert_client
):
    with time_machine.travel(TODAY, tick=False):
        page = _page(expert_client, reverse("your_year:mine"))
    assert "April 2025 to March 2026" in page
    assert "You did not take part in any sessions between April 2025 and March 2026." in page
    assert "Thank you, Eve Expert." in page
    assert "Choose a year" not in page  # only one year to show


def test_a_year_that_is_not_a_number_shows_the_newest(expert, expert_client):
    busy_year(expert)
    with time_machine.travel(TODAY, tick=False):
        page = _page(expert_client, reverse("your_year:mine"), year="last")
    assert '<h1><span class="nhsuk-caption-l">April 2025 to March 2026' in page


def test_the_expert_downloads_both_pdfs_of_their_year_without_the_confidential_title(
    expert, expert_client
):
    busy_year(expert)
    for name, words in (
        ("your_year:mine_pdf", "What you took part in"),
        ("your_year:mine_easy_read_pdf", "Your year with us"),
    ):
        response = expert_client.get(reverse(name, args=[YEAR]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="your-year-2024')
        assert response["Cache-Control"] == "private, no-store"
        text = text_of(response.content)
        assert words in text
        assert HIDDEN_TITLE not in text
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.YEAR_SUMMARY_PRINTED).exists()
    assert expert_client.get(reverse("your_year:mine_pdf", args=[1066])).status_code == 404


def test_the_page_takes_the_same_queries_however_busy_the_year(expert, expert_client):
    url = reverse("your_year:mine")
    busy_year(expert)
    expert_client.get(url, {"year": YEAR})
    with CaptureQueriesContext(connection) as light:
        expert_client.get(url, {"year": YEAR})
    many_sessions(expert)
    with CaptureQueriesContext(connection) as busy:
        page = _page(expert_client, url, year=YEAR)
    assert "Panel number 11" in page
    assert len(busy) == len(light)
    assert len(busy) <= 10


def test_the_involvement_team_opens_an_experts_year_from_their_profile_without_the_title(
    coordinator_client,
):
    someone = ExpertFactory(full_name="Ann Other")
    busy_year(someone)
    profile = _page(coordinator_client, reverse("people:expert_detail", args=[someone.pk]))
    url = reverse("your_year:expert", args=[someone.pk])
    assert url in profile
    page = _page(coordinator_client, url, year=YEAR)
    assert "Ann Other’s year" in page
    assert "They came to 5 sessions and gave 11 hours of their time." in page
    assert "Confidential work (details not shared)" in page
    assert HIDDEN_TITLE not in page
    assert HIDDEN_OUTCOME not in page
    assert "£79.90" in page
    assert reverse("your_year:expert_pdf", args=[someone.pk, YEAR]) in page


def test_printing_an_experts_year_is_recorded_in_the_audit_trail(coordinator_client, coordinator):
    someone = ExpertFactory()
    busy_year(someone)
    for name, version in (
        ("your_year:expert_pdf", "standard"),
        ("your_year:expert_easy_read_pdf", "easy_read"),
    ):
        response = coordinator_client.get(reverse(name, args=[someone.pk, YEAR]))
        assert response.status_code == 200
        assert HIDDEN_TITLE not in text_of(response.content)
        event = AuditEvent.objects.filter(action=AuditEvent.Action.YEAR_SUMMARY_PRINTED).latest(
            "pk"
        )
        assert event.actor == coordinator
        assert event.subject_id == str(someone.pk)
        assert event.changes == {"year": YEAR, "version": version}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.YEAR_SUMMARY_PRINTED).count() == 2


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff_client", 404), ("finance_client", 404), ("administrator_client", 404)],
)
def test_no_one_outside_the_involvement_team_opens_or_prints_an_experts_year(request, who, status):
    client = request.getfixturevalue(who)
    someone = ExpertFactory()
    for url in (
        reverse("your_year:expert", args=[someone.pk]),
        reverse("your_year:expert_pdf", args=[someone.pk, YEAR]),
    ):
        assert client.get(url).status_code in (403, 404)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.YEAR_SUMMARY_PRINTED).exists()


def test_an_expert_cannot_open_another_experts_year(expert_client):
    someone = ExpertFactory()
    assert expert_client.get(reverse("your_year:expert", args=[someone.pk])).status_code == 404


def test_a_restricted_experts_year_is_not_made(coordinator_client):
    someone = ExpertFactory(restricted_at=timezone.now())
    response = coordinator_client.get(reverse("your_year:expert_pdf", args=[someone.pk, YEAR]))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:expert_detail", args=[someone.pk])
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.YEAR_SUMMARY_PRINTED).exists()


def test_the_experts_home_page_links_to_their_year(expert, expert_client):
    page = _page(expert_client, reverse("opportunities:my_involvement"))
    assert "Your year" in page
    assert reverse("your_year:mine") in page
