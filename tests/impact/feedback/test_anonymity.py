"""An anonymous answer cannot be traced to the expert: not through any model, the team's
pages, the subject access export or the audit trail. Named answers are in the expert's data."""

import io
import json
import uuid
import zipfile

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.core.subject_access import as_zip
from coproduce.impact.feedback.models import FeedbackAnswer, FeedbackRequest
from tests.factories import ExpertFactory
from tests.impact.feedback.helpers import answer, attended, past_session

pytestmark = pytest.mark.django_db

WORDS = "Zebra-quartz-anonymous-words"  # a value planted to be looked for everywhere


def _anonymous_answer():
    session = past_session(title="Mental health strategy group")
    expert = ExpertFactory(full_name="Agnes Anonymous")
    place = attended(session, expert)
    answer(place, anonymous=True, comments=WORDS, good_experience="no")
    return expert, place, FeedbackAnswer.objects.get()


def test_the_anonymous_answer_holds_nothing_that_leads_to_the_expert():
    expert, place, saved = _anonymous_answer()
    assert saved.expert_id is None
    assert saved.request_id is None
    assert isinstance(saved.pk, uuid.UUID) and saved.pk.version == 4  # random, not in order
    # Only these links: the session, its opportunity and team, and the day, not the time.
    links = {
        f.name: getattr(saved, f.attname)
        for f in FeedbackAnswer._meta.concrete_fields
        if f.is_relation and getattr(saved, f.attname) is not None
    }
    assert links == {
        "session": place.session_id,
        "opportunity": place.session.opportunity_id,
        "team": place.session.opportunity.team_id,
    }
    assert not any(
        isinstance(f, models.DateTimeField) for f in FeedbackAnswer._meta.concrete_fields
    )
    # Dated by the session, not by the day of answering, which the audit trail also knows.
    assert saved.answered_on == timezone.localdate(place.session.starts_at)
    assert saved.answered_on != timezone.localdate()
    # The request says only that it was answered: no time, nothing pointing at the answer.
    request = FeedbackRequest.objects.get()
    assert request.answered
    assert {f.name for f in FeedbackRequest._meta.concrete_fields} == {
        "id",
        "invitation",
        "session",
        "asked_at",
        "emailed_at",
        "answered",
    }
    assert not hasattr(request, "named_answer")


def test_no_model_anywhere_points_to_an_anonymous_answer():
    _anonymous_answer()
    pointing = [
        f"{model._meta.label}.{f.name}"
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is FeedbackAnswer
    ]
    assert pointing == []


def test_the_audit_trail_says_only_that_the_expert_answered():
    expert, place, saved = _anonymous_answer()
    (event,) = AuditEvent.objects.filter(action=AuditEvent.Action.FEEDBACK_ANSWERED)
    assert event.subject_id == str(expert.pk)
    assert event.model == "feedback.feedbackrequest"
    assert event.changes == {}
    dumped = json.dumps(
        list(AuditEvent.objects.values()) + list(RecordView.objects.values()), default=str
    )
    assert str(saved.pk) not in dumped
    assert WORDS not in dumped


def test_the_subject_access_export_has_named_answers_but_not_anonymous_ones():
    expert, place, saved = _anonymous_answer()
    named_place = attended(past_session(title="Carers' workshop"), expert)
    answer(named_place, comments="Named words to find")
    archive = zipfile.ZipFile(io.BytesIO(as_zip(expert)))
    data = archive.read("data.json").decode()
    assert WORDS not in data
    assert str(saved.pk) not in data
    feedback = json.loads(data)["feedback"]
    (named,) = feedback["answers_with_your_name"]
    assert named["anything_else"] == "Named words to find"
    assert named["opportunity"] == "Carers' workshop"
    assert [r["answered"] for r in feedback["asked_how_it_went"]] == [True, True]


def test_the_team_sees_anonymous_words_without_the_name(coordinator_client):
    expert, place, saved = _anonymous_answer()
    url = reverse("feedback:session", args=[place.session_id])
    # Alone, the anonymous answer is kept back: who answered is listed, so it would be theirs.
    html = coordinator_client.get(url).content.decode()
    assert WORDS not in html
    assert "1 anonymous answer is not counted here" in html
    # With three anonymous answers, the words show, without a name.
    for _ in range(2):
        answer(attended(place.session), anonymous=True)
    html = coordinator_client.get(url).content.decode()
    assert WORDS in html
    words_at = html.index(WORDS)
    nearby = html[max(0, words_at - 300) : words_at]
    assert "Anonymous" in nearby
    assert "Agnes Anonymous" not in nearby
    # They still see that Agnes answered, in the list of who answered.
    assert "Agnes Anonymous" in html
    overview = coordinator_client.get(reverse("feedback:overview")).content.decode()
    assert "Agnes" not in overview


def test_erasing_a_person_takes_their_name_and_words_off_named_answers(involvement_lead):
    from coproduce.people.erasure import erase_person

    expert = ExpertFactory(full_name="Ernie Erased")
    place = attended(expert=expert)
    answer(place, comments="Ernie's own words")
    erase_person(actor=involvement_lead, expert=expert)
    saved = FeedbackAnswer.objects.get()
    assert (saved.expert_id, saved.request_id, saved.comments) == (None, None, "")
    assert saved.good_experience == "yes"  # the figures stay the same
