"""The bench's closing-the-loop cases: the evaluation dashboard and the annual report PDF for the
last complete financial year, and the sizes of data they were measured on."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import timezone

from coproduce.bench import impact_case
from coproduce.bench.__main__ import _not_measured, _rows
from coproduce.bench.cases import CASES, Fixtures
from coproduce.bench.impact_case import (
    DASHBOARD_NAME,
    REPORT_NAME,
    data_sizes,
    last_complete_year,
    sizes_line,
    time_report_pdf,
)
from coproduce.impact.feedback.models import FeedbackAnswer
from coproduce.payments.models import Claim
from tests.factories import ExpertFactory, InvitationFactory


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2026, 12, 3), 2025),
        (date(2027, 3, 31), 2025),  # the year 2026 has not ended yet
        (date(2027, 4, 1), 2026),
    ],
)
def test_the_year_measured_is_the_last_complete_financial_year(today, year):
    assert last_complete_year(today) == year


def test_the_dashboard_is_asked_for_that_year_against_its_target(monkeypatch):
    from django.urls import reverse

    monkeypatch.setattr(impact_case, "_today", lambda: date(2026, 12, 3))
    case = next(c for c in CASES if c.name == DASHBOARD_NAME)
    assert (case.target_ms, case.role) == (500, "coordinator")
    assert case.path(Fixtures(area_id=0, expert_id=0)) == (
        reverse("dashboard:dashboard") + "?start=2025-04-01&end=2026-03-31"
    )


def test_the_report_is_rendered_once_untimed_then_timed_for_that_year(monkeypatch):
    import coproduce.impact.report.pdf as report_pdf

    asked: list[int] = []

    def render(year: int) -> bytes:
        asked.append(year)
        return b"%PDF-1.7 " + b"x" * 4000

    monkeypatch.setattr(report_pdf, "render", render)
    monkeypatch.setattr(impact_case, "_today", lambda: date(2026, 12, 3))
    timed = time_report_pdf(renders=3)
    assert asked == [2025] * 4
    assert timed["year"] == 2025 and timed["kilobytes"] == 4
    assert timed["seconds"] >= 0


def _outcome(report_seconds: float | None, error: str = "") -> dict:
    timed = {"median_ms": 10.0, "queries": 5, "error": ""}
    return {
        "demo_seconds": 1.0,
        "results": [timed | {"name": case.name} for case in CASES],
        "admin": [],
        "shortlists": {"count": 0},
        "report_pdf": {"seconds": report_seconds, "error": error},
        "import": {"seconds": 1.0, "error": ""},
        "payment_run": {"seconds": 1.0, "error": ""},
    }


def test_the_report_has_a_row_of_its_own_with_a_ten_second_target():
    def report_row(outcome: dict):
        return next(r for r in _rows("PostgreSQL", 100, outcome) if r.measurement == REPORT_NAME)

    quick = report_row(_outcome(4.2))
    assert (quick.target, quick.median, quick.verdict) == ("< 10 s", "4.2 s", "yes")
    assert report_row(_outcome(12.5)).verdict == "MISSED"
    broken = report_row(_outcome(None, "ModuleNotFoundError: no pdf"))
    assert broken.verdict == "not measured: ModuleNotFoundError: no pdf"
    dashboard = next(
        r for r in _rows("SQLite", 100, _outcome(1.0)) if r.measurement == DASHBOARD_NAME
    )
    assert (dashboard.target, dashboard.verdict) == ("< 500 ms", "yes")
    names = [r.measurement for r in _not_measured("SQLite", 100, "down")]
    assert REPORT_NAME in names and DASHBOARD_NAME in names


@pytest.mark.django_db
def test_the_sizes_count_experts_attended_places_answers_and_claims():
    came = InvitationFactory(attendance="attended")
    InvitationFactory(attendance="did_not_attend", session=came.session)
    ExpertFactory()
    FeedbackAnswer.objects.create(
        session=came.session,
        opportunity=came.session.opportunity,
        team=came.session.opportunity.team,
        answered_on=date(2026, 5, 1),
        good_experience="yes",
        listened_to="yes",
        access_needs_met="yes",
        had_what_needed="yes",
    )
    Claim.objects.create(
        expert=came.expert,
        invitation=came,
        kind="expenses",
        session_date=date(2026, 5, 1),
        team=came.session.opportunity.team,
        submitted_at=timezone.now(),
    )
    sizes = data_sizes()
    assert sizes == {"experts": 3, "attendances": 1, "feedback answers": 1, "claims": 1}
    assert sizes_line("SQLite", sizes) == (
        "SQLite held 3 experts, 1 attendances, 1 feedback answers, 1 claims."
    )


def test_the_sizes_are_printed_beside_the_table(monkeypatch, capsys):
    from coproduce.bench import __main__ as bench

    class Target:
        label = "SQLite"

        def prepare(self) -> str:
            return "sqlite:///x"

        def cleanup(self) -> None:
            pass

    answers = {
        "fill": {"demo_seconds": 1.0},
        "measure": _outcome(1.0)
        | {
            "sizes": {
                "experts": 20_000,
                "attendances": 200_500,
                "feedback answers": 50_100,
                "claims": 230_000,
            }
        },
        "writes": {},
    }
    monkeypatch.setattr(bench, "_run_worker", lambda url, step, *a, **k: answers[step])
    sizes: list[str] = []
    args = SimpleNamespace(experts=20_000, requests=1, load_only=False, no_load=True)
    bench._measure(Target(), args, sizes)  # type: ignore[arg-type]
    line = (
        "SQLite held 20,000 experts, 200,500 attendances, 50,100 feedback answers, 230,000 claims."
    )
    assert sizes == [line]
    assert line in capsys.readouterr().out
