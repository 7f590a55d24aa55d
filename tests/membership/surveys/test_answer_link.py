"""The member's page from their personal link: no account needed, errors beside the field
keeping what was typed, answered once ("you have already answered"), and a clear message with
nothing saved for a closed survey, a broken or an expired link."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coproduce.membership.surveys import links, services
from coproduce.membership.surveys.models import Response
from tests.membership.surveys.helpers import (
    constituencies,
    ids,
    member,
    office_user,
    survey_with_questions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened():
    office = office_user()
    north, _ = constituencies()
    someone = member(north, 1)
    survey = services.open_survey(actor=office, survey=survey_with_questions(office))
    return office, survey, someone


def _url(survey, someone) -> str:
    return reverse("surveys:survey_answer", args=[links.link_token(survey, someone)])


def test_a_member_answers_by_their_link_without_signing_in(opened):
    _, survey, someone = opened
    yes_no, meals, rating, words = ids(survey)
    client = Client()
    page = client.get(_url(survey, someone))
    assert page.status_code == 200
    assert "Our hospital food" in page.content.decode()
    sent = client.post(
        _url(survey, someone),
        {f"q{yes_no}": "Yes", f"q{meals}": ["Breakfast"], f"q{rating}": "5", f"q{words}": "More"},
    )
    assert sent.status_code == 302
    assert sent["Location"] == reverse("surveys:survey_answer_thanks")
    response = Response.objects.get()
    assert response.member == someone and not response.paper


def test_the_link_again_says_they_have_already_answered(opened):
    _, survey, someone = opened
    yes_no, _, rating, _ = ids(survey)
    client = Client()
    client.post(_url(survey, someone), {f"q{yes_no}": "No", f"q{rating}": "3"})
    again = client.get(_url(survey, someone))
    assert "You have already answered this survey. Thank you." in again.content.decode()
    posted_again = client.post(_url(survey, someone), {f"q{yes_no}": "Yes", f"q{rating}": "1"})
    assert "already answered" in posted_again.content.decode()
    assert Response.objects.count() == 1
    assert list(Response.objects.get().answers.values_list("value", flat=True).order_by("value"))[
        :2
    ] == ["3", "No"]


def test_a_missing_answer_is_shown_beside_its_question_keeping_what_was_typed(opened):
    _, survey, someone = opened
    yes_no, _, rating, words = ids(survey)
    page = Client().post(_url(survey, someone), {f"q{yes_no}": "Yes", f"q{words}": "Warmer plates"})
    html = page.content.decode()
    assert page.status_code == 400
    assert "Choose an answer to question 3" in html
    assert f'href="#id_q{rating}' in html  # the error summary links to the question
    assert "Warmer plates" in html
    assert "<title>Error:" in html
    assert not Response.objects.exists()


def test_a_closed_survey_says_so_and_saves_nothing(opened):
    office, survey, someone = opened
    url = _url(survey, someone)
    services.close_survey(actor=office, survey=survey)
    yes_no, _, rating, _ = ids(survey)
    page = Client().post(url, {f"q{yes_no}": "Yes", f"q{rating}": "4"})
    assert "This survey has closed" in page.content.decode()
    assert not Response.objects.exists()


def test_a_link_that_was_tampered_with_does_not_work(opened):
    _, survey, someone = opened
    token = links.link_token(survey, someone)
    broken = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    page = Client().get(reverse("surveys:survey_answer", args=[broken]))
    assert links.LINK_BROKEN in page.content.decode()
    # Another member's number with this signature is refused too.
    other = member(someone.constituency, 2)
    forged = token.replace(f".{someone.pk}:", f".{other.pk}:", 1)
    assert not links.check_link(forged).usable


def test_an_expired_link_says_so_and_saves_nothing(opened):
    _, survey, someone = opened
    url = _url(survey, someone)
    yes_no, _, rating, _ = ids(survey)
    with time_machine.travel(timezone.now() + timedelta(days=links.LINK_DAYS + 1)):
        page = Client().post(url, {f"q{yes_no}": "Yes", f"q{rating}": "4"})
    assert "This link has expired" in page.content.decode()
    assert not Response.objects.exists()


def test_a_member_who_has_left_cannot_answer(opened):
    _, survey, someone = opened
    someone.status = "left"
    someone.left_at = timezone.now()
    someone.save()
    assert links.check_link(links.link_token(survey, someone)).problem == links.NOT_A_MEMBER


def test_after_its_closing_date_the_link_says_the_survey_has_closed(opened):
    _, survey, someone = opened
    url = _url(survey, someone)
    yes_no, _, rating, _ = ids(survey)
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        page = Client().post(url, {f"q{yes_no}": "Yes", f"q{rating}": "4"})
        with pytest.raises(services.SurveyError, match="closed"):
            services.answer_survey(
                survey=survey, member=someone, given={yes_no: "Yes", rating: "4"}
            )
    assert "This survey has closed" in page.content.decode()
    assert not Response.objects.exists()
