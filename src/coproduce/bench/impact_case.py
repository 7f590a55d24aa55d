"""Closing the loop at the issue's scale: the evaluation dashboard for a financial year (a page,
under DASHBOARD_TARGET_MS) and the annual Experts Report PDF for the same year (made while the
lead waits, under REPORT_TARGET_S), both for the last complete financial year, the one an
annual report is written about. With them, the sizes the issue names (experts, attendances,
feedback answers, claims), printed so the report says what scale was measured."""

import statistics
import time
from datetime import date

DASHBOARD_NAME = "evaluation dashboard, a year"
DASHBOARD_TARGET_MS = 500.0
REPORT_NAME = "annual Experts Report PDF"
REPORT_TARGET_S = 10.0
# A PDF takes seconds: one untimed render (the process's first pays for fonts and templates),
# then the median of a few.
REPORT_RENDERS = 3


def last_complete_year(today: date) -> int:
    """The financial year (1 April to 31 March) that ended most recently, by its first year."""
    from coproduce.core.periods import financial_year_of

    return financial_year_of(today) - 1


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()


def dashboard_path(fixtures) -> str:
    """The dashboard's URL for the last complete financial year, for a bench Case."""
    from django.urls import reverse  # the parent process never loads Django

    from coproduce.core.periods import financial_year

    year = financial_year(last_complete_year(_today()))
    return reverse("dashboard:dashboard") + f"?start={year.first:%Y-%m-%d}&end={year.last:%Y-%m-%d}"


def impact_cases(case_type) -> list:
    """The bench's page cases for closing the loop."""
    return [case_type(DASHBOARD_NAME, DASHBOARD_TARGET_MS, dashboard_path)]


def time_report_pdf(renders: int = REPORT_RENDERS) -> dict:
    """The annual report of the last complete financial year, rendered as the download does."""
    from coproduce.impact.report.pdf import render

    year = last_complete_year(_today())
    pdf = render(year)  # untimed: fonts, templates and the first queries
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError("the annual report is not a PDF")
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        pdf = render(year)
        times.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times), "year": year, "kilobytes": len(pdf) // 1000}


def data_sizes() -> dict[str, int]:
    """How much there is of what the issue's speed targets are stated for."""
    from coproduce.impact.feedback.models import FeedbackAnswer
    from coproduce.opportunities.choices import Attendance
    from coproduce.opportunities.models import Invitation
    from coproduce.payments.models import Claim
    from coproduce.people.models import Expert

    return {
        "experts": Expert.objects.count(),
        "attendances": Invitation.objects.filter(attendance=Attendance.ATTENDED).count(),
        "feedback answers": FeedbackAnswer.objects.count(),
        "claims": Claim.objects.count(),
    }


def sizes_line(database: str, sizes: dict[str, int]) -> str:
    """One line for the report: "SQLite held 20,000 experts, 200,210 attendances, ..."."""
    held = ", ".join(f"{count:,} {what}" for what, count in sizes.items())
    return f"{database} held {held}."
