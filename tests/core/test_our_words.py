"""The organisation's own words for its experts, for the staff beside them, and its slogan:
set once by the involvement lead, audited, and used by pages, emails and badges, read from
the cache so no page pays a query for them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.core import terms
from coproduce.core.models import OurWords

pytestmark = pytest.mark.django_db

PARTNERS = {
    "expert": "Lived Experience Partner",
    "experts": "Lived Experience Partners",
    "staff": "Professional Partners",
    "slogan": "Nothing about us without us",
}


def test_until_the_lead_sets_them_the_words_are_the_defaults(settings):
    assert terms.current_terms() == terms.Terms(
        expert="Expert by Experience",
        experts="Experts by Experience",
        staff="Experts by Occupation",
        slogan="Working together with the people who use our services",
    )
    settings.COPRODUCE_EXPERT_TERM = "Patient Voice Partner"
    assert terms.current_terms().expert == "Patient Voice Partner"


def test_the_lead_sets_the_words_and_every_page_uses_them_at_once(lead_client, client):
    response = lead_client.post(reverse("accounts:our_words"), PARTNERS, follow=True)
    assert "Your words are saved" in response.content.decode()
    assert OurWords.objects.count() == 1
    home = client.get(reverse("home")).content.decode()
    assert "Working together with Lived Experience Partners" in home
    assert "Nothing about us without us" in home
    assert "Experts by Experience" not in home
    event = AuditEvent.objects.get(action=AuditEvent.Action.TERMS_CHANGED)
    assert event.changes["expert"] == ["Expert by Experience", "Lived Experience Partner"]


def test_saving_twice_keeps_one_row(lead_client):
    lead_client.post(reverse("accounts:our_words"), PARTNERS)
    lead_client.post(reverse("accounts:our_words"), {**PARTNERS, "expert": "Partner"})
    assert OurWords.objects.get().expert == "Partner"
    assert terms.current_terms().expert == "Partner"


def test_an_empty_word_is_refused_beside_its_field_and_nothing_is_saved(lead_client):
    response = lead_client.post(reverse("accounts:our_words"), {**PARTNERS, "experts": " "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter what you call more than one expert" in page
    assert 'value="Lived Experience Partner"' in page
    assert not OurWords.objects.exists()


def test_a_coordinator_cannot_change_the_words(coordinator_client):
    response = coordinator_client.post(reverse("accounts:our_words"), PARTNERS)
    assert response.status_code == 403
    assert not OurWords.objects.exists()


def test_reading_the_words_costs_no_query_once_cached_and_one_after_a_restart(
    lead_client, django_capture_on_commit_callbacks
):
    # The new words go into the cache once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(reverse("accounts:our_words"), PARTNERS)
    with CaptureQueriesContext(connection) as warm:
        assert terms.current_terms().experts == "Lived Experience Partners"
    assert len(warm) == 0
    from django.core.cache import cache

    cache.clear()  # as after a restart with an empty cache
    with CaptureQueriesContext(connection) as cold:
        assert terms.current_terms().experts == "Lived Experience Partners"
    assert len(cold) == 1
    with CaptureQueriesContext(connection) as again:
        terms.current_terms()
    assert len(again) == 0


def test_the_badge_shows_the_saved_word_over_the_setting(lead_client, settings):
    from coproduce.onboarding.badge_cards import card_for
    from tests.onboarding.helpers import issued_badge

    settings.COPRODUCE_EXPERT_TERM = "Expert by Experience"
    lead_client.post(reverse("accounts:our_words"), PARTNERS)
    assert card_for(issued_badge()).term == "Lived Experience Partner"


def test_emails_use_the_words(lead_client):
    from django.template.loader import render_to_string

    lead_client.post(reverse("accounts:our_words"), PARTNERS)
    from django.test import RequestFactory

    text = render_to_string(
        "account/email/no_password_message.txt",
        {"organisation_name": "X"},
        request=RequestFactory().get("/"),
    )
    assert "Lived Experience Partners do not need a password" in text
