"""Writing the Experts Report: starting a year, the foreword and highlights, choosing and
ordering case studies (never confidential work's, never another year's) and publishing, each
audited, and nothing half-saved when a change is refused."""

from datetime import date

import pytest
import time_machine

from coproduce.accounts.roles import Role
from coproduce.audit.models import AuditEvent
from coproduce.impact.report import services
from coproduce.impact.report.models import MOST_CASE_STUDIES, CaseStudy, Report
from tests.factories import UserFactory
from tests.impact.report.helpers import YEAR, chosen, moment, outcome, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return UserFactory(role=Role.INVOLVEMENT_LEAD)


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


@time_machine.travel(date(2025, 6, 1))
def test_the_lead_starts_a_years_report_once_and_it_is_audited(lead):
    made = services.start_report(actor=lead, year=2024)
    assert (made.year, made.state, made.started_by) == (2024, Report.State.DRAFT, lead)
    [event] = _events(AuditEvent.Action.REPORT_WRITTEN)
    assert event.summary == "Experts Report for 2024 to 2025 started"
    with pytest.raises(services.ReportError, match="already been started"):
        services.start_report(actor=lead, year=2024)
    assert Report.objects.count() == 1


@time_machine.travel(date(2025, 6, 1))
def test_a_report_cannot_be_started_for_a_future_year_or_one_long_past(lead):
    for year in (2026, 2018):
        with pytest.raises(services.ReportError, match="Choose a year from the list"):
            services.start_report(actor=lead, year=year)
    assert not Report.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_foreword_and_highlights_are_saved_with_before_and_after_in_the_audit(lead):
    made = report(foreword="Old words")
    services.write_report(
        actor=lead, report=made, foreword="Thank you all.", highlights=["One", "Two"]
    )
    made.refresh_from_db()
    assert (made.foreword, made.highlights) == ("Thank you all.", ["One", "Two"])
    [event] = _events(AuditEvent.Action.REPORT_WRITTEN)
    assert event.changes == {
        "Foreword": ["Old words", "Thank you all."],
        "Highlights": ["", "One\nTwo"],
    }
    with pytest.raises(services.ReportError, match="not changed anything"):
        services.write_report(
            actor=lead, report=made, foreword="Thank you all.", highlights=["One", "Two"]
        )
    assert len(_events(AuditEvent.Action.REPORT_WRITTEN)) == 1


def test_case_studies_are_chosen_in_order_from_the_years_outcomes(lead):
    made = report()
    first = outcome("Discharge letter")
    second = outcome("Crisis line menu", recorded=moment(YEAR + 1, 3, 31))
    services.choose_case_study(actor=lead, report=made, outcome_pk=first.pk)
    services.choose_case_study(actor=lead, report=made, outcome_pk=second.pk)
    order = list(CaseStudy.objects.filter(report=made).values_list("outcome_id", "position"))
    assert order == [(first.pk, 1), (second.pk, 2)]
    events = _events(AuditEvent.Action.REPORT_WRITTEN)
    assert [e.changes for e in events] == [
        {"Case study": [None, "Discharge letter"]},
        {"Case study": [None, "Crisis line menu"]},
    ]


def test_confidential_work_another_years_and_a_chosen_outcome_cannot_be_chosen(lead):
    made = report()
    secret = outcome("Serious incident review", confidential=True)
    before = outcome("Last year's panel", recorded=moment(YEAR, 3, 31))
    after = outcome("Next year's panel", recorded=moment(YEAR + 1, 4, 1))
    once = outcome("Carers' café")
    chosen(made, once)
    for one in (secret, before, after, once):
        with pytest.raises(services.ReportError, match="cannot be chosen"):
            services.choose_case_study(actor=lead, report=made, outcome_pk=one.pk)
    assert CaseStudy.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_a_report_holds_a_few_case_studies_at_most(lead):
    made = report()
    chosen(made, *(outcome(f"Work {n}") for n in range(MOST_CASE_STUDIES)))
    with pytest.raises(services.ReportError, match=f"already has {MOST_CASE_STUDIES}"):
        services.choose_case_study(actor=lead, report=made, outcome_pk=outcome("One more").pk)


def test_case_studies_move_change_and_come_out_each_audited(lead):
    made = report()
    a, b, c = chosen(made, outcome("A"), outcome("B"), outcome("C"))
    assert services.move_case_study(actor=lead, case=c, earlier=True)
    assert list(CaseStudy.objects.filter(report=made).values_list("pk", flat=True)) == [
        a.pk,
        c.pk,
        b.pk,
    ]
    assert not services.move_case_study(actor=lead, case=a, earlier=True)
    services.change_case_study(actor=lead, case=a, title="Short", summary="")
    a.refresh_from_db()
    assert a.title == "Short"
    services.remove_case_study(actor=lead, case=b)
    assert list(CaseStudy.objects.filter(report=made).values_list("pk", flat=True)) == [
        a.pk,
        c.pk,
    ]
    assert [e.changes for e in _events(AuditEvent.Action.REPORT_WRITTEN)] == [
        {"Place": [3, 2]},
        {"Title": ["", "Short"]},
        {"Case study": ["B", None]},
    ]


def test_publishing_is_audited_and_happens_once(lead):
    made = report()
    services.publish_report(actor=lead, report=made)
    made.refresh_from_db()
    assert made.published and made.published_by == lead and made.published_at
    [event] = _events(AuditEvent.Action.REPORT_PUBLISHED)
    assert event.summary == f"Experts Report for {YEAR} to {YEAR + 1} published"
    with pytest.raises(services.ReportError, match="already published"):
        services.publish_report(actor=lead, report=made)
    assert len(_events(AuditEvent.Action.REPORT_PUBLISHED)) == 1
