"""Adding an expert by hand is checked for people already on the register, by the import's own
rules, and a profile says why someone cannot sign in and what to do about it."""

import pytest
from django.urls import reverse

from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.people.services import add_expert
from tests.factories import ExpertFactory
from tests.people.helpers import expert_form_data

pytestmark = pytest.mark.django_db


def _existing(**overrides) -> Expert:
    values = {"full_name": "Margaret Okafor", "email": "maggie@example.net", "phone": ""}
    values.update(overrides)
    return add_expert(actor=None, values=values)


def test_same_name_and_email_is_not_saved_until_the_coordinator_confirms(coordinator_client):
    existing = _existing()

    response = coordinator_client.post(reverse("people:expert_add"), expert_form_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert Expert.objects.count() == 1
    assert "They may already be on the register" in html
    assert reverse("people:expert_detail", args=[existing.pk]) in html
    assert "Same email" in html
    assert "tick the box to add them anyway" in html
    assert "Met at the carers&#39; café." in html
    assert 'value="maggie@example.net"' in html


def test_same_email_explains_that_the_new_person_could_not_sign_in(coordinator_client):
    _existing(full_name="Ade Okafor")

    html = coordinator_client.post(
        reverse("people:expert_add"), expert_form_data()
    ).content.decode()

    assert "Only one person can sign in with an email address" in html
    assert "they will not be able to sign in" in html


def test_same_email_with_no_sign_in_yet_does_not_say_the_new_person_cannot_sign_in(
    coordinator_client,
):
    ExpertFactory(full_name="Ade Okafor", email="maggie@example.net", user=None)

    html = coordinator_client.post(
        reverse("people:expert_add"), expert_form_data()
    ).content.decode()

    assert "Same email" in html
    assert "Only one person can sign in" not in html


def test_a_close_name_or_same_phone_is_shown_as_a_likely_match(coordinator_client):
    by_name = _existing(full_name="Margret Okafor", email="m.okafor@example.org")
    by_phone = _existing(full_name="Tunde Bello", email="tunde@example.org", phone="+447700900456")

    html = coordinator_client.post(
        reverse("people:expert_add"), expert_form_data()
    ).content.decode()

    assert reverse("people:expert_detail", args=[by_name.pk]) in html
    assert reverse("people:expert_detail", args=[by_phone.pk]) in html
    assert "Similar name" in html and "Same phone number" in html
    assert "Only one person can sign in" not in html


def test_confirming_a_different_person_adds_them(coordinator_client):
    existing = _existing(full_name="Margaret Okafor", email="other@example.org")
    data = expert_form_data(different_person="on", checked_matches=str(existing.pk))

    response = coordinator_client.post(reverse("people:expert_add"), data)

    assert response.status_code == 302
    assert Expert.objects.filter(full_name="Margaret Okafor").count() == 2


def test_a_tick_does_not_cover_a_match_that_was_not_shown(coordinator_client):
    shown = _existing(full_name="Margaret Okafor", email="other@example.org")
    unseen = _existing(full_name="Someone Else", email="maggie@example.net")
    data = expert_form_data(different_person="on", checked_matches=str(shown.pk))

    response = coordinator_client.post(reverse("people:expert_add"), data)

    html = response.content.decode()
    assert Expert.objects.count() == 2
    assert reverse("people:expert_detail", args=[unseen.pk]) in html
    assert "checked" not in html.split('id="id_different_person"')[1].split(">")[0]


def test_nobody_alike_is_added_without_a_question(coordinator_client):
    ExpertFactory(full_name="Zara Quinn", email="zara@example.org", phone="+447700900999")

    response = coordinator_client.post(reverse("people:expert_add"), expert_form_data())

    assert response.status_code == 302


def test_profile_explains_an_email_another_expert_signs_in_with(coordinator_client):
    first = _existing()
    second = _existing(full_name="Margaret Okafor")

    html = coordinator_client.get(
        reverse("people:expert_detail", args=[second.pk])
    ).content.decode()

    assert second.user is None
    assert "maggie@example.net is already how Margaret Okafor signs in" in html
    assert "change their email address to one of their own" in html
    assert reverse("people:expert_detail", args=[first.pk]) in html


def test_profile_explains_a_missing_email(coordinator_client):
    expert = _existing(email="")

    html = coordinator_client.get(
        reverse("people:expert_detail", args=[expert.pk])
    ).content.decode()

    assert "There is no email address on their record" in html


def test_profile_explains_a_sign_in_switched_off_on_leaving(coordinator_client):
    expert = _existing(status=Status.LEFT)

    html = coordinator_client.get(
        reverse("people:expert_detail", args=[expert.pk])
    ).content.decode()

    assert expert.user is not None and not expert.user.is_active
    assert "switched off when their status changed to left" in html


def test_profile_still_says_yes_for_someone_who_can_sign_in(coordinator_client):
    expert = _existing()

    html = coordinator_client.get(
        reverse("people:expert_detail", args=[expert.pk])
    ).content.decode()

    assert "Yes, with a code sent to maggie@example.net" in html
