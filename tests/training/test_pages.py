"""The training pages: the lead keeps the courses; the team records training for one expert
(seeing the expiry before saving), a member of staff, or everyone at a training day; corrects
and removes records; lists who has done what and whose training runs out. A mistake keeps what
was typed and says what to fix beside the field; nothing is half-saved."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.training.models import Course, TrainingRecord
from tests.factories import ExpertFactory, expert_with_account
from tests.training.helpers import make_course, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-06-15 10:00 +01:00", tick=False):
        yield


def _date(name: str, day: date | None) -> dict:
    if day is None:
        return {f"{name}-day": "", f"{name}-month": "", f"{name}-year": ""}
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def _course_form(**changes) -> dict:
    data = {
        "name": "Chairing a meeting",
        "kind": "development",
        "description": "Learn to chair a meeting so everyone is heard.",
        "who": "experts",
        "expires": "no",
        "valid_for_months": "",
    }
    return data | changes


# Courses ------------------------------------------------------------------------------------


def test_the_lead_adds_a_course_that_lasts_a_number_of_months(lead_client):
    response = lead_client.post(
        reverse("training:course_new"),
        _course_form(
            name="Safeguarding adults",
            kind="safeguarding",
            expires="yes",
            valid_for_months="36",
            who="both",
        ),
    )
    assert response.status_code == 302
    course = Course.objects.get()
    assert (course.valid_for_months, course.for_experts, course.for_staff) == (36, True, True)
    page = lead_client.get(reverse("training:courses")).content.decode()
    assert "Safeguarding adults" in page and "36 months" in page


def test_a_course_name_used_already_in_any_case_is_refused_beside_the_field(lead_client):
    make_course(name="Chairing a meeting")
    response = lead_client.post(
        reverse("training:course_new"), _course_form(name="CHAIRING A MEETING")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is already a course with that name" in html
    assert 'value="CHAIRING A MEETING"' in html
    assert Course.objects.count() == 1


def test_a_course_that_runs_out_needs_its_months(lead_client):
    response = lead_client.post(reverse("training:course_new"), _course_form(expires="yes"))
    assert response.status_code == 400
    assert "Enter how many months the training lasts" in response.content.decode()
    assert not Course.objects.exists()


def test_the_lead_changes_retires_and_offers_again_a_course(lead_client):
    course = make_course(name="Recruitment panels", kind="recruitment")
    response = lead_client.post(
        reverse("training:course_edit", args=[course.pk]),
        _course_form(
            name="Recruitment panels", kind="recruitment", expires="yes", valid_for_months="24"
        ),
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.valid_for_months == 24
    lead_client.post(reverse("training:course_retire", args=[course.pk]))
    course.refresh_from_db()
    assert course.retired_at is not None
    lead_client.post(reverse("training:course_restore", args=[course.pk]))
    course.refresh_from_db()
    assert course.retired_at is None


def test_a_coordinator_sees_the_courses_but_cannot_change_them(coordinator_client):
    course = make_course(name="Investigations")
    html = coordinator_client.get(reverse("training:courses")).content.decode()
    assert "Investigations" in html
    assert reverse("training:course_edit", args=[course.pk]) not in html


# Recording ----------------------------------------------------------------------------------


def test_recording_one_experts_training_shows_the_expiry_before_saving(coordinator_client):
    expert = ExpertFactory(full_name="Rosa Diaz")
    course = make_course(name="Safeguarding adults", valid_for_months=36)
    url = reverse("training:record_expert", args=[expert.pk])
    data = {"course": course.pk, **_date("completed_on", date(2026, 6, 10)), "step": "check"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Runs out on Sunday 10 June 2029" in html
    assert 'name="expires_on-year"' in html and 'value="2029"' in html
    assert not TrainingRecord.objects.exists()
    # The coordinator corrects the expiry, then saves.
    data = {**data, **_date("expires_on", date(2029, 1, 31)), "step": "save"}
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert (record.expert, record.expires_on) == (expert, date(2029, 1, 31))


def test_an_expiry_before_completion_is_refused_beside_the_field(coordinator_client):
    expert = ExpertFactory()
    course = make_course()
    response = coordinator_client.post(
        reverse("training:record_expert", args=[expert.pk]),
        {
            "course": course.pk,
            **_date("completed_on", date(2026, 6, 10)),
            **_date("expires_on", date(2026, 6, 1)),
            "step": "save",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The date it runs out must be after the date they completed the course" in html
    assert 'id="id_expires_on-error"' in html or "expires_on-error" in html
    assert not TrainingRecord.objects.exists()


def test_a_completion_date_in_the_future_is_refused(coordinator_client):
    response = coordinator_client.post(
        reverse("training:record_expert", args=[ExpertFactory().pk]),
        {"course": make_course().pk, **_date("completed_on", date(2026, 6, 16)), "step": "check"},
    )
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()


def test_the_team_records_a_member_of_staffs_induction(coordinator_client, staff_member):
    course = make_course(
        name="Working with experts", kind="staff_induction", for_experts=False, for_staff=True
    )
    expert_only = make_course(name="Expert induction", kind="induction")
    url = reverse("training:record_staff")
    page = coordinator_client.get(url).content.decode()
    assert "Working with experts" in page and "Expert induction" not in page
    response = coordinator_client.post(
        url,
        {
            "staff": staff_member.pk,
            "course": course.pk,
            **_date("completed_on", date(2026, 6, 1)),
            "step": "save",
        },
    )
    assert response.status_code == 302
    assert TrainingRecord.objects.get().staff == staff_member
    assert expert_only.records.count() == 0


def test_recording_everyone_at_a_training_day(coordinator_client):
    course = make_course(name="Induction", kind="induction", valid_for_months=None)
    came = [ExpertFactory(full_name=f"Alex Smith {n}") for n in range(3)]
    ExpertFactory(full_name="Someone Else")
    url = reverse("training:record_many")
    page = coordinator_client.get(url, {"q": "Alex Smith"}).content.decode()
    assert "Alex Smith 0" in page and "Someone Else" not in page
    response = coordinator_client.post(
        url,
        {
            "q": "Alex Smith",
            "shown": [e.pk for e in came],
            "experts": [e.pk for e in came],
            "course": course.pk,
            **_date("completed_on", date(2026, 6, 12)),
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert set(TrainingRecord.objects.values_list("expert_id", flat=True)) == {e.pk for e in came}


def test_recording_many_with_nobody_ticked_says_so_and_keeps_the_date(coordinator_client):
    ExpertFactory(full_name="Alex Smith")
    response = coordinator_client.post(
        reverse("training:record_many"),
        {
            "q": "Alex",
            "course": make_course().pk,
            **_date("completed_on", date(2026, 6, 12)),
            "action": "save",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose at least one expert who completed the course" in html
    assert 'value="2026"' in html


def test_correcting_and_removing_a_record(coordinator_client):
    expert = ExpertFactory()
    record = make_record(course=make_course(), expert=expert, completed_on=date(2026, 1, 5))
    response = coordinator_client.post(
        reverse("training:record_edit", args=[record.pk]),
        {**_date("completed_on", date(2026, 1, 6)), **_date("expires_on", date(2029, 1, 6))},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.completed_on == date(2026, 1, 6)
    coordinator_client.post(reverse("training:record_remove", args=[record.pk]))
    assert not TrainingRecord.objects.exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TRAINING_REMOVED).count() == 1


# Seeing it ----------------------------------------------------------------------------------


def test_the_expert_sees_their_own_training_and_the_development_on_offer(client):
    expert = expert_with_account()
    other = ExpertFactory()
    course = make_course(name="Safeguarding adults", valid_for_months=36)
    secret = make_course(name="Only for another", valid_for_months=None)
    make_course(
        name="Chairing a meeting",
        kind="development",
        valid_for_months=None,
        description="Lead a meeting.",
    )
    make_record(course=course, expert=expert, completed_on=date(2025, 3, 1))
    make_record(course=secret, expert=other, completed_on=date(2025, 3, 1))
    client.force_login(expert.user)
    html = client.get(reverse("training:mine")).content.decode()
    assert "Safeguarding adults" in html and "Saturday 1 March 2025" in html
    assert "Wednesday 1 March 2028" in html
    assert "Only for another" not in html
    assert "Chairing a meeting" in html and "Lead a meeting." in html


def test_a_member_of_staff_sees_their_own_training(staff_client, staff_member):
    course = make_course(
        name="Working with experts", kind="staff_induction", for_experts=False, for_staff=True
    )
    make_record(course=course, staff=staff_member, completed_on=date(2026, 2, 2))
    html = staff_client.get(reverse("training:mine")).content.decode()
    assert "Working with experts" in html and "Monday 2 February 2026" in html


def test_the_experts_profile_shows_their_training_to_the_team(coordinator_client):
    expert = ExpertFactory()
    record = make_record(
        course=make_course(name="Investigations", kind="investigation"),
        expert=expert,
        completed_on=date(2026, 2, 2),
    )
    html = coordinator_client.get(
        reverse("people:expert_detail", args=[expert.pk])
    ).content.decode()
    assert 'id="training"' in html and "Investigations" in html
    assert reverse("training:record_edit", args=[record.pk]) in html
    assert reverse("training:record_expert", args=[expert.pk]) in html


def test_finance_sees_no_training(finance_client):
    for name in ("training:records", "training:expiring", "training:mine", "training:courses"):
        assert finance_client.get(reverse(name)).status_code == 403


def test_the_expiring_and_expired_lists_filter_by_course_and_days(coordinator_client):
    from datetime import timedelta

    today = date(2026, 6, 15)
    safeguarding = make_course(name="Safeguarding adults")
    governance = make_course(name="Information governance", kind="information_governance")
    soon = ExpertFactory(full_name="Soon Sally")
    later = ExpertFactory(full_name="Later Larry")
    renewed = ExpertFactory(full_name="Renewed Rita")
    gone = ExpertFactory(full_name="Gone Gary")
    left = ExpertFactory(full_name="Left Lena", status="left")
    old = today - timedelta(days=1000)
    make_record(
        course=safeguarding, expert=soon, completed_on=old, expires_on=today + timedelta(days=10)
    )
    make_record(
        course=governance, expert=later, completed_on=old, expires_on=today + timedelta(days=50)
    )
    make_record(
        course=safeguarding, expert=renewed, completed_on=old, expires_on=today + timedelta(days=5)
    )
    make_record(course=safeguarding, expert=renewed, completed_on=today - timedelta(days=3))
    make_record(
        course=safeguarding, expert=gone, completed_on=old, expires_on=today - timedelta(days=5)
    )
    make_record(
        course=safeguarding, expert=left, completed_on=old, expires_on=today - timedelta(days=5)
    )

    page = coordinator_client.get(reverse("training:expiring")).content.decode()
    assert "Soon Sally" in page
    assert "Later Larry" not in page  # beyond 30 days
    assert "Renewed Rita" not in page  # done again
    page = coordinator_client.get(reverse("training:expiring"), {"days": "60"}).content.decode()
    assert "Later Larry" in page
    page = coordinator_client.get(
        reverse("training:expiring"), {"days": "60", "course": safeguarding.pk}
    ).content.decode()
    assert "Soon Sally" in page and "Later Larry" not in page
    page = coordinator_client.get(reverse("training:expired")).content.decode()
    assert "Gone Gary" in page and "Left Lena" not in page and "Soon Sally" not in page
