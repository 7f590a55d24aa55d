"""A sign-in ends after too long idle (staff 15 minutes, experts 30) or too long signed in
(10 hours, however busy), and the person is told why and brought back to where they were.
The warning's "how long is left" question does not keep a sign-in alive; "Stay signed in" does."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
REGISTER = reverse("people:register")
MY_PROFILE = reverse("people:my_profile")
STATUS = reverse("account_session")
EXTEND = reverse("account_session_extend")


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff(clock, coordinator_client):
    """A coordinator signed in at START."""
    return coordinator_client


@pytest.fixture
def expert_signed_in(clock, expert_client):
    return expert_client


def later(clock, **elapsed):
    clock.move_to(START + timedelta(**elapsed))


def assert_signed_out(response, client, *, next_url: str, because: str):
    assert response.status_code == 302
    login = reverse("account_login")
    assert response["Location"] == f"{login}?next={next_url}"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert because in page
    assert "Sign in again to carry on." in page


def test_staff_idle_for_16_minutes_are_signed_out_and_told_why(clock, staff):
    later(clock, minutes=16)

    response = staff.get(REGISTER + "?q=smith")

    assert_signed_out(
        response,
        staff,
        next_url=REGISTER + "%3Fq%3Dsmith",
        because="you had not used this service for 15 minutes",
    )


def test_staff_back_after_14_minutes_carry_on_and_the_clock_starts_again(clock, staff):
    later(clock, minutes=14)
    assert staff.get(REGISTER).status_code == 200
    # 14 minutes after that visit (28 after signing in), still signed in.
    later(clock, minutes=28)
    assert staff.get(REGISTER).status_code == 200
    later(clock, minutes=43, seconds=1)
    assert staff.get(REGISTER).status_code == 302


def test_experts_have_30_minutes(clock, expert_signed_in):
    later(clock, minutes=29)
    assert expert_signed_in.get(MY_PROFILE).status_code == 200
    later(clock, minutes=29 + 31)

    response = expert_signed_in.get(MY_PROFILE)

    assert_signed_out(
        response,
        expert_signed_in,
        next_url=MY_PROFILE,
        because="you had not used this service for 30 minutes",
    )


def test_ten_hours_signed_in_is_the_limit_however_busy(clock, staff):
    for minutes in range(10, 10 * 60, 10):
        later(clock, minutes=minutes)
        assert staff.get(REGISTER).status_code == 200, f"{minutes} minutes in"
    later(clock, hours=10, seconds=1)

    response = staff.get(REGISTER)

    assert_signed_out(
        response, staff, next_url=REGISTER, because="you had been signed in for 10 hours"
    )


def test_asking_how_long_is_left_does_not_count_as_using_the_service(clock, staff):
    later(clock, minutes=10)
    answer = staff.get(STATUS)
    assert answer.status_code == 200
    assert answer.json() == {"seconds_left": 5 * 60, "warning_seconds": 120}
    later(clock, minutes=15, seconds=1)

    assert staff.get(STATUS).status_code == 401
    assert "_auth_user_id" not in staff.session


def test_staying_signed_in_starts_the_clock_again(clock, staff):
    later(clock, minutes=14)
    answer = staff.post(EXTEND)
    assert answer.status_code == 200
    assert answer.json() == {"seconds_left": 15 * 60, "warning_seconds": 120}
    later(clock, minutes=28)

    assert staff.get(STATUS).json()["seconds_left"] == 60
    later(clock, minutes=29, seconds=1)
    assert staff.get(REGISTER).status_code == 302


def test_staying_signed_in_needs_the_csrf_token(clock, coordinator):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    assert client.post(EXTEND).status_code == 403


def test_staying_signed_in_cannot_pass_the_ten_hour_limit(clock, staff):
    for minutes in range(10, 10 * 60, 10):
        later(clock, minutes=minutes)
        assert staff.post(EXTEND).status_code == 200
    later(clock, hours=9, minutes=55)
    assert staff.post(EXTEND).status_code == 200
    assert staff.get(STATUS).json()["seconds_left"] == 5 * 60
    later(clock, hours=10, seconds=1)
    assert staff.post(EXTEND).status_code == 401


def test_an_htmx_request_is_sent_to_sign_in_from_the_page_it_came_from(clock, staff):
    later(clock, minutes=16)

    response = staff.get(
        REGISTER,
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/register/?page=2"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("account_login") + "?next=/register/%3Fpage%3D2"
    assert "_auth_user_id" not in staff.session


def test_the_status_question_answers_401_json_when_signed_out(clock, staff, anonymous_client):
    assert anonymous_client.get(STATUS).status_code == 401
    assert anonymous_client.post(EXTEND).status_code == 401
    later(clock, minutes=16)
    response = staff.post(EXTEND)
    assert response.status_code == 401
    assert response.json()["seconds_left"] == 0


@override_settings(
    SESSION_IDLE_MINUTES_STAFF=5, SESSION_IDLE_MINUTES_EXPERTS=7, SESSION_ABSOLUTE_HOURS=1
)
def test_the_limits_are_settings(clock, staff, expert_signed_in):
    later(clock, minutes=4)
    assert staff.get(STATUS).json()["seconds_left"] == 60
    later(clock, minutes=6)
    response = staff.get(REGISTER)
    assert response.status_code == 302
    assert "for 5 minutes" in staff.get(response["Location"]).content.decode()

    assert expert_signed_in.get(STATUS).json()["seconds_left"] == 60
    for minutes in range(6, 60, 6):
        later(clock, minutes=minutes)
        assert expert_signed_in.get(MY_PROFILE).status_code == 200
    later(clock, minutes=61)
    response = expert_signed_in.get(MY_PROFILE)
    assert "signed in for 1 hour." in expert_signed_in.get(response["Location"]).content.decode()


def test_a_session_from_before_the_limits_counts_from_its_next_visit(clock, staff):
    session = staff.session
    for key in ("signed_in_at", "last_active_at"):
        del session[key]
    session.save()
    later(clock, hours=5)
    assert staff.get(REGISTER).status_code == 200
    later(clock, hours=5, minutes=14)
    assert staff.get(STATUS).json()["seconds_left"] == 60


def test_signed_in_pages_carry_the_warning_with_their_times(clock, staff, anonymous_client):
    later(clock, minutes=5)
    page = staff.get(REGISTER).content.decode()
    assert 'id="session-warning"' in page
    assert 'data-seconds-left="900"' in page
    assert f'data-absolute-seconds-left="{10 * 3600 - 5 * 60}"' in page
    assert 'data-warning-seconds="120"' in page
    assert "You will be signed out soon" in page
    assert 'id="session-warning"' not in anonymous_client.get(reverse("home")).content.decode()
