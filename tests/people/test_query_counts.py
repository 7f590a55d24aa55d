"""The register's pages issue as many queries for 60 experts as for 5, each with several areas,
skills and needs: a query per row (an N+1) would make the counts differ. On a mismatch,
pytest-django prints every SQL statement."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.people.choices import Status
from coproduce.people.models import StatusChange
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    SkillFactory,
)

FEW, MANY = 5, 60


@pytest.fixture
def lists(db) -> dict[str, list]:
    return {
        "areas": [LivedExperienceAreaFactory() for _ in range(5)],
        "skills": [SkillFactory() for _ in range(5)],
        "needs": [AccessNeedFactory() for _ in range(4)],
        "localities": [LocalityFactory() for _ in range(3)],
    }


def add_experts(lists: dict[str, list], count: int) -> None:
    for n in range(count):
        ExpertFactory(
            full_name=f"Jo Smith {n}",
            status=Status.ACTIVE,
            locality=lists["localities"][n % 3],
            lived_experience=lists["areas"][n % 3 :][:3],
            skills=lists["skills"][n % 2 :][:4],
            access_needs=lists["needs"][n % 3 :][:2],
        )


def count_queries(client, url: str) -> int:
    client.get(url)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        content_of(response)  # a streamed export reads the rows as it is sent
    assert response.status_code == 200
    return len(queries)


def content_of(response) -> bytes:
    return response.getvalue() if response.streaming else response.content


def register_url(lists) -> str:
    return reverse("people:register")


def search_url(lists) -> str:
    area = lists["areas"][2].pk
    return f"{reverse('people:register')}?q=smi&status=active&area={area}"


def overview_url(lists) -> str:
    return reverse("people:dashboard")


def csv_url(lists) -> str:
    return reverse("people:export", args=["csv"])


def xlsx_url(lists) -> str:
    return reverse("people:export", args=["xlsx"])


@pytest.mark.parametrize(
    "url_for",
    [register_url, search_url, overview_url, csv_url, xlsx_url],
    ids=["register", "filtered search", "overview", "export csv", "export xlsx"],
)
def test_register_pages_issue_the_same_queries_for_few_and_many_experts(
    coordinator_client, lists, url_for, django_assert_num_queries
):
    add_experts(lists, FEW)
    url = url_for(lists)
    few = count_queries(coordinator_client, url)

    add_experts(lists, MANY - FEW)
    with django_assert_num_queries(few):
        response = coordinator_client.get(url)
        content_of(response)
    assert response.status_code == 200


def test_register_page_shows_a_full_page_of_experts_in_those_queries(coordinator_client, lists):
    add_experts(lists, MANY)
    page = coordinator_client.get(reverse("people:register")).content.decode()
    assert page.count("Jo Smith") == 25


def test_export_has_a_row_for_every_expert_in_those_queries(coordinator_client, lists):
    add_experts(lists, MANY)
    response = coordinator_client.get(reverse("people:export", args=["csv"]))
    assert len(response.getvalue().decode().strip().splitlines()) == MANY + 1


def test_profile_issues_the_same_queries_however_much_an_expert_has(
    coordinator_client, lists, django_assert_num_queries
):
    sparse = ExpertFactory(lived_experience=lists["areas"][:1])
    StatusChange.objects.create(expert=sparse, from_status="", to_status=Status.ACTIVE)
    rich = ExpertFactory(
        lived_experience=lists["areas"],
        skills=lists["skills"],
        access_needs=lists["needs"],
    )
    StatusChange.objects.bulk_create(
        StatusChange(expert=rich, from_status=Status.ACTIVE, to_status=Status.PAUSED)
        for _ in range(30)
    )
    few = count_queries(coordinator_client, reverse("people:expert_detail", args=[sparse.pk]))

    with django_assert_num_queries(few):
        response = coordinator_client.get(reverse("people:expert_detail", args=[rich.pk]))
    assert response.status_code == 200
    assert all(need.name in response.content.decode() for need in lists["needs"])
