"""Team budgets: committed, waiting, approved, paid and remaining for a financial year, by team
and by month, drawn as a chart with a table of the same figures; and setting a budget."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coproduce.opportunities.choices import Kind
from coproduce.payments.choices import ClaimKind, ClaimStatus, FeeChoice
from coproduce.payments.models import Budget, Claim, FeeDecision, PaymentRun
from coproduce.payments.queries.budgets import budget_report
from tests.factories import (
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    TeamFactory,
)
from tests.payments.helpers import make_policy

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=LONDON)
URL = "/payments/budgets/"
REFERENCES = count(1)


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def text(response) -> str:
    return " ".join(response.content.decode().split())


def claim(team, day: date, status: str, total: str, *, kind: str = ClaimKind.EXPENSES) -> Claim:
    invitation = InvitationFactory(status="accepted", session__opportunity__team=team)
    run = None
    if status == ClaimStatus.PAID:
        run = PaymentRun.objects.create(reference=f"RUN{next(REFERENCES)}", paid_on=day)
    return Claim.objects.create(
        expert=invitation.expert,
        invitation=invitation,
        kind=kind,
        status=status,
        session_date=day,
        team=team,
        total=Decimal(total),
        submitted_at=timezone.now(),
        payment_run=run,
    )


def paid_session(team, starts: datetime, *, hours: int = 2, kind: str = Kind.WORKSHOP, **opp):
    opportunity = OpportunityFactory(
        team=team, paid=opp.pop("paid", True), kind=kind, hourly_rate=Decimal("12.00"), **opp
    )
    return SessionFactory(
        opportunity=opportunity, starts_at=starts, ends_at=starts + timedelta(hours=hours)
    )


def place(session, **options):
    return InvitationFactory(session=session, status=options.pop("status", "accepted"), **options)


@pytest.fixture
def spending():
    """Two teams with budgets, one without, one closed team with spending, one closed team with
    none; claims in every status, in the year and either side of it; places accepted."""
    make_policy(hourly=Decimal("15.00"), kind=Kind.WORKSHOP)
    a = TeamFactory(name="Adult Social Care")
    b = TeamFactory(name="Carers Services")
    c = TeamFactory(name="Children's Services")
    closed_with_spending = TeamFactory(name="Old Projects", active=False)
    TeamFactory(name="Closed Team", active=False)
    Budget.objects.create(team=a, year=2026, amount=Decimal("5000.00"), cost_centre="CC1")
    Budget.objects.create(team=b, year=2026, amount=Decimal("1000.00"))
    Budget.objects.create(team=a, year=2025, amount=Decimal("9999.00"))

    claim(a, date(2026, 4, 10), ClaimStatus.PAID, "100.00")
    claim(a, date(2026, 4, 20), ClaimStatus.APPROVED, "50.25", kind=ClaimKind.INVOLVEMENT)
    claim(a, date(2026, 5, 3), ClaimStatus.SUBMITTED, "20.00")
    claim(a, date(2026, 5, 4), ClaimStatus.CHECKED, "5.50")
    claim(a, date(2026, 5, 5), ClaimStatus.REJECTED, "999.00")
    claim(a, date(2026, 5, 6), ClaimStatus.WITHDRAWN, "888.00")
    claim(a, date(2027, 3, 31), ClaimStatus.PAID, "10.00")
    claim(a, date(2026, 3, 31), ClaimStatus.PAID, "777.00")  # the year before
    claim(a, date(2027, 4, 1), ClaimStatus.APPROVED, "666.00")  # the year after
    claim(b, date(2026, 12, 1), ClaimStatus.APPROVED, "300.00")
    claim(closed_with_spending, date(2026, 6, 2), ClaimStatus.PAID, "5.00")

    # Committed: places accepted at paid sessions in the year, at the policy's £15 an hour.
    july = paid_session(a, datetime(2026, 7, 1, 10, 0, tzinfo=LONDON))  # 2 hours: £30
    place(july)
    place(july)
    reduced = place(july)
    FeeDecision.objects.create(
        invitation=reduced, choice=FeeChoice.REDUCED, reduced_amount=Decimal("10.00")
    )
    FeeDecision.objects.create(invitation=place(july), choice=FeeChoice.EXPENSES_ONLY)
    FeeDecision.objects.create(invitation=place(july), choice=FeeChoice.DECLINED)
    FeeDecision.objects.create(invitation=place(july), choice=FeeChoice.FULL)  # £30
    place(july, hours=Decimal("3"))  # £45
    place(july, status="declined")
    place(july, status="invited")
    place(july, attendance="attended", hours=Decimal("2"))
    place(paid_session(a, datetime(2026, 7, 2, 10, 0, tzinfo=LONDON), paid=False))
    cancelled = paid_session(a, datetime(2026, 7, 3, 10, 0, tzinfo=LONDON))
    cancelled.status = "cancelled"
    cancelled.save()
    place(cancelled)
    place(paid_session(a, datetime(2027, 4, 2, 10, 0, tzinfo=LONDON)))  # the year after
    already_claimed = place(july)
    Claim.objects.create(
        expert=already_claimed.expert,
        invitation=already_claimed,
        kind=ClaimKind.INVOLVEMENT,
        status=ClaimStatus.SUBMITTED,
        session_date=date(2026, 7, 1),
        team=a,
        total=Decimal("30.00"),
        submitted_at=timezone.now(),
    )
    # No policy rate for committees: the opportunity's own £12 an hour.
    january = paid_session(b, datetime(2027, 1, 10, 14, 0, tzinfo=LONDON), kind=Kind.COMMITTEE)
    place(january)
    return {"a": a, "b": b, "c": c, "closed": closed_with_spending}


def test_figures_by_team_count_each_status_once_in_its_year(spending):
    report = budget_report(2026)
    rows = {entry.team.name: entry for entry in report.teams}
    assert list(rows) == [
        "Adult Social Care",
        "Carers Services",
        "Children's Services",
        "Old Projects",
    ]
    a = rows["Adult Social Care"]
    assert a.amount == Decimal("5000.00")
    assert a.figures.paid == Decimal("110.00")
    assert a.figures.approved == Decimal("50.25")
    assert a.figures.waiting == Decimal("55.50")  # 20.00 + 5.50, and the 30.00 fee waiting
    # 30 + 30 + 10 (reduced) + 30 (chose the full fee) + 45 (three hours)
    assert a.figures.committed == Decimal("145.00")
    assert a.remaining == Decimal("5000.00") - Decimal("360.75")
    b = rows["Carers Services"]
    assert (b.figures.approved, b.figures.committed) == (Decimal("300.00"), Decimal("24.00"))
    assert b.remaining == Decimal("676.00")
    c = rows["Children's Services"]
    assert c.budget is None and c.remaining is None and c.figures.total == 0
    assert rows["Old Projects"].figures.paid == Decimal("5.00")
    assert report.budget_total == Decimal("6000.00")
    assert report.total.total == Decimal("360.75") + Decimal("324.00") + Decimal("5.00")


def test_figures_by_month_run_from_april_to_march(spending):
    report = budget_report(2026)
    assert report.months[0] == date(2026, 4, 1) and report.months[-1] == date(2027, 3, 1)
    month = dict(zip(report.months, report.by_month, strict=True))
    april = month[date(2026, 4, 1)]
    assert (april.paid, april.approved) == (Decimal("100.00"), Decimal("50.25"))
    assert month[date(2026, 5, 1)].waiting == Decimal("25.50")
    assert month[date(2026, 6, 1)].paid == Decimal("5.00")
    july = month[date(2026, 7, 1)]
    assert (july.committed, july.waiting) == (Decimal("145.00"), Decimal("30.00"))
    assert month[date(2026, 12, 1)].approved == Decimal("300.00")
    assert month[date(2027, 1, 1)].committed == Decimal("24.00")
    assert month[date(2027, 3, 1)].paid == Decimal("10.00")
    assert month[date(2026, 8, 1)].total == 0
    a = next(e for e in report.teams if e.team.name == "Adult Social Care")
    assert a.months[11].paid == Decimal("10.00")


def test_one_team_alone(spending):
    report = budget_report(2026, team_id=spending["b"].pk)
    assert [e.team.name for e in report.teams] == ["Carers Services"]
    assert report.total.total == Decimal("324.00")
    assert report.by_month[8].approved == Decimal("300.00")  # December


def test_another_year_counts_only_its_own_claims(spending):
    report = budget_report(2025)
    a = next(e for e in report.teams if e.team.name == "Adult Social Care")
    assert (a.amount, a.figures.paid, a.figures.total) == (
        Decimal("9999.00"),
        Decimal("777.00"),
        Decimal("777.00"),
    )


def test_the_page_shows_the_current_year_by_team_and_month_with_charts(spending, finance_client):
    page = text(finance_client.get(URL))
    assert 'Involvement budgets <span class="nhsuk-caption-l">April 2026 to March 2027' in page
    assert (
        '<th scope="row" class="nhsuk-table__header">Adult Social Care (Shropshire Council)</th>'
        in page
    )
    for figure in ("£5,000.00", "£145.00", "£55.50", "£50.25", "£110.00", "£4,639.25"):
        assert figure in page
    assert "No budget" in page and "Not set" in page
    # Charts made on the server, each one image with a title, a description and labels.
    assert page.count('class="app-chart" role="img"') == 2
    assert (
        '<title id="chart-teams-title">Budget and spending by team, April 2026 to March 2027'
        "</title>" in page
    )
    assert "Budget: £5,000.00" in page
    assert "Committed: £145.00" in page
    assert '<title id="chart-months-title">Spending by month' in page
    assert "July 2026" in page
    assert 'href="/payments/budgets/?year=2025"' in page
    assert 'href="/payments/budgets/?year=2027"' in page


def test_the_page_for_one_team(spending, lead_client):
    team = spending["b"]
    page = text(lead_client.get(URL, {"year": "2026", "team": team.pk}))
    assert "Carers Services" in page
    assert "Adult Social Care (Shropshire Council)</th>" not in page
    assert f'<option value="{team.pk}" selected' in page
    assert f"year=2025&amp;team={team.pk}" in page


def test_an_over_spent_budget_says_by_how_much(finance_client):
    team = TeamFactory(name="Tight Team")
    Budget.objects.create(team=team, year=2026, amount=Decimal("10.00"))
    claim(team, date(2026, 5, 1), ClaimStatus.PAID, "25.00")
    assert "£15.00 over" in text(finance_client.get(URL))


@pytest.mark.parametrize(
    "query",
    [{"year": "abc"}, {"year": "1999"}, {"year": "2101"}, {"team": "99999"}, {"team": "x"}],
)
def test_a_year_or_team_that_does_not_exist_is_not_found(finance_client, query):
    assert finance_client.get(URL, query).status_code == 404


def _many(size: int) -> None:
    """`size` teams, each with a budget, claims in every status and months, and places."""
    for n in range(size):
        team = TeamFactory()
        Budget.objects.create(team=team, year=2026, amount=Decimal("1000.00"))
        for month in (4, 6, 9, 1):
            day = date(2027 if month < 4 else 2026, month, 3)
            for status in (ClaimStatus.PAID, ClaimStatus.APPROVED, ClaimStatus.CHECKED):
                claim(team, day, status, "12.34")
        session = paid_session(team, datetime(2026, 8, 1 + n % 20, 10, 0, tzinfo=LONDON))
        place(session)
        FeeDecision.objects.create(
            invitation=place(session), choice=FeeChoice.REDUCED, reduced_amount=Decimal("5")
        )


def test_the_page_makes_the_same_number_of_queries_however_many_rows(finance_client):
    make_policy()
    make_policy(effective_from=date(2026, 7, 1), hourly=Decimal("16.00"))
    _many(1)
    finance_client.get(URL)  # the first request after signing in also saves the session
    with CaptureQueriesContext(connection) as few:
        assert finance_client.get(URL).status_code == 200
    _many(8)
    with CaptureQueriesContext(connection) as many:
        response = finance_client.get(URL)
    assert response.status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)
    assert len(many) <= 10
    # 9 teams, each with 4 months of 3 claims of £12.34 in each of paid, approved, waiting.
    assert budget_report(2026).total.paid == Decimal("12.34") * 4 * 9


# Setting a budget ---------------------------------------------------------------------------


def edit_url(team, year=2026) -> str:
    return f"/payments/budgets/{team.pk}/{year}/"


@pytest.mark.parametrize("client_name", ["finance_client", "lead_client"])
def test_finance_and_the_lead_set_a_teams_budget(request, client_name):
    client = request.getfixturevalue(client_name)
    team = TeamFactory(name="Adult Social Care")
    assert "No budget has been set for this year yet" in text(client.get(edit_url(team)))
    response = client.post(edit_url(team), {"amount": "£12,000.50", "cost_centre": " CC-101 "})
    assert response.status_code == 302
    assert response["Location"] == "/payments/budgets/?year=2026"
    budget = Budget.objects.get(team=team, year=2026)
    assert (budget.amount, budget.cost_centre) == (Decimal("12000.50"), "CC-101")
    page = text(client.get(response["Location"]))
    assert (
        "The budget for Adult Social Care for April 2026 to March 2027 is now £12,000.50." in page
    )


def test_changing_a_budget_starts_from_the_one_set(finance_client):
    team = TeamFactory()
    Budget.objects.create(team=team, year=2027, amount=Decimal("700.00"), cost_centre="X9")
    page = text(finance_client.get(edit_url(team, 2027)))
    assert 'name="amount" type="text" value="700.00"' in page
    assert 'name="cost_centre" type="text" value="X9"' in page
    finance_client.post(edit_url(team, 2027), {"amount": "800", "cost_centre": "X9"})
    assert Budget.objects.get(team=team, year=2027).amount == Decimal("800.00")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-100", "The budget cannot be negative"),
        ("100.123", "Enter the budget with no more than 2 numbers after the point"),
        ("20000000", "The budget must be £10,000,000.00 or less"),
        ("a lot", "Enter the budget in pounds and pence"),
        ("", "Enter the budget for the year"),
    ],
)
def test_a_bad_budget_is_refused_beside_the_field_keeping_what_was_typed(
    finance_client, typed, message
):
    team = TeamFactory()
    response = finance_client.post(edit_url(team), {"amount": typed, "cost_centre": "CC7"})
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert "<title>Error: " in page
    assert 'href="#id_amount"' in page
    assert f'name="amount" type="text" value="{typed}"' in page
    assert 'name="cost_centre" type="text" value="CC7"' in page
    assert not Budget.objects.exists()


def test_budgets_for_a_team_or_year_that_does_not_exist_are_not_found(finance_client):
    team = TeamFactory()
    assert finance_client.get(f"/payments/budgets/{team.pk + 100}/2026/").status_code == 404
    assert finance_client.get(edit_url(team, 1999)).status_code == 404


def test_coordinators_cannot_see_or_set_budgets(coordinator_client):
    team = TeamFactory()
    assert coordinator_client.get(URL).status_code == 403
    assert coordinator_client.post(edit_url(team), {"amount": "5"}).status_code == 403
    assert not Budget.objects.exists()
