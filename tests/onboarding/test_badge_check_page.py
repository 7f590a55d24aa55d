"""The public page a badge's QR code opens: the name, the photo and whether the badge is valid
today, and nothing else; an unknown address finds nothing, and nothing is indexed."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coproduce.accounts.roles import Role
from coproduce.onboarding import services
from tests.factories import UserFactory
from tests.onboarding.helpers import expert_with_photo, issued_badge

pytestmark = pytest.mark.django_db

ISSUED = date(2026, 3, 3)
LONDON = ZoneInfo("Europe/London")


def _on(day: date):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 12, tzinfo=LONDON), tick=False
    )


@pytest.fixture
def badge():
    expert = expert_with_photo(
        full_name="Ada Lovelace", email="ada@example.org", phone="07700900123"
    )
    return issued_badge(expert, today=ISSUED)


def _check(client, badge):
    return client.get(reverse("onboarding:badge_check", args=[badge.token]))


def test_a_valid_badge_shows_the_name_photo_and_the_day_it_is_valid_until(anonymous_client, badge):
    with _on(date(2026, 6, 1)):
        response = _check(anonymous_client, badge)
        photo = anonymous_client.get(reverse("onboarding:badge_check_photo", args=[badge.token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ada Lovelace" in page
    assert "Valid until Wednesday 3 March 2027" in page
    assert reverse("onboarding:badge_check_photo", args=[badge.token]) in page
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"


def test_the_page_shows_nothing_else_about_the_person(anonymous_client, badge):
    with _on(date(2026, 6, 1)):
        page = _check(anonymous_client, badge).content.decode()
    for private in ("ada@example.org", "07700900123", badge.number, "Badge number"):
        assert private not in page
    assert f"/experts/{badge.expert.pk}/" not in page


def test_the_page_asks_not_to_be_indexed_or_kept(anonymous_client, badge):
    with _on(date(2026, 6, 1)):
        response = _check(anonymous_client, badge)
    assert (
        '<meta name="robots" content="noindex, nofollow, noarchive">' in response.content.decode()
    )
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Cache-Control"] == "no-store"


def test_an_expired_badge_says_so_and_its_photo_is_not_served(anonymous_client, badge):
    with _on(date(2027, 3, 3)):
        response = _check(anonymous_client, badge)
        photo = anonymous_client.get(reverse("onboarding:badge_check_photo", args=[badge.token]))
    assert "This badge has expired" in response.content.decode()
    assert "Valid until" not in response.content.decode()
    assert photo.status_code == 404


def test_a_revoked_badge_says_so_at_once(anonymous_client, badge):
    with _on(date(2026, 6, 1)):
        assert "Valid until" in _check(anonymous_client, badge).content.decode()
        services.revoke_badge(
            actor=UserFactory(role=Role.COORDINATOR), badge=badge, reason="Reported lost"
        )
        response = _check(anonymous_client, badge)
        photo = anonymous_client.get(reverse("onboarding:badge_check_photo", args=[badge.token]))
    page = response.content.decode()
    assert "This badge has been revoked" in page
    assert "Valid until" not in page
    assert "Reported lost" not in page
    assert photo.status_code == 200


def test_an_unknown_address_is_not_found_and_says_nothing(anonymous_client, badge):
    response = anonymous_client.get(reverse("onboarding:badge_check", args=["not-a-token"]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Badge not found" in page
    assert "Ada Lovelace" not in page
    assert "noindex" in response["X-Robots-Tag"]
    photo = anonymous_client.get(reverse("onboarding:badge_check_photo", args=["not-a-token"]))
    assert photo.status_code == 404


def test_a_badge_number_or_record_number_does_not_open_the_page(anonymous_client, badge):
    for guess in (badge.number, str(badge.pk), str(badge.expert.pk)):
        assert anonymous_client.get(f"/badge/{guess}/").status_code == 404


def test_signed_in_staff_see_the_same_page(coordinator_client, badge):
    with _on(date(2026, 6, 1)):
        response = _check(coordinator_client, badge)
    assert "Valid until Wednesday 3 March 2027" in response.content.decode()
