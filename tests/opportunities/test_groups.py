"""Standing groups: adding and changing one, members joining and leaving (kept, with the day
they left), and a meeting series made from the group's page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coproduce.opportunities.models import Group, Membership
from coproduce.people.choices import Status
from tests.dates import date_boxes, with_date_boxes
from tests.factories import ExpertFactory, GroupFactory, TeamFactory

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON), tick=False):
        yield


def test_adding_a_group_refuses_a_duplicate_name_and_keeps_what_was_typed(coordinator_client):
    GroupFactory(name="Co-production Board")
    url = reverse("opportunities:group_new")
    response = coordinator_client.post(
        url, {"name": "co-production board", "kind": "coproduction_board", "description": "Ours"}
    )
    body = response.content.decode()
    assert "There is already a group with that name" in body
    assert 'value="co-production board"' in body
    team = TeamFactory()
    response = coordinator_client.post(
        url,
        {"name": "Carers' Voice", "kind": "user_led", "team": str(team.pk), "description": ""},
    )
    group = Group.objects.get(name="Carers' Voice")
    assert response["Location"] == reverse("opportunities:group_detail", args=[group.pk])
    assert group.team == team


def test_members_join_with_a_role_and_leave_without_being_deleted(coordinator_client):
    group = GroupFactory()
    ann = ExpertFactory(full_name="Ann Active", status=Status.ACTIVE)
    ExpertFactory(full_name="Ann Paused", status=Status.PAUSED)
    url = reverse("opportunities:group_member_add", args=[group.pk])
    found = coordinator_client.get(url, {"q": "ann"}).content.decode()
    assert "Ann Active" in found
    assert "Ann Paused" not in found

    chosen = {"q": "ann", "expert": str(ann.pk), "role": "Chair"}
    response = coordinator_client.post(url, chosen | date_boxes("joined_on", "32/1/2026"))
    assert "Date must be a real date" in response.content.decode()
    assert 'value="Chair"' in response.content.decode()
    coordinator_client.post(url, chosen | date_boxes("joined_on", "5/1/2026"))
    membership = Membership.objects.get(group=group, expert=ann)
    assert (membership.role, membership.joined_on) == ("Chair", date(2026, 1, 5))

    coordinator_client.post(
        reverse("opportunities:group_member_remove", args=[group.pk, membership.pk])
    )
    membership.refresh_from_db()
    assert membership.left_on == date(2026, 3, 2)
    page = coordinator_client.get(reverse("opportunities:group_detail", args=[group.pk]))
    assert "Former members" in page.content.decode()


def test_a_meeting_series_for_the_group(coordinator_client, coordinator):
    team = TeamFactory()
    group = GroupFactory(team=team)
    response = coordinator_client.post(
        reverse("opportunities:group_series_new", args=[group.pk]),
        with_date_boxes(
            {
                "title": "Panel meetings",
                "description": "Monthly meetings",
                "team": str(team.pk),
                "kind": "committee",
                "stage": "plan",
                "rung": "7",
                "places": "8",
                "staff_expected": "2",
                "first_date": "3/3/2026",
                "start_time": "10am",
                "end_time": "12pm",
                "repeat": "monthly_weekday",
                "until": "31/12/2026",
                "format": "hybrid",
                "paid": "yes",
                "hourly_rate": "20",
            },
            "first_date",
            "until",
        ),
    )
    assert response.status_code == 302
    (series,) = group.opportunities.all()
    assert series.status == "published"
    assert series.sessions.count() == 10  # first Tuesdays, March to December
    page = coordinator_client.get(reverse("opportunities:group_detail", args=[group.pk]))
    assert "Panel meetings" in page.content.decode()


def test_group_list_has_a_fixed_number_of_queries(
    coordinator_client, django_assert_max_num_queries
):
    url = reverse("opportunities:group_list")

    def measure():
        coordinator_client.get(url)
        with django_assert_max_num_queries(10) as captured:
            coordinator_client.get(url)
        return len(captured)

    GroupFactory(team=TeamFactory())
    few = measure()
    for _ in range(15):
        group = GroupFactory(team=TeamFactory())
        Membership.objects.create(group=group, expert=ExpertFactory(), joined_on=date(2026, 1, 1))
    assert measure() == few
