"""The dashboard page: a period chosen by preset or by typed days (with messages written for
the person), a team, a contents list, each figure with its chart, table and CSV link; the same
number of queries whatever the data; CSV downloads; feedback comments for the involvement team
only; and no anonymous answer that could be traced."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.core.periods import financial_year, financial_year_of
from tests.factories import ExpertFactory, TeamFactory, UserFactory
from tests.impact.dashboard.helpers import at, held, moved, paid_claim
from tests.impact.feedback.helpers import answer, attended, past_session

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:dashboard")
TODAY = date(2026, 12, 3)
SPRING = "?start=2026-04-01&end=2026-06-30"


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(at(TODAY, 9), tick=False):
        yield


def _body(response) -> str:
    return response.content.decode()


def test_the_page_opens_on_this_financial_year_with_a_contents_list(lead_client):
    response = lead_client.get(URL)
    assert response.status_code == 200
    page = _body(response)
    assert "1 April 2026 to 31 March 2027" in page
    assert "<strong>This financial year</strong>" in page
    for title in ("Experts active, new and leaving", "Spend against budget", "Contents"):
        assert title in page
    assert 'href="#sessions-and-hours"' in page
    assert "/dashboard/everything.csv?start=2026-04-01&amp;end=2027-03-31" in page
    assert "/dashboard/spread.csv?start=2026-04-01&amp;end=2027-03-31" in page
    assert "No sessions were held in this period." in page


def test_the_presets_are_the_financial_years_the_last_12_months_and_this_quarter(lead_client):
    page = _body(lead_client.get(URL))
    assert "Last financial year</a> (1 April 2025 to 31 March 2026)" in page
    assert "The last 12 months" in page and "(4 December 2025 to 3 December 2026)" in page
    assert "This quarter" in page and "(1 October 2026 to 31 December 2026)" in page


def test_a_team_narrows_the_figures_and_is_named(lead_client):
    ours, theirs = TeamFactory(name="Carers Team"), TeamFactory()
    held(date(2026, 4, 10), hours=[2, 3], team=ours)
    held(date(2026, 4, 11), hours=[7], team=theirs)
    page = _body(lead_client.get(URL + SPRING + f"&team={ours.pk}"))
    assert "1 April 2026 to 30 June 2026, Carers Team" in page
    assert "1 session was held. Experts came to 2 places and gave 5 hours" in page
    assert "These figures are for everyone, whichever team is chosen" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?start=2026-06-01&end=2026-05-01",
            "The last day of the period must be on or after its first day (1 June 2026)",
        ),
        (
            "?start=2026-12-10&end=2027-01-10",
            "The first day of the period must be today (3 December 2026) or earlier",
        ),
        (
            "?start=2026-04-01&end=2027-04-01",
            "The last day of the period must be no later than 31 March 2027",
        ),
        (
            "?start=2020-04-01&end=2025-04-01",
            "The period can be at most 5 years long: choose a last day before 1 April 2025",
        ),
        ("?start=2026-04-01", "Enter the last day of the period"),
        ("?start-day=31&start-month=2&start-year=2026&end=2026-05-01", "must be a real date"),
        ("?start=2026-04-01&end=2026-05-01&team=999999", "Choose a team from the list"),
    ],
)
def test_a_period_that_is_not_right_is_explained_beside_the_field(lead_client, query, message):
    response = lead_client.get(URL + query)
    assert response.status_code == 400
    page = _body(response)
    assert message in page
    assert "There is a problem" in page
    assert "<title>Error:" in page
    assert "Correct the period above to see the figures." in page


def test_dates_typed_in_the_boxes_are_read(lead_client):
    query = "?start-day=1&start-month=4&start-year=2026&end-day=30&end-month=6&end-year=2026"
    response = lead_client.get(URL + query)
    assert response.status_code == 200
    assert "1 April 2026 to 30 June 2026" in _body(response)


def _some_of_everything(n: int):
    team = TeamFactory()
    for day in range(n):
        held(date(2026, 4, 2 + day), hours=[2] * (day + 1), team=team)
        paid_claim(date(2026, 5, 1 + day), date(2026, 5, 20 + day), team=team)
        moved(ExpertFactory(), "active", date(2026, 5, 1 + day))


def test_the_page_makes_the_same_number_of_queries_whatever_the_data(
    lead_client, django_assert_num_queries
):
    _some_of_everything(1)
    with django_assert_num_queries(QUERIES):
        lead_client.get(URL + SPRING)
    _some_of_everything(6)
    with django_assert_num_queries(QUERIES):
        response = lead_client.get(URL + SPRING)
    assert "14 sessions were held" in _body(response)


# Sessions, claims, figures from the apps below, the page's own (session, user, teams), and
# the financial year's budget (teams, budgets, claims, places and fees read once).
QUERIES = 25


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode())))


def test_one_figure_downloads_as_csv(lead_client):
    held(date(2026, 4, 10), hours=[2, "1.5"])
    response = lead_client.get(reverse("dashboard:download", args=["sessions-and-hours"]) + SPRING)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="sessions-and-hours-2026-04-01-to-2026-06-30.csv"'
        in response["Content-Disposition"]
    )
    assert _rows(response) == [
        ["Sessions, places and hours by month, 1 April 2026 to 30 June 2026"],
        ["Month", "Sessions", "Places attended", "Hours"],
        ["April 2026", "1", "2", "3.5"],
        ["May 2026", "0", "0", "0"],
        ["June 2026", "0", "0", "0"],
        ["All months", "1", "2", "3.5"],
    ]


def test_everything_downloads_as_one_csv_each_table_under_its_caption(lead_client):
    response = lead_client.get(reverse("dashboard:download_all") + SPRING)
    rows = _rows(response)
    captions = [row[0] for row in rows if len(row) == 1]
    assert captions[:3] == [
        "Experts, 1 April 2026 to 30 June 2026",
        "Sessions, places and hours by month, 1 April 2026 to 30 June 2026",
        "Involvement by stage, 1 April 2026 to 30 June 2026",
    ]
    assert "Spend against budget, 1 April 2026 to 30 June 2026" in captions


def test_an_unknown_figure_is_not_found_and_a_bad_period_is_refused(lead_client):
    assert (
        lead_client.get(reverse("dashboard:download", args=["nothing"]) + SPRING).status_code == 404
    )
    refused = lead_client.get(
        reverse("dashboard:download_all") + "?start=2026-06-01&end=2026-05-01"
    )
    assert refused.status_code == 400
    assert "on or after its first day" in refused.content.decode()


# Feedback ---------------------------------------------------------------------------------------

WORDS = "Zebra-quartz-anonymous-words"


def _recent_period() -> str:
    start = timezone.localdate() - timedelta(days=20)
    return f"?start={start.isoformat()}&end={timezone.localdate().isoformat()}"


def _feedback(team, *, anonymous: int):
    session = past_session(days_ago=3, team=team)
    for _ in range(2):
        answer(attended(session), good_experience="yes", comments="Named words")
    for _ in range(anonymous):
        answer(attended(session), anonymous=True, comments=WORDS, good_experience="no")


def test_one_anonymous_answer_is_kept_out_of_the_figures_words_and_csv(lead_client):
    team = TeamFactory()
    _feedback(team, anonymous=1)
    query = _recent_period() + f"&team={team.pk}"
    page = _body(lead_client.get(URL + query))
    everything = lead_client.get(reverse("dashboard:download_all") + query).content.decode()
    for text in (page, everything):
        assert WORDS not in text
    rows = {
        row[0]: row[1:]
        for row in _rows(lead_client.get(reverse("dashboard:download", args=["feedback"]) + query))
    }
    # Only the two named answers count: both said the meeting was good.
    assert rows["Was the meeting good for them?"] == ["100%", "2"]
    assert "1 anonymous answer is not counted" in page
    assert rows["Comments written"] == ["", "2"]


def test_three_anonymous_answers_count_in_the_scores(lead_client):
    team = TeamFactory()
    _feedback(team, anonymous=3)
    query = _recent_period() + f"&team={team.pk}"
    rows = _rows(lead_client.get(reverse("dashboard:download", args=["feedback"]) + query))
    assert ["People who answered", "100%", "5"] in rows
    assert ["Was the meeting good for them?", "40%", "5"] in rows  # 2 of 5 said yes
    assert WORDS not in _body(lead_client.get(URL + query))  # words stay on feedback's pages


def test_staff_are_not_told_about_comments(client):
    team = TeamFactory()
    _feedback(team, anonymous=0)
    client.force_login(UserFactory(role=Role.STAFF))
    query = _recent_period() + f"&team={team.pk}"
    page = _body(client.get(URL + query))
    assert "Comments written" not in page
    assert "comments were written" not in page
    assert "Of the 2 people asked, 2 told us how a session went (100%)." in page


def test_the_lead_is_told_how_many_comments_and_where_to_read_them(lead_client):
    team = TeamFactory()
    _feedback(team, anonymous=0)
    page = _body(lead_client.get(URL + _recent_period() + f"&team={team.pk}"))
    assert "2 comments were written." in page
    assert reverse("feedback:overview") + "?start=" in page


def test_confidential_work_is_counted_but_never_named(lead_client):
    session = held(date(2026, 4, 10), hours=[4], confidential=True, title="Secret investigation")
    page = _body(lead_client.get(URL + SPRING))
    assert session.opportunity.title not in page
    assert "1 session was held" in page


def test_money_is_shown_in_pounds(lead_client):
    team = TeamFactory()
    paid_claim(date(2026, 5, 1), date(2026, 5, 8), team=team, total="1250.50")
    page = _body(lead_client.get(URL + SPRING + f"&team={team.pk}"))
    assert "£1,250.50" in page
    assert "half reached the expert within 7 days of the session" in page
    assert financial_year(financial_year_of(TODAY)).first == date(2026, 4, 1)
    assert Decimal("1250.50")
