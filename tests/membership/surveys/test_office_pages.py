"""The membership office's pages: making a survey and its questions with messages written for
the person, the preview, opening (emails and letters), closing, and copying a paper form."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.membership.surveys.models import Question, Response, Survey
from tests.membership.surveys.helpers import (
    constituencies,
    ids,
    member,
    office_user,
    survey_with_questions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return office_user()


@pytest.fixture
def client(office):
    client = Client()
    client.force_login(office)
    return client


def _date(prefix: str, day) -> dict:
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def test_making_a_survey_for_one_constituency(client):
    north, _ = constituencies()
    closes = timezone.localdate() + timedelta(days=30)
    page = client.post(
        reverse("surveys:new"),
        {"title": "Parking", "introduction": "About parking.", "audience": north.pk}
        | _date("closes_on", closes),
    )
    survey = Survey.objects.get()
    assert page["Location"] == reverse("surveys:survey", args=[survey.pk])
    assert (survey.constituency, survey.closes_on, survey.status) == (north, closes, "draft")


def test_a_survey_without_a_title_or_date_says_what_is_missing_keeping_what_was_typed(client):
    constituencies()
    page = client.post(reverse("surveys:new"), {"introduction": "Kept words", "audience": ""})
    html = page.content.decode()
    assert page.status_code == 400
    assert "Enter title" in html or "Enter the title" in html
    assert "Enter the closing date" in html
    assert "Kept words" in html
    yesterday = timezone.localdate() - timedelta(days=1)
    past = client.post(
        reverse("surveys:new"),
        {"title": "Late", "audience": "all"} | _date("closes_on", yesterday),
    )
    assert "The closing date must be today or in the future" in past.content.decode()
    assert not Survey.objects.exists()


def test_a_choice_question_without_choices_is_refused_beside_the_field(client, office):
    survey = survey_with_questions(office)
    url = reverse("surveys:question_add", args=[survey.pk])
    page = client.post(
        url, {"text": "Which ward?", "kind": "one", "choices": "Ward 1", "required": "yes"}
    )
    assert page.status_code == 400
    assert "Give at least 2 choices, one on each line" in page.content.decode()
    page = client.post(
        url, {"text": "Which ward?", "kind": "one", "choices": "Ward 1\nWard 2\n", "required": "no"}
    )
    assert page.status_code == 302
    added = Question.objects.get(text="Which ward?")
    assert (added.choices, added.required, added.order) == (["Ward 1", "Ward 2"], False, 4)


def test_questions_are_changed_moved_and_removed_through_the_pages(client, office):
    survey = survey_with_questions(office)
    first, second, third, fourth = ids(survey)
    client.post(
        reverse("surveys:question_edit", args=[survey.pk, first]),
        {"text": "Did you eat here?", "kind": "one", "choices": "Yes\nNo", "required": "yes"},
    )
    assert Question.objects.get(pk=first).text == "Did you eat here?"
    client.post(reverse("surveys:question_move", args=[survey.pk, fourth]), {"to": "up"})
    assert ids(survey) == [first, second, fourth, third]
    assert (
        client.get(reverse("surveys:question_remove", args=[survey.pk, second])).status_code == 200
    )
    client.post(reverse("surveys:question_remove", args=[survey.pk, second]))
    assert ids(survey) == [first, fourth, third]


def test_the_preview_shows_the_members_page_with_nothing_to_send(client, office):
    survey = survey_with_questions(office)
    html = client.get(reverse("surveys:preview", args=[survey.pk])).content.decode()
    assert "How good was the food?" in html
    assert "3 – neither good nor poor" in html
    assert "Send my answers" not in html


def test_opening_sends_the_links_and_lists_who_wants_a_letter(client, office):
    north, _ = constituencies()
    member(north, 1)
    member(north, 2, by_email=False, by_post=True, full_name="Percy Post", address="2 Lane")
    survey = survey_with_questions(office)
    confirm = client.get(reverse("surveys:open", args=[survey.pk])).content.decode()
    assert "will be emailed a link just for them" in confirm
    client.post(reverse("surveys:open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.is_open and (survey.emailed, survey.by_post) == (1, 1)
    assert len(mail.outbox) == 1
    letters = client.get(reverse("surveys:letters", args=[survey.pk])).content.decode()
    assert "Percy Post" in letters and "2 Lane" in letters and "Member 1" not in letters
    # Questions can no longer change once it is open.
    page = client.get(reverse("surveys:question_add", args=[survey.pk]))
    assert page.status_code == 302


def test_paper_answers_are_entered_then_closing_stops_them(client, office):
    north, _ = constituencies()
    survey = survey_with_questions(office)
    client.post(reverse("surveys:open", args=[survey.pk]))
    yes_no, meals, rating, words = ids(survey)
    url = reverse("surveys:paper", args=[survey.pk])
    missing = client.post(url, {"constituency": north.pk, f"q{words}": "Kept"})
    assert missing.status_code == 400
    assert "Choose an answer to question 1" in missing.content.decode()
    saved = client.post(
        url,
        {"constituency": north.pk, f"q{yes_no}": "No", f"q{meals}": ["Lunch"], f"q{rating}": "2"},
    )
    assert saved["Location"] == url
    response = Response.objects.get()
    assert response.paper and response.member is None and response.constituency == north
    client.post(reverse("surveys:close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == "closed"
    assert client.get(url)["Location"] == reverse("surveys:survey", args=[survey.pk])


def test_a_survey_for_all_members_and_an_open_one_changes_only_its_closing_date(client, office):
    constituencies()
    closes = timezone.localdate() + timedelta(days=10)
    client.post(
        reverse("surveys:new"),
        {"title": "Visiting", "introduction": "", "audience": "all"} | _date("closes_on", closes),
    )
    survey = Survey.objects.get()
    assert survey.constituency is None and survey.audience == "All current members"
    survey = survey_with_questions(office)
    client.post(reverse("surveys:open", args=[survey.pk]))
    later = closes + timedelta(days=5)
    edit = reverse("surveys:edit", args=[survey.pk])
    retitled = client.post(
        edit,
        {"title": "New title", "introduction": "", "audience": "all"} | _date("closes_on", later),
    )
    assert retitled.status_code == 400
    assert "only its closing date can change" in retitled.content.decode()
    moved = client.post(
        edit,
        {"title": survey.title, "introduction": survey.introduction, "audience": "all"}
        | _date("closes_on", later),
    )
    assert moved.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.closes_on) == ("Our hospital food", later)
