"""Results on a small known set: exact counts and shares for each question, responses by
constituency, free-text answers in alphabetical order with no names, the CSV of the summary
(never of who answered), and the same number of queries however many answered."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.membership.surveys import presenters, queries, services
from tests.membership.surveys.helpers import (
    constituencies,
    ids,
    member,
    office_user,
    survey_with_questions,
)

pytestmark = pytest.mark.django_db


def _known_set():
    """Three members answer online (two in Leeds North, one in Staff) and one paper form
    with no constituency."""
    office = office_user()
    north, staff = constituencies()
    people = [member(north, 1), member(north, 2), member(staff, 3, full_name="Zed Secret")]
    survey = services.open_survey(actor=office, survey=survey_with_questions(office))
    yes_no, meals, rating, words = ids(survey)
    answers = [
        {yes_no: "Yes", meals: ["Lunch", "Dinner"], rating: "5", words: "Warmer plates"},
        {yes_no: "Yes", meals: ["Lunch"], rating: "4", words: ""},
        {yes_no: "No", meals: [], rating: "2", words: "Apple pie"},
    ]
    for person, given in zip(people, answers, strict=True):
        services.answer_survey(survey=survey, member=person, given=given)
    services.enter_paper_response(
        actor=office, survey=survey, constituency=None, given={yes_no: "Yes", rating: "4"}
    )
    return office, survey


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_each_question_is_counted_exactly():
    _, survey = _known_set()
    found = presenters.results(survey, queries.questions(survey), queries.counts(survey))
    by_slug = {s.slug: s for s in found.sections}

    assert (found.counts.responses, found.counts.on_paper) == (4, 1)
    assert by_slug["constituencies"].table.rows == [
        ["Leeds North", "2", "50%"],
        ["Staff", "1", "25%"],
        ["Not given", "1", "25%"],
    ]
    assert by_slug["question-1"].table.rows == [["Yes", "3", "75%"], ["No", "1", "25%"]]
    # Two answered the meals question (one chose two meals): shares are of those two.
    assert by_slug["question-2"].table.rows == [
        ["Breakfast", "0", "0%"],
        ["Lunch", "2", "100%"],
        ["Dinner", "1", "50%"],
    ]
    assert by_slug["question-2"].summary.startswith("2 members answered this question")
    assert [row[1] for row in by_slug["question-3"].table.rows] == ["0", "1", "0", "2", "1"]
    assert "The average rating is 3.8 out of 5" in by_slug["question-3"].summary
    assert [(f.number, f.texts) for f in found.free_text] == [(4, ["Apple pie", "Warmer plates"])]


def test_the_results_page_shows_charts_and_tables_and_never_a_name():
    office, survey = _known_set()
    page = _client(office).get(reverse("surveys:results", args=[survey.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<svg") >= 4
    assert "Warmer plates" in html and "Apple pie" in html
    for name in ("Zed Secret", "Member 1", "member1@example.org"):
        assert name not in html


def test_the_csv_is_the_summary_not_who_answered():
    office, survey = _known_set()
    download = _client(office).get(reverse("surveys:results_csv", args=[survey.pk]))
    assert download["Content-Type"].startswith("text/csv")
    text = download.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Yes", "3", "75%"] in rows
    assert ["Leeds North", "2", "50%"] in rows
    assert "Zed Secret" not in text and "example.org" not in text
    assert "Warmer plates" not in text  # free text is read on the page, not exported


def test_the_results_page_takes_the_same_queries_however_many_answered(
    django_assert_num_queries,
):
    office, survey = _known_set()
    client = _client(office)
    url = reverse("surveys:results", args=[survey.pk])
    client.get(url)  # sessions and the like, warmed
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    yes_no, meals, rating, words = ids(survey)
    for n in range(30):
        services.enter_paper_response(
            actor=office,
            survey=survey,
            constituency=None,
            given={yes_no: "No", meals: ["Breakfast"], rating: str(n % 5 + 1), words: f"w{n}"},
        )
    with django_assert_num_queries(len(few)):
        client.get(url)


def test_the_list_takes_the_same_queries_however_many_surveys(django_assert_num_queries):
    office = office_user()
    survey_with_questions(office)
    client = _client(office)
    url = reverse("surveys:list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    north, _ = constituencies()
    for _ in range(5):
        survey_with_questions(office, constituency=north)
    with django_assert_num_queries(len(few)):
        assert client.get(url).content.decode().count("Our hospital food") == 6
