"""The expert's home page asks about the sessions they came to lately, and the form there
saves their answers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.impact.feedback.models import FeedbackAnswer
from tests.impact.feedback.helpers import FORM, answer, attended, past_session

pytestmark = pytest.mark.django_db

HOME = reverse("opportunities:my_involvement")


def test_the_home_page_lists_the_sessions_waiting_for_feedback(expert, expert_client):
    waiting = attended(past_session(title="Stroke pathway review"), expert)
    done = attended(past_session(title="Already told"), expert)
    answer(done)
    old = attended(past_session(days_ago=90, title="Long ago"), expert)
    html = expert_client.get(HOME).content.decode()
    assert "Tell us how it went" in html
    assert "Stroke pathway review" in html
    assert reverse("feedback:give", args=[waiting.pk]) in html
    assert reverse("feedback:give", args=[done.pk]) not in html
    assert reverse("feedback:give", args=[old.pk]) not in html


def test_nothing_is_shown_when_nothing_waits(expert_client):
    assert "Tell us how it went" not in expert_client.get(HOME).content.decode()


def test_the_home_page_reads_the_same_queries_for_many_sessions(expert, expert_client):
    attended(past_session(), expert)
    expert_client.get(HOME)  # the first visit makes their calendar address
    with CaptureQueriesContext(connection) as few:
        expert_client.get(HOME)
    for _ in range(6):
        attended(past_session(), expert)
    with CaptureQueriesContext(connection) as many:
        expert_client.get(HOME)
    assert len(many) == len(few)


def test_the_expert_answers_in_the_portal_and_the_session_leaves_the_list(expert, expert_client):
    place = attended(past_session(title="Carers' workshop"), expert)
    url = reverse("feedback:give", args=[place.pk])
    assert expert_client.get(url).status_code == 200
    response = expert_client.post(url, {**FORM, "anonymous": "anonymous"})
    assert response.status_code == 302
    saved = FeedbackAnswer.objects.get()
    assert saved.expert is None and saved.request is None
    home = expert_client.get(HOME).content.decode()
    assert "Thank you for telling us how Carers&#39; workshop went." in home
    assert url not in home
    # The form is gone once answered.
    assert expert_client.get(url).status_code == 404


def test_an_expert_cannot_answer_for_another_experts_place(expert_client):
    other = attended()
    url = reverse("feedback:give", args=[other.pk])
    assert expert_client.get(url).status_code == 404
    assert expert_client.post(url, FORM).status_code == 404
    assert not FeedbackAnswer.objects.exists()


def test_a_place_not_attended_cannot_be_answered(expert, expert_client):
    place = attended(past_session(), expert)
    place.attendance = "did_not_attend"
    place.save()
    assert expert_client.get(reverse("feedback:give", args=[place.pk])).status_code == 404


def test_restricted_experts_are_not_asked_in_the_portal(expert, expert_client):
    attended(past_session(title="Quiet meeting"), expert)
    expert.restricted_at = timezone.now() - timedelta(days=1)
    expert.save()
    assert "Tell us how it went" not in expert_client.get(HOME).content.decode()
