"""The overview staff land on: what needs each role today, with a count and a link to the
page where they act on it; the month's involvement figures; and the register's figures for
the involvement team. A fixed number of queries however much there is."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.payments.models import Claim
from tests.factories import (
    InvitationFactory,
    OpportunityFactory,
    SessionFactory,
    TeamFactory,
    UserFactory,
    expert_with_account,
)

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=LONDON)
URL = reverse("people:dashboard")

TEAM_TASKS = [
    "Requests to review",
    "Claims to check",
    "Invitations not answered",
    "Places to fill",
    "Outcomes overdue",
    "Concerns waiting",
]
FINANCE_TASKS = ["Claims to approve", "Claims to pay"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _tasks(response) -> dict[str, int]:
    return {task.title: task.count for task in response.context["overview"].tasks}


def _some_of_everything(n: int = 1) -> None:
    """n of each thing the overview counts."""
    for i in range(n):
        OpportunityFactory(status="requested")
        session = SessionFactory(
            starts_at=NOW + timedelta(days=3 + i), ends_at=NOW + timedelta(days=3 + i, hours=2)
        )
        InvitationFactory(session=session, status="invited")
        InvitationFactory(session=session, status="accepted")
        held = SessionFactory(
            starts_at=NOW - timedelta(days=2, hours=i),
            ends_at=NOW - timedelta(days=2, hours=i) + timedelta(hours=1),
        )
        place = InvitationFactory(
            session=held, status="accepted", attendance="attended", hours=Decimal("2")
        )
        for status in ("submitted", "checked", "approved"):
            Claim.objects.create(
                expert=place.expert,
                invitation=InvitationFactory(session=held, status="accepted"),
                kind="expenses",
                status=status,
                session_date=date(2026, 3, 16),
                team=TeamFactory(),
                total=Decimal("8.40"),
                submitted_at=NOW,
            )
        Claim.objects.create(
            expert=place.expert,
            invitation=place,
            kind="involvement",
            status="approved",
            session_date=date(2026, 3, 16),
            team=held.opportunity.team,
            total=Decimal("1234.50"),
            submitted_at=NOW,
        )


@pytest.mark.parametrize("client_name", ["coordinator_client", "lead_client"])
def test_the_involvement_team_sees_what_it_acts_on_and_not_finances_steps(request, client_name):
    client = request.getfixturevalue(client_name)
    _some_of_everything()

    response = client.get(URL)

    assert response.status_code == 200
    assert _tasks(response) == {
        "Requests to review": 1,
        "Claims to check": 1,
        "Invitations not answered": 1,
        "Places to fill": 3,
        "Outcomes overdue": 0,
        "Concerns waiting": 0,
    }
    assert response.context["summary"] is not None
    assert "experts on the register" in response.content.decode()


def test_finance_sees_claims_to_approve_and_pay_and_no_register(finance_officer):
    _some_of_everything()
    client = _signed_in(finance_officer)

    response = client.get(URL)

    assert response.status_code == 200
    assert _tasks(response) == {"Claims to approve": 1, "Claims to pay": 2}
    assert response.context["summary"] is None
    page = response.content.decode()
    assert "experts on the register" not in page
    assert "£1,234.50" in page


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMINISTRATOR, Role.EXPERT])
def test_roles_with_nothing_to_act_on_here_cannot_open_the_overview(client, role):
    user = expert_with_account().user if role == Role.EXPERT else UserFactory(role=role)
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_finance_lands_on_the_overview_and_finds_it_in_the_menu(finance_officer):
    client = _signed_in(finance_officer)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == URL
    assert f'href="{URL}"' in client.get(reverse("accessibility")).content.decode()


def _signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_each_count_changes_when_the_data_does(coordinator_client):
    before = _tasks(coordinator_client.get(URL))
    assert before == dict.fromkeys(TEAM_TASKS, 0)

    _some_of_everything()

    assert _tasks(coordinator_client.get(URL)) == {
        "Requests to review": 1,
        "Claims to check": 1,
        "Invitations not answered": 1,
        "Places to fill": 3,
        "Outcomes overdue": 0,
        "Concerns waiting": 0,
    }


def test_each_item_links_to_the_page_where_it_is_acted_on(coordinator_client, finance_officer):
    _some_of_everything()
    session_with_places = InvitationFactory._meta.model.objects.filter(status="invited").get()

    page = coordinator_client.get(URL).content.decode()

    assert f'href="{reverse("opportunities:review_queue")}"' in page
    assert f'href="{reverse("payments:claims")}?status=submitted"' in page
    assert f'href="{reverse("opportunities:opportunity_list")}"' in page
    places = reverse("opportunities:session_places", args=[session_with_places.session_id])
    assert f'href="{places}"' in page
    assert "1 invitation sent and not answered yet, for 1 session still to come." in page
    assert "1 is for a session in the next 7 days." in page

    finance_page = _signed_in(finance_officer).get(URL).content.decode()
    assert f'href="{reverse("payments:claims")}?status=checked"' in finance_page
    assert f'href="{reverse("payments:runs")}"' in finance_page


def test_the_months_figures_are_shown_in_words(coordinator_client):
    _some_of_everything(2)

    figures = {f.label: f.value for f in coordinator_client.get(URL).context["overview"].figures}

    assert figures == {
        "Sessions held": "2",
        "Experts who took part": "2",
        "Hours of involvement": "4",
        "Paid or approved for involvement": "£2,469.00",
    }


def test_nothing_waiting_reads_as_plain_english(coordinator_client):
    page = coordinator_client.get(URL).content.decode()
    assert "No requests are waiting for a decision." in page
    assert "Every invitation to a session still to come has an answer." in page
    assert "Involvement in March 2026" in page


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.FINANCE])
def test_the_overview_issues_the_same_queries_for_few_and_many(role, django_assert_num_queries):
    client = _signed_in(UserFactory(role=role))
    _some_of_everything(1)
    client.get(URL)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as few:
        client.get(URL)

    _some_of_everything(12)
    with django_assert_num_queries(len(few)):
        response = client.get(URL)
    assert len(response.context["overview"].tasks) == (
        len(TEAM_TASKS) if role == Role.COORDINATOR else 2
    )
    if role == Role.COORDINATOR:
        assert "The 5 soonest sessions are listed." in response.content.decode()
