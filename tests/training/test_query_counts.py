"""Each training list reads a fixed number of queries, however many rows it shows."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.accounts.roles import Role
from tests.factories import ExpertFactory, UserFactory
from tests.training.helpers import make_course, make_record

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-06-15 10:00 +01:00", tick=False):
        yield


def _add(n: int, courses) -> None:
    for i in range(n):
        expert = ExpertFactory()
        staff = UserFactory(role=Role.STAFF)
        for course in courses:
            make_record(
                course=course,
                expert=expert,
                completed_on=TODAY - timedelta(days=700 + i),
                expires_on=TODAY + timedelta(days=(i % 40) - 20),
            )
        make_record(
            course=courses[0],
            staff=staff,
            completed_on=TODAY - timedelta(days=30),
            expires_on=TODAY + timedelta(days=10),
        )


def _count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("training:records", {}),
    ("training:records", {"who": "staff"}),
    ("training:expiring", {"days": "30"}),
    ("training:expired", {"days": "90"}),
    ("training:courses", {}),
]


@pytest.mark.parametrize(("name", "params"), PAGES)
def test_the_lists_read_the_same_queries_for_few_rows_as_for_many(coordinator_client, name, params):
    courses = [make_course(for_staff=True), make_course(kind="induction")]
    _add(3, courses)
    few = _count(coordinator_client, reverse(name), **params)
    _add(30, courses)
    assert _count(coordinator_client, reverse(name), **params) == few


def test_the_records_page_reads_a_fixed_number(coordinator_client, django_assert_num_queries):
    courses = [make_course(for_staff=True), make_course(kind="induction")]
    _add(30, courses)
    # session and user (2), the courses for the filter, the count, the page of rows.
    with django_assert_num_queries(5):
        coordinator_client.get(reverse("training:records"))


def test_my_training_and_the_profile_section_read_the_same_for_many_records(client):
    from tests.factories import expert_with_account

    expert = expert_with_account()
    client.force_login(expert.user)
    courses = [make_course(kind="development", valid_for_months=None) for _ in range(3)]
    make_record(course=courses[0], expert=expert, completed_on=TODAY)
    few = _count(client, reverse("training:mine"))
    for course in courses[1:]:
        for n in range(5):
            make_record(course=course, expert=expert, completed_on=TODAY - timedelta(days=n))
    assert _count(client, reverse("training:mine")) == few


def test_the_profile_section_reads_one_query_for_any_number_of_records(coordinator_client):
    expert = ExpertFactory()
    course = make_course()
    make_record(course=course, expert=expert, completed_on=TODAY)
    url = reverse("people:expert_detail", args=[expert.pk])
    few = _count(coordinator_client, url)
    for n in range(1, 12):
        make_record(course=make_course(), expert=expert, completed_on=TODAY - timedelta(days=n))
    assert _count(coordinator_client, url) == few
