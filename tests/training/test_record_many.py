"""Recording training for many experts at once keeps everyone ticked across searches and
pages of results: they travel with the form as "chosen so far", each with a button to take
them off, and are recorded once when the training is saved. It all works without
JavaScript: every step is a plain form post."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.training.models import TrainingRecord
from tests.factories import ExpertFactory
from tests.training.helpers import make_course

pytestmark = pytest.mark.django_db
URL = reverse("training:record_many")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-06-15 10:00 +01:00", tick=False):
        yield


def _chosen(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="chosen" value="(\d+)"', html)}


def _shown(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="shown" value="(\d+)"', html)}


def _day(day: date) -> dict:
    return {
        "completed_on-day": day.day,
        "completed_on-month": day.month,
        "completed_on-year": day.year,
    }


def test_people_ticked_stay_chosen_when_the_coordinator_searches_again(coordinator_client):
    ann = ExpertFactory(full_name="Ann Archer", status="active")
    bob = ExpertFactory(full_name="Bob Baker", status="active")
    first = coordinator_client.get(URL, {"q": "Ann"}).content.decode()
    assert _shown(first) == {ann.pk}
    # Ann ticked, then a search for Bob.
    response = coordinator_client.post(
        URL, {"q": "Bob", "shown": [ann.pk], "experts": [ann.pk], "action": "find"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _chosen(html) == {ann.pk}
    assert _shown(html) == {bob.pk}
    assert "Ann Archer" in html and "1 expert chosen." in html
    # Bob ticked too, and saved: both recorded.
    course = make_course(name="Safeguarding adults")
    response = coordinator_client.post(
        URL,
        {
            "q": "Bob",
            "chosen": [ann.pk],
            "shown": [bob.pk],
            "experts": [bob.pk],
            "course": course.pk,
            **_day(date(2026, 6, 12)),
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert sorted(TrainingRecord.objects.values_list("expert_id", flat=True)) == sorted(
        [ann.pk, bob.pk]
    )


def test_a_person_chosen_earlier_shows_ticked_and_unticking_them_takes_them_off(
    coordinator_client,
):
    ann = ExpertFactory(full_name="Ann Archer", status="active")
    html = coordinator_client.post(
        URL, {"q": "Ann", "chosen": [ann.pk], "action": "find"}
    ).content.decode()
    assert re.search(rf'value="{ann.pk}"[^>]*checked|checked[^>]*value="{ann.pk}"', html)
    html = coordinator_client.post(
        URL, {"q": "Ann", "chosen": [ann.pk], "shown": [ann.pk], "action": "add"}
    ).content.decode()
    assert _chosen(html) == set()
    assert "Nobody yet." in html


def test_remove_takes_one_person_off_and_keeps_the_rest_and_what_was_typed(coordinator_client):
    ann = ExpertFactory(full_name="Ann Archer", status="active")
    bob = ExpertFactory(full_name="Bob Baker", status="active")
    course = make_course()
    html = coordinator_client.post(
        URL,
        {
            "q": "",
            "chosen": [ann.pk, bob.pk],
            "remove": bob.pk,
            "course": course.pk,
            **_day(date(2026, 6, 12)),
        },
    ).content.decode()
    assert _chosen(html) == {ann.pk}
    assert 'Remove<span class="nhsuk-u-visually-hidden"> Ann Archer</span>' in html
    assert 'value="12"' in html and 'value="2026"' in html
    assert "There is a problem" not in html  # only "Save" checks the course and date


def test_ticks_survive_pages_of_results(coordinator_client):
    people = [ExpertFactory(full_name=f"Sam Smith {n:02d}", status="active") for n in range(30)]
    first = coordinator_client.get(URL, {"q": "Sam Smith"}).content.decode()
    assert _shown(first) == {p.pk for p in people[:25]}
    assert "Next page of people found" in first
    # Two ticked on page 1, then the next page.
    html = coordinator_client.post(
        URL,
        {
            "q": "Sam Smith",
            "at": 1,
            "shown": [p.pk for p in people[:25]],
            "experts": [people[0].pk, people[1].pk],
            "go": 2,
        },
    ).content.decode()
    assert _shown(html) == {p.pk for p in people[25:]}
    assert _chosen(html) == {people[0].pk, people[1].pk}
    assert "Previous page of people found" in html
    # One more ticked on page 2, then back to page 1: all three still chosen.
    html = coordinator_client.post(
        URL,
        {
            "q": "Sam Smith",
            "at": 2,
            "chosen": [people[0].pk, people[1].pk],
            "shown": [p.pk for p in people[25:]],
            "experts": [people[29].pk],
            "go": 1,
        },
    ).content.decode()
    assert _chosen(html) == {people[0].pk, people[1].pk, people[29].pk}


def test_a_new_search_starts_at_its_first_page(coordinator_client):
    for n in range(30):
        ExpertFactory(full_name=f"Sam Smith {n:02d}", status="active")
    html = coordinator_client.post(URL, {"q": "Sam", "at": 2, "action": "find"}).content.decode()
    assert "Next page of people found" in html
    assert "Previous page of people found" not in html


def test_saving_with_nobody_chosen_says_so_beside_the_search(coordinator_client):
    response = coordinator_client.post(
        URL, {"q": "", "course": make_course().pk, **_day(date(2026, 6, 12)), "action": "save"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_q"' in html
    assert "Choose at least one expert who completed the course" in html


def test_someone_restricted_after_they_were_chosen_is_not_recorded_and_it_is_said(
    coordinator_client,
):
    ann = ExpertFactory(full_name="Ann Archer", status="active")
    gone = ExpertFactory(full_name="Rosa Restricted", status="active")
    gone.restricted_at = timezone.now()
    gone.save(update_fields=["restricted_at"])
    response = coordinator_client.post(
        URL,
        {
            "chosen": [ann.pk, gone.pk],
            "course": make_course().pk,
            **_day(date(2026, 6, 12)),
            "action": "save",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "1 person you chose can no longer be recorded" in html
    assert _chosen(html) == {ann.pk}
    assert not TrainingRecord.objects.exists()


def test_everyone_chosen_is_recorded_once_and_audited_once(coordinator_client):
    people = [ExpertFactory(status="active") for _ in range(3)]
    ids = [p.pk for p in people]
    course = make_course(name="Induction")
    response = coordinator_client.post(
        URL,
        {
            "chosen": [*ids, ids[0]],
            "shown": ids[:1],
            "experts": ids[:1],
            "course": course.pk,
            **_day(date(2026, 6, 12)),
            "action": "save",
        },
        follow=True,
    )
    assert "Saved: 3 experts completed ‘Induction’ on Friday 12 June 2026." in (
        response.content.decode()
    )
    assert TrainingRecord.objects.count() == 3
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TRAINING_RECORDED).count() == 3


def test_the_page_costs_the_same_queries_for_few_and_many_chosen(
    coordinator_client, django_assert_max_num_queries
):
    few = [ExpertFactory(status="active").pk for _ in range(2)]
    many = [ExpertFactory(status="active").pk for _ in range(60)]
    coordinator_client.post(URL, {"q": "a", "chosen": few, "action": "find"})
    with django_assert_max_num_queries(12) as few_queries:
        coordinator_client.post(URL, {"q": "a", "chosen": few, "action": "find"})
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        html = coordinator_client.post(
            URL, {"q": "a", "chosen": many, "action": "find"}
        ).content.decode()
    assert len(_chosen(html)) == 60
