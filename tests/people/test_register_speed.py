"""The register's page is read in few queries and shows the same thing whichever way it was
read: the page and its count in one query (a search by name counts the rows it found, other
filters count in the database alongside), the team's lists for the filters in one, the lived
experience of the whole page in one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.people import queries
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("people:register")


def names(response) -> list[str]:
    return [e.full_name for e in response.context["page"].object_list]


def register_queries(client, params: dict) -> list[str]:
    client.get(URL, params)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def people(db):
    dementia = LivedExperienceAreaFactory(name="Dementia")
    autism = LivedExperienceAreaFactory(name="Autism")
    for n in range(30):
        ExpertFactory(
            full_name=f"Sam Smith {n:02d}",
            status="active" if n % 3 else "paused",
            lived_experience=[dementia, autism] if n % 2 else [dementia],
        )
    ExpertFactory(full_name="Ali Jones", lived_experience=[autism])
    return {"dementia": dementia, "autism": autism}


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "smi"}, {"sort": "-name", "page": "2"}, {"q": "smith", "sort": "-name"}],
    ids=["first page", "search", "sorted second page", "search sorted"],
)
def test_a_page_and_its_count_come_in_one_query(coordinator_client, people, params):
    sql = register_queries(coordinator_client, params)
    experts = [q for q in sql if 'FROM "people_expert"' in q and "people_expert_lived" not in q]
    assert len(experts) == 1, experts
    # The filters' four lists in one query, not one each.
    assert sum('FROM "people_skill"' in q for q in sql) == 1


def test_a_search_shows_how_many_match_and_the_page_asked_for(coordinator_client, people):
    first = coordinator_client.get(URL, {"q": "smith"})
    assert names(first) == [f"Sam Smith {n:02d}" for n in range(25)]
    assert "<strong>30</strong> experts found" in first.content.decode()
    assert "Showing 1 to 25." in first.content.decode()

    second = coordinator_client.get(URL, {"q": "smith", "page": "2"})
    assert names(second) == [f"Sam Smith {n:02d}" for n in range(25, 30)]
    assert "<strong>30</strong> experts found" in second.content.decode()
    assert "Showing 26 to 30." in second.content.decode()


def test_other_filters_show_how_many_match_too(coordinator_client, people):
    active = coordinator_client.get(URL, {"status": "active", "area": people["autism"].pk})
    # Odd numbers not divisible by 3, and Ali Jones.
    expected = sorted([f"Sam Smith {n:02d}" for n in range(30) if n % 2 and n % 3] + ["Ali Jones"])
    assert names(active) == expected
    assert f"<strong>{len(expected)}</strong> experts found" in active.content.decode()


@pytest.mark.parametrize("page", ["99", "0", "-1", "two"])
def test_a_page_past_the_end_or_not_a_number_shows_a_page_there_is(
    coordinator_client, people, page
):
    response = coordinator_client.get(URL, {"q": "smith", "page": page})
    shown = response.context["page"]
    assert shown.number == (1 if page == "two" else 2)
    assert shown.paginator.count == 30
    assert names(response)


def test_nothing_found_says_so(coordinator_client, people):
    response = coordinator_client.get(URL, {"q": "nobody at all"})
    assert names(response) == []
    assert "<strong>0</strong> experts found" in response.content.decode()
    assert "No experts match" in response.content.decode()


def test_lived_experience_shows_each_experts_areas_by_name(coordinator_client, people):
    page = coordinator_client.get(URL, {"q": "Sam Smith 01"}).content.decode()
    assert "Autism, Dementia" in page
    page = coordinator_client.get(URL, {"q": "Sam Smith 02"}).content.decode()
    assert "Autism" not in page.split("<tbody")[1]


def test_the_filters_list_every_entry_of_the_teams_lists_in_their_order(db):
    second = SkillFactory(name="Chairing", order=2)
    first = SkillFactory(name="Reading papers", order=1)
    inactive = LocalityFactory(name="Ludlow", active=False)
    need = AccessNeedFactory(name="Large print")
    area = LivedExperienceAreaFactory(name="Dementia")

    entries = queries.filter_entries()

    assert entries["skill"] == [(first.pk, "Reading papers"), (second.pk, "Chairing")]
    assert entries["locality"] == [(inactive.pk, "Ludlow")]  # old records may still use it
    assert entries["need"] == [(need.pk, "Large print")]
    assert entries["area"] == [(area.pk, "Dementia")]


def test_a_chosen_entry_that_is_gone_is_said_so(coordinator_client, people):
    response = coordinator_client.get(URL, {"area": "999999", "skill": "abc"})
    assert names(response) == []
    page = response.content.decode()
    assert "Choose lived experience again: one of the choices you made is no longer available" in (
        page
    )
    assert "Choose skills again: one of the choices you made is no longer available" in page
