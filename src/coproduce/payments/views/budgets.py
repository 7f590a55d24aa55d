"""Spending against each team's involvement budget for a financial year, and setting a budget."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from coproduce.accounts import queries as account_queries
from coproduce.core.charts import Series, bar_chart
from coproduce.core.formats import count_of, money
from coproduce.core.periods import financial_year, financial_year_of
from coproduce.payments.forms.budgets import BudgetForm, TeamChoiceForm
from coproduce.payments.queries.budgets import BudgetReport, budget_for, budget_report
from coproduce.payments.services.budgets import set_budget

FIRST_YEAR, LAST_YEAR = 2000, 2100


def year_words(year: int) -> str:
    """'April 2026 to March 2027'."""
    return f"April {year} to March {year + 1}"


def _year(text: str | None) -> int:
    if not text:
        return financial_year_of(timezone.localdate())
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise Http404("No such financial year")
    return int(text)


def _link(year: int, team_id: int | None) -> str:
    query = {"year": year, **({"team": team_id} if team_id else {})}
    return f"{reverse('payments:budgets')}?{urlencode(query)}"


def _charts(report: BudgetReport) -> dict:
    team_chart = bar_chart(
        chart_id="chart-teams",
        title=f"Budget and spending by team, {year_words(report.year)}",
        description=(
            f"For each of {count_of(len(report.teams), 'team')}: "
            "the budget, then paid, approved, waiting for approval and committed. "
            "The table after the chart gives the same figures."
        ),
        categories=[entry.team.name for entry in report.teams],
        series=[
            Series("Budget", [entry.amount or 0 for entry in report.teams], style=0),
            Series("Paid", [entry.figures.paid for entry in report.teams], style=1),
            Series("Approved", [entry.figures.approved for entry in report.teams], style=2),
            Series(
                "Waiting for approval", [entry.figures.waiting for entry in report.teams], style=3
            ),
            Series("Committed", [entry.figures.committed for entry in report.teams], style=4),
        ],
        value_format=money,
    )
    month_chart = bar_chart(
        chart_id="chart-months",
        title=f"Spending by month, {year_words(report.year)}",
        description=(
            "For each month from April to March: paid, approved, waiting for approval and "
            "committed. The table after the chart gives the same figures."
        ),
        categories=[f"{month:%B %Y}" for month in report.months],
        series=[
            Series("Paid", [m.paid for m in report.by_month], style=1),
            Series("Approved", [m.approved for m in report.by_month], style=2),
            Series("Waiting for approval", [m.waiting for m in report.by_month], style=3),
            Series("Committed", [m.committed for m in report.by_month], style=4),
        ],
        value_format=money,
    )
    return {"team_chart": team_chart, "month_chart": month_chart}


@permission_required("payments.view_budgets", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    year = _year(request.GET.get("year"))
    teams = list(account_queries.teams())
    chooser = TeamChoiceForm(request.GET or None, teams=teams)
    team_id = None
    if request.GET.get("team"):
        if not chooser.is_valid():
            raise Http404("No such team")
        team_id = chooser.cleaned_data["team"]
    report = budget_report(year, team_id=team_id)
    chosen = next((t for t in teams if t.pk == team_id), None)
    return render(
        request,
        "payments/budgets.jinja",
        {
            "report": report,
            "year": year,
            "year_words": year_words(year),
            "period": financial_year(year),
            "chooser": chooser,
            "chosen": chosen,
            "previous_link": _link(year - 1, team_id) if year > FIRST_YEAR else None,
            "next_link": _link(year + 1, team_id) if year < LAST_YEAR else None,
            "previous_words": year_words(year - 1),
            "next_words": year_words(year + 1),
            "can_edit": request.user.has_perm("payments.set_budgets"),
            **_charts(report),
        },
    )


@permission_required("payments.set_budgets", raise_exception=True)
def edit(request: HttpRequest, team_pk: int, year: int) -> HttpResponse:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such financial year")
    team = account_queries.team_or_404(team_pk)
    budget = budget_for(team, year)
    form = BudgetForm(
        request.POST if request.method == "POST" else None, initial=BudgetForm.initial_from(budget)
    )
    if request.method == "POST" and form.is_valid():
        set_budget(
            actor=request.user,
            team=team,
            year=year,
            amount=form.cleaned_data["amount"],
            cost_centre=form.cleaned_data["cost_centre"],
        )
        messages.success(
            request,
            f"The budget for {team.name} for {year_words(year)} is now "
            f"{money(form.cleaned_data['amount'])}.",
        )
        return redirect(_link(year, None))
    return render(
        request,
        "payments/budget_form.jinja",
        {
            "form": form,
            "team": team,
            "year": year,
            "year_words": year_words(year),
            "budget": budget,
            "back_link": _link(year, None),
        },
        status=400 if form.errors else 200,
    )
