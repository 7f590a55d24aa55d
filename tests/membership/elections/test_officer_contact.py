"""The returning officer's contact on an election, as the notice of election gives it (the Model
Election Rules): set on the election's form, shown on the notice, the vote pages and the
election's own page, and named in the message to someone stopped for trying too many codes."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from coproduce.membership.elections.models import Election
from tests.membership.elections import helpers_elections as h

pytestmark = pytest.mark.django_db

CONTACT = {
    "officer_name": "Independent Election Services",
    "officer_email": "elections@example.org",
    "officer_phone": "01632 960 418",
}
WRONG = "AAAA-AAAA-AAAA"  # well formed, and nobody's


@pytest.fixture
def ro_client():
    client = Client()
    client.force_login(h.officer())
    return client


def _form_data(place, **changes) -> dict:
    data = {"title": "Leeds North", "constituency": place.pk, "seats": 1, "method": "fptp"}
    for name, day in h.timetable().items():
        data[f"{name}-day"], data[f"{name}-month"], data[f"{name}-year"] = (
            day.day,
            day.month,
            day.year,
        )
    return data | changes


def _field_group(page: str, name: str) -> str:
    """The form group of one field: its label, hint, error message and input."""
    start = page.index(f'for="id_{name}"')
    group_start = page.rindex('<div class="nhsuk-form-group', 0, start)
    end = page.index(f'name="{name}"', start)
    return page[group_start : page.index(">", end)]


def test_the_officer_gives_their_contact_on_the_form_and_sees_it_kept(ro_client):
    place = h.constituency()
    blank = ro_client.get(reverse("elections:create")).content.decode()
    assert "so voters know who to ask about their code" in blank
    response = ro_client.post(reverse("elections:create"), _form_data(place, **CONTACT))
    e = Election.objects.get()
    assert response.status_code == 302
    assert (e.officer_name, e.officer_email, e.officer_phone) == tuple(CONTACT.values())
    page = ro_client.get(reverse("elections:edit", args=[e.pk])).content.decode()
    for value in CONTACT.values():
        assert f'value="{value}"' in page
    detail = ro_client.get(reverse("elections:detail", args=[e.pk])).content.decode()
    assert "Contact the returning officer" in detail
    assert 'href="mailto:elections@example.org"' in detail
    assert 'href="tel:01632960418"' in detail


def test_the_contact_is_optional_and_the_page_says_none_is_given(ro_client):
    place = h.constituency()
    response = ro_client.post(reverse("elections:create"), _form_data(place))
    e = Election.objects.get()
    assert response.status_code == 302
    assert (e.officer_name, e.officer_email, e.officer_phone) == ("", "", "")
    detail = ro_client.get(reverse("elections:detail", args=[e.pk])).content.decode()
    assert "None given" in detail


def test_a_wrong_email_address_or_phone_number_is_explained_beside_it_and_kept(ro_client):
    place = h.constituency()
    data = _form_data(
        place, officer_email="elections at example.org", officer_phone="call us any time"
    )
    response = ro_client.post(reverse("elections:create"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert not Election.objects.exists()
    email = _field_group(page, "officer_email")
    assert "Enter an email address in the correct format, like name@example.com" in email
    assert 'value="elections at example.org"' in email
    phone = _field_group(page, "officer_phone")
    assert "Enter the returning officer’s phone number, like 01632 960 001" in phone
    assert 'value="call us any time"' in phone
    assert "Enter a valid" not in page


def test_an_email_address_too_long_is_explained(ro_client):
    place = h.constituency()
    long_email = "a" * 250 + "@example.org"
    response = ro_client.post(
        reverse("elections:create"), _form_data(place, officer_email=long_email)
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "the returning officer’s email address in 254 characters or fewer" in page


def test_the_notice_has_a_contact_section_with_only_the_parts_given():
    e = h.election(**CONTACT)
    page = Client().get(reverse("elections:election_notice", args=[e.pk])).content.decode()
    assert "<h2>Contact the returning officer</h2>" in page
    assert "Independent Election Services" in page
    assert '<a href="mailto:elections@example.org">elections@example.org</a>' in page
    assert '<a href="tel:01632960418">01632 960 418</a>' in page

    only_email = h.election(officer_email="ro@example.org")
    page = Client().get(reverse("elections:election_notice", args=[only_email.pk])).content
    page = page.decode()
    assert "<h2>Contact the returning officer</h2>" in page
    assert "mailto:ro@example.org" in page
    assert "tel:" not in page and "Phone:" not in page

    none = h.election()
    page = Client().get(reverse("elections:election_notice", args=[none.pk])).content.decode()
    assert "Contact the returning officer" not in page


def test_the_code_page_says_whom_to_ask_about_a_lost_code_while_the_poll_is_open():
    e, _, _ = h.poll()
    Election.objects.filter(pk=e.pk).update(**CONTACT)
    with time_machine.travel(h.DURING_POLL, tick=False):
        page = Client().get(reverse("elections:election_vote", args=[e.pk])).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert (
        "Lost your code or need help? Contact the returning officer, Independent Election "
        "Services, at elections@example.org or on 01632 960 418." in text
    )
    assert 'href="tel:01632960418"' in page


def test_the_code_page_says_nothing_of_a_contact_when_none_is_given():
    e, _, _ = h.poll()
    with time_machine.travel(h.DURING_POLL, tick=False):
        page = Client().get(reverse("elections:election_vote", args=[e.pk])).content.decode()
    assert "Lost your code" not in page


def test_the_poll_not_open_page_gives_the_contact():
    e = h.election(**CONTACT)
    with time_machine.travel(h.NOMINATIONS, tick=False):
        page = Client().get(reverse("elections:election_vote", args=[e.pk])).content.decode()
    assert "The poll is not open yet" in page
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "contact the returning officer, Independent Election Services, at" in text
    assert "mailto:elections@example.org" in page


@pytest.fixture
def three_an_hour(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "election_code": "3/h/ip"}


def _stopped(e) -> str:
    client = Client()
    url = reverse("elections:election_vote", args=[e.pk])
    for minutes in (0, 10, 20):
        with time_machine.travel(h.DURING_POLL + timedelta(minutes=minutes), tick=False):
            client.post(url, {"step": "code", "code": WRONG})
    with time_machine.travel(h.DURING_POLL + timedelta(minutes=20), tick=False):
        response = client.post(url, {"step": "code", "code": WRONG})
    assert response.status_code == 429
    return response.content.decode()


def test_someone_stopped_for_too_many_codes_is_told_how_to_reach_the_officer(three_an_hour):
    e, _, _ = h.poll()
    Election.objects.filter(pk=e.pk).update(**CONTACT)
    page = _stopped(e)
    assert (
        "Too many wrong codes have been tried from here. Try again in 40 minutes, or contact "
        "the returning officer, Independent Election Services, at elections@example.org or on "
        "01632 960 418." in page
    )


def test_the_message_names_only_the_ways_given(three_an_hour):
    e, _, _ = h.poll()
    Election.objects.filter(pk=e.pk).update(officer_phone="01632 960 418")
    page = _stopped(e)
    assert "or contact the returning officer on 01632 960 418." in page


def test_without_an_email_or_phone_the_message_is_as_before(three_an_hour):
    e, _, _ = h.poll()
    # A name alone says whom to ask, not how.
    Election.objects.filter(pk=e.pk).update(officer_name="Independent Election Services")
    page = _stopped(e)
    assert (
        "Too many wrong codes have been tried from here. Try again in 40 minutes, or ask the "
        "returning officer for help." in page
    )
    assert "Independent Election Services" not in page
