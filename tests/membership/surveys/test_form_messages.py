"""The survey forms' messages, probed as tests/core/test_form_messages.py probes every form,
but with questions of every kind (that test makes the answer form with none)."""

import pytest

from coproduce.membership.surveys.forms import AnswerForm, PaperForm, QuestionForm, SurveyForm
from tests.core.test_form_messages import probes, problems_in
from tests.membership.surveys.helpers import constituencies, office_user, survey_with_questions

pytestmark = pytest.mark.django_db


def _forms():
    survey = survey_with_questions(office_user())
    questions = list(survey.questions.all())
    places = list(constituencies())
    return [
        lambda data=None: AnswerForm(data, questions=questions),
        lambda data=None: PaperForm(data, questions=questions, constituencies=places),
        lambda data=None: SurveyForm(data, constituencies=places),
        lambda data=None: QuestionForm(data),
    ]


def test_every_survey_form_says_what_to_do_in_its_own_words():
    problems = []
    for make in _forms():
        for name, field in make().fields.items():
            for data, _ in probes(name, field):
                problems += problems_in(make(data))
    assert not problems, problems


def test_a_required_question_left_blank_names_its_number():
    survey = survey_with_questions(office_user())
    form = AnswerForm({}, questions=list(survey.questions.all()))
    assert [e[0] for e in form.errors.values()] == [
        "Choose an answer to question 1",
        "Choose an answer to question 3",
    ]
