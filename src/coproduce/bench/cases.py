"""What the benchmark measures. Add a Case to measure another page; the targets are the
issue's numbers (None: measured, but no target yet)."""

from collections.abc import Callable
from dataclasses import dataclass

from coproduce.bench.impact_case import impact_cases
from coproduce.bench.welcome_case import welcome_cases


@dataclass(frozen=True)
class Fixtures:
    """Records a case's URL may need, found in the demo data."""

    area_id: int
    expert_id: int
    # The demo's published opportunity with wanted areas, skills and upcoming sessions.
    opportunity_id: int | None = None


@dataclass(frozen=True)
class Case:
    name: str
    target_ms: float | None
    path: Callable[[Fixtures], str]
    # Who is signed in: the demo coordinator, the demo expert (their own pages) or finance.
    role: str = "coordinator"


def _url(name: str, *args: object) -> str:
    from django.urls import reverse  # the parent process never loads Django

    return reverse(name, args=args)


CASES = [
    Case("register, first page", 100, lambda f: _url("people:register")),
    Case(
        "register, filtered search",
        100,
        lambda f: _url("people:register") + f"?q=smi&status=active&area={f.area_id}",
    ),
    Case("expert's profile", 100, lambda f: _url("people:expert_detail", f.expert_id)),
    Case("overview", None, lambda f: _url("people:dashboard")),
    Case("shortlist", 150, lambda f: _url("opportunities:shortlist", f.opportunity_id)),
    Case("calendar month", 100, lambda f: _url("opportunities:calendar")),
    Case(
        "expert's portal home",
        100,
        lambda f: _url("opportunities:my_involvement"),
        role="expert",
    ),
    Case("finance approval queue", 150, lambda f: _url("payments:claims"), role="finance"),
    Case("budgets", 150, lambda f: _url("payments:budgets"), role="finance"),
    # A PDF made while the coordinator waits (welcome_case.py).
    *welcome_cases(Case),
    # The evaluation dashboard for a financial year (impact_case.py).
    *impact_cases(Case),
]
DEMO_DATA_TARGET_S = 120.0
