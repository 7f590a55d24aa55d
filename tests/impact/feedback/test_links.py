"""The link in the email: the form without signing in, for that place only. Saved once; used
again, expired, tampered with or someone else's, it says so and saves nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coproduce.impact.feedback.links import link_token
from coproduce.impact.feedback.models import FeedbackAnswer, FeedbackRequest
from coproduce.impact.feedback.services import ask
from tests.factories import expert_with_account
from tests.impact.feedback.helpers import FORM, attended, past_session

pytestmark = pytest.mark.django_db


def _link(place) -> str:
    request = ask(invitation_id=place.pk)
    assert request is not None
    return reverse("feedback:feedback_link", args=[link_token(request)])


def test_the_link_shows_the_form_and_saves_the_answers_once(client):
    place = attended(past_session(title="Carers' strategy workshop"))
    url = _link(place)

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "How did it go?" in html
    assert "Carers&#39; strategy workshop" in html
    assert "Was the meeting good for you?" in html
    assert not FeedbackAnswer.objects.exists()  # opening it saves nothing

    sent = client.post(url, FORM)
    assert sent.status_code == 302
    assert sent["Location"] == reverse("feedback:feedback_link_thanks")
    assert client.get(sent["Location"]).status_code == 200
    saved = FeedbackAnswer.objects.get()
    assert saved.expert == place.expert
    assert (saved.listened_to, saved.had_what_needed) == ("partly", "no")
    assert saved.comments == "The room was too hot."
    assert FeedbackRequest.objects.get().answered

    again = client.get(url)
    assert "You have already told us about this meeting. Thank you." in again.content.decode()
    posted_again = client.post(url, {**FORM, "comments": "Second go"})
    assert "You have already told us about this meeting." in posted_again.content.decode()
    assert FeedbackAnswer.objects.count() == 1


def test_a_form_with_an_answer_missing_says_which_and_saves_nothing(client):
    url = _link(attended())
    response = client.post(url, {**FORM, "listened_to": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose whether you felt listened to" in html
    assert "The room was too hot." in html  # what they wrote is kept
    assert not FeedbackAnswer.objects.exists()
    assert not FeedbackRequest.objects.get().answered


def test_an_expired_link_says_so_and_offers_to_sign_in(client):
    place = attended()
    url = _link(place)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = client.get(url)
        html = response.content.decode()
        assert "This link has expired" in html
        assert reverse("feedback:give", args=[place.pk]) in html
        assert "Sign in to tell us how it went" in html
        client.post(url, FORM)
    assert not FeedbackAnswer.objects.exists()


def test_a_link_tampered_with_does_not_work(client):
    url = _link(attended())
    response = client.get(url.replace("/answer/", "/answer/9"))
    assert "This link does not work" in response.content.decode()


def test_an_expert_signed_in_cannot_use_another_experts_link(client):
    url = _link(attended())
    someone = expert_with_account()
    client.force_login(someone.user)
    assert client.get(url).status_code == 403
    assert client.post(url, FORM).status_code == 403
    assert not FeedbackAnswer.objects.exists()


def test_the_link_says_already_answered_after_answering_in_the_portal(client):
    from tests.impact.feedback.helpers import answer

    place = attended()
    url = _link(place)
    answer(place)
    assert "You have already told us" in client.get(url).content.decode()
