"""The Experts Report's pages: the list of years (drafts for the involvement team only), one
year's report with the lead's foreword, highlights and case studies (never confidential
work's), the lead's pages to start, write, choose, order and publish with messages written
for the person, the PDF download, a year with nothing in it, and the expert's home page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.impact.report import queries
from coproduce.impact.report.models import CaseStudy, Report
from tests.factories import expert_with_account
from tests.impact.report.helpers import YEAR, chosen, known_sections, moment, outcome, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def figures(monkeypatch):
    monkeypatch.setattr(queries, "_dashboard_sections", known_sections)


def _page(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_drafts_are_listed_for_the_involvement_team_only(
    lead_client, coordinator_client, staff_client, expert_client
):
    report(2023, published=True)
    report(2024)
    for client in (lead_client, coordinator_client):
        text = _page(client, "report:reports")
        assert "Experts Report 2023 to 2024" in text and "Experts Report 2024 to 2025" in text
    for client in (staff_client, expert_client):
        text = _page(client, "report:reports")
        assert "Experts Report 2023 to 2024" in text
        assert "2024 to 2025" not in text
        assert staff_client.get(reverse("report:year", args=[2024])).status_code == 404


def test_only_the_lead_is_offered_to_start_a_report(lead_client, coordinator_client):
    assert "Start the report for a year" in _page(lead_client, "report:reports")
    assert "Start the report for a year" not in _page(coordinator_client, "report:reports")


@time_machine.travel(date(2025, 6, 1))
def test_the_lead_starts_a_report_and_a_missing_choice_is_explained(lead_client):
    url = reverse("report:start")
    text = _page(lead_client, "report:start")
    assert "1 April 2025 to 31 March 2026" in text and "1 April 2020 to 31 March 2021" in text
    refused = lead_client.post(url, {})
    assert refused.status_code == 400
    assert "Choose the year the report is for" in refused.content.decode()
    assert not Report.objects.exists()
    done = lead_client.post(url, {"year": "2024"})
    assert done["Location"] == reverse("report:year", args=[2024])
    assert Report.objects.get().year == 2024
    # A year already started is no longer offered.
    assert "1 April 2024 to 31 March 2025" not in _page(lead_client, "report:start")


def test_the_year_page_shows_the_foreword_highlights_figures_and_case_studies(expert_client):
    made = report(
        published=True,
        foreword="Thank you to every expert.\n\nYou changed how we work.",
        highlights=["Experts sat on 12 interview panels"],
    )
    first, second = chosen(made, outcome("Discharge letter"), outcome("Crisis line menu"))
    first.title = "A letter people can read"
    first.summary = "Experts rewrote the letter."
    first.save()
    text = _page(expert_client, "report:year", YEAR)
    for words in (
        "Experts Report 2024 to 2025",
        "<p>Thank you to every expert.</p>",
        "<p>You changed how we work.</p>",
        "Experts sat on 12 interview panels",
        "Sessions and hours of involvement",
        "7 sessions and 31 hours of involvement.",
        "Sessions and hours by month",
        "A letter people can read",
        "Experts rewrote the letter.",
        "Crisis line menu: what we did",
        reverse("report:pdf", args=[YEAR]),
    ):
        assert words in text, words
    assert text.index("A letter people can read") < text.index("Crisis line menu")
    # An expert reads; they are offered nothing to change.
    assert reverse("report:write", args=[YEAR]) not in text
    assert "/move/" not in text


def test_confidential_work_never_shows_in_the_report_page(lead_client):
    made = report(published=True)
    secret = outcome("Review of the death of a patient")
    chosen(made, secret)
    secret.opportunity.confidential = True
    secret.opportunity.save()
    outcome("Another secret review", confidential=True)
    assert "Review of the death" not in _page(lead_client, "report:year", YEAR)
    assert "secret review" not in _page(lead_client, "report:choose", YEAR)


def test_a_year_with_nothing_in_it_says_so(lead_client, monkeypatch):
    monkeypatch.setattr(queries, "_dashboard_sections", lambda filters: [])
    report(2019)
    text = _page(lead_client, "report:year", 2019)
    assert "No sessions were held and no outcomes were recorded from 1 April 2019" in text
    response = lead_client.get(reverse("report:pdf", args=[2019]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="experts-report-2019-to-2020.pdf"' in response["Content-Disposition"]


def test_the_lead_writes_the_foreword_and_highlights_and_long_ones_are_refused(lead_client):
    made = report()
    url = reverse("report:write", args=[YEAR])
    too_many = lead_client.post(url, {"foreword": "Hello", "highlights": "\n".join("abcdefg")})
    assert too_many.status_code == 400
    page = too_many.content.decode()
    assert "Write 6 highlights at most, one on each line: you have written 7" in page
    assert "Hello" in page  # what they wrote is kept
    long = lead_client.post(url, {"foreword": "", "highlights": "short\n" + "x" * 201})
    assert "highlight 2 has 201" in long.content.decode()
    made.refresh_from_db()
    assert (made.foreword, made.highlights) == ("", [])
    done = lead_client.post(url, {"foreword": "Thanks", "highlights": " One \n\n Two  words "})
    assert done.status_code == 302
    made.refresh_from_db()
    assert (made.foreword, made.highlights) == ("Thanks", ["One", "Two words"])
    same = lead_client.post(url, {"foreword": "Thanks", "highlights": "One\nTwo words"})
    assert "You have not changed anything." in same.content.decode()


def test_the_lead_chooses_orders_renames_and_removes_case_studies(lead_client):
    made = report()
    a = outcome("Carers' café", summary="Carers asked for a café.")
    b = outcome("Discharge letter", recorded=moment(YEAR + 1, 1, 10))
    outcome("Earlier work", recorded=moment(YEAR, 3, 1))
    text = _page(lead_client, "report:choose", YEAR)
    assert "Discharge letter" in text and "Carers" in text and "Earlier work" not in text
    assert "Discharge letter" in _page(lead_client, "report:choose", YEAR, words="discharge")
    assert "Carers" not in _page(lead_client, "report:choose", YEAR, words="discharge")
    choose = reverse("report:choose", args=[YEAR])
    assert lead_client.post(choose, {"outcome": a.pk}).status_code == 302
    assert lead_client.post(choose, {"outcome": b.pk}).status_code == 302
    refused = lead_client.post(choose, {"outcome": b.pk})
    assert refused.status_code == 400
    assert "That outcome cannot be chosen" in refused.content.decode()
    first, second = CaseStudy.objects.filter(report=made)
    lead_client.post(reverse("report:move", args=[YEAR, second.pk]), {"to": "earlier"})
    assert list(CaseStudy.objects.values_list("outcome_id", flat=True)) == [b.pk, a.pk]
    edit = reverse("report:case_study", args=[YEAR, first.pk])
    assert "Carers asked for a café." in _page(lead_client, "report:case_study", YEAR, first.pk)
    long = lead_client.post(edit, {"title": "x" * 121, "summary": ""})
    assert long.status_code == 400
    lead_client.post(edit, {"title": "A café for carers", "summary": "Short."})
    first.refresh_from_db()
    assert (first.title, first.summary) == ("A café for carers", "Short.")
    lead_client.post(edit, {"remove": "1"})
    assert list(CaseStudy.objects.values_list("outcome_id", flat=True)) == [b.pk]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REPORT_WRITTEN).count() == 5


def test_publishing_lets_experts_read_it_and_shows_it_on_their_home_page(lead_client, client):
    report(foreword="Thank you")
    expert = expert_with_account()
    client.force_login(expert.user)
    assert client.get(reverse("report:year", args=[YEAR])).status_code == 404
    home = reverse("opportunities:my_involvement")
    assert "Experts Report" not in client.get(home).content.decode()
    warning = _page(lead_client, "report:publish", YEAR)
    assert "The report has no highlights, case studies yet." in warning
    assert lead_client.post(reverse("report:publish", args=[YEAR])).status_code == 302
    assert "Thank you" in _page(client, "report:year", YEAR)
    assert "Read the Experts Report 2024 to 2025" in client.get(home).content.decode()
    again = lead_client.post(reverse("report:publish", args=[YEAR]))
    assert again.status_code == 400
    assert "The report is already published." in again.content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_read_with_a_fixed_number_of_queries_however_many_rows(lead_client):
    made = report(published=True)
    chosen(made, outcome("First"))
    outcome("Second")
    report(2023, published=True)
    pages = [
        reverse("report:reports"),
        reverse("report:year", args=[YEAR]),
        reverse("report:choose", args=[YEAR]),
    ]
    few = [_queries(lead_client, url) for url in pages]
    chosen_more = [outcome(f"Work {n}") for n in range(6)]
    for n, one in enumerate(chosen_more[:4], start=2):
        CaseStudy.objects.create(report=made, outcome=one, position=n)
    for n in range(10):
        outcome(f"More work {n}")
    report(2022, published=True)
    report(2021)
    assert [_queries(lead_client, url) for url in pages] == few
