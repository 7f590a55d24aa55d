"""Making, opening and closing surveys, and saving answers: questions change only while a
draft, opening emails each member of the audience who wants email (one email each) and counts
those who want post, and each member answers once."""

import pytest
from django.core import mail

from coproduce.audit.models import AuditEvent
from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.surveys import services
from coproduce.membership.surveys.choices import QuestionKind, SurveyStatus
from coproduce.membership.surveys.models import Answer, Response
from tests.membership.surveys.helpers import (
    constituencies,
    ids,
    member,
    office_user,
    survey_with_questions,
)

pytestmark = pytest.mark.django_db


def test_questions_are_added_in_order_and_can_be_moved_and_removed():
    office = office_user()
    survey = survey_with_questions(office)
    first, second, third, fourth = survey.questions.order_by("order")
    assert services.move_question(actor=office, question=third, up=True)
    assert ids(survey) == [first.pk, third.pk, second.pk, fourth.pk]
    assert not services.move_question(actor=office, question=first, up=True)
    services.remove_question(actor=office, question=second)
    assert ids(survey) == [first.pk, third.pk, fourth.pk]
    assert AuditEvent.objects.filter(summary__startswith="Removed a question").count() == 1


def test_a_choice_question_needs_two_different_choices():
    office = office_user()
    survey = survey_with_questions(office)
    with pytest.raises(services.SurveyError, match="at least 2 choices"):
        services.add_question(
            actor=office,
            survey=survey,
            text="Pick one",
            kind=QuestionKind.ONE_CHOICE,
            choices=["Only", "  "],
            required=True,
        )
    with pytest.raises(services.SurveyError, match="must be different"):
        services.add_question(
            actor=office,
            survey=survey,
            text="Pick one",
            kind=QuestionKind.ONE_CHOICE,
            choices=["Yes", "yes"],
            required=True,
        )


def test_opening_emails_each_member_who_wants_email_and_counts_those_wanting_post():
    office = office_user()
    north, staff = constituencies()
    emailed = [member(north, n) for n in range(3)]
    member(north, 10, by_email=False, by_post=True, email="")  # a letter
    member(north, 11, email="", by_post=True)  # no address: a letter
    member(north, 12, by_email=False, by_post=False)  # neither
    member(north, 13, status=MemberStatus.LEFT)  # left: nothing
    member(staff, 14)  # another constituency
    survey = survey_with_questions(office, constituency=north)

    opened = services.open_survey(actor=office, survey=survey)

    assert opened.status == SurveyStatus.OPEN
    assert (opened.emailed, opened.by_post) == (3, 2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in emailed)
    assert "/surveys/answer/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Tell us what you think: Our hospital food"
    html = mail.outbox[0].alternatives[0][0]
    assert "Answer the survey" in html and "Tell us what you think of the food." in html


def test_a_survey_for_everyone_reaches_every_constituency():
    office = office_user()
    north, staff = constituencies()
    member(north, 1)
    member(staff, 2)
    survey = survey_with_questions(office)
    assert services.open_survey(actor=office, survey=survey).emailed == 2
    assert len(mail.outbox) == 2


def test_an_open_survey_cannot_be_opened_again_nor_its_questions_changed():
    office = office_user()
    north, _ = constituencies()
    member(north, 1)
    survey = survey_with_questions(office)
    services.open_survey(actor=office, survey=survey)
    with pytest.raises(services.SurveyError):
        services.open_survey(actor=office, survey=survey)
    assert len(mail.outbox) == 1
    question = survey.questions.first()
    assert question is not None
    question.survey.refresh_from_db()
    with pytest.raises(services.SurveyError, match="can no longer change"):
        services.remove_question(actor=office, question=question)


def test_a_survey_with_no_questions_cannot_be_opened():
    office = office_user()
    survey = services.make_survey(
        actor=office,
        title="Empty",
        introduction="",
        constituency=None,
        closes_on=survey_with_questions(office).closes_on,
    )
    with pytest.raises(services.SurveyError, match="Add at least one question"):
        services.open_survey(actor=office, survey=survey)


def test_a_member_answers_once_and_the_audit_says_nothing_of_what():
    office = office_user()
    north, _ = constituencies()
    someone = member(north, 1)
    survey = services.open_survey(actor=office, survey=survey_with_questions(office))
    yes_no, meals, rating, words = ids(survey)
    given = {yes_no: "Yes", meals: ["Lunch", "Dinner"], rating: "4", words: "Hot soup"}

    response = services.answer_survey(survey=survey, member=someone, given=given)

    assert response.constituency == north and not response.paper
    assert sorted(Answer.objects.filter(response=response).values_list("value", "text")) == [
        ("", "Hot soup"),
        ("4", ""),
        ("Dinner", ""),
        ("Lunch", ""),
        ("Yes", ""),
    ]
    with pytest.raises(services.SurveyError, match="already answered"):
        services.answer_survey(survey=survey, member=someone, given=given)
    assert Response.objects.count() == 1
    event = AuditEvent.objects.get(summary__startswith="Answered the survey")
    assert "Hot soup" not in str(event.changes) and event.changes == {}


def test_a_missing_or_made_up_answer_saves_nothing():
    office = office_user()
    north, _ = constituencies()
    someone = member(north, 1)
    survey = services.open_survey(actor=office, survey=survey_with_questions(office))
    yes_no, meals, rating, _ = ids(survey)
    with pytest.raises(services.SurveyError, match="Answer question 3"):
        services.answer_survey(survey=survey, member=someone, given={yes_no: "Yes"})
    with pytest.raises(services.SurveyError, match="question 1 again"):
        services.answer_survey(survey=survey, member=someone, given={yes_no: "Maybe", rating: "3"})
    with pytest.raises(services.SurveyError, match="question 3 again"):
        services.answer_survey(survey=survey, member=someone, given={yes_no: "No", rating: "6"})
    with pytest.raises(services.SurveyError, match="question 2 again"):
        services.answer_survey(
            survey=survey, member=someone, given={yes_no: "No", meals: ["Supper"], rating: "3"}
        )
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_paper_answers_have_no_member_and_stop_when_the_survey_closes():
    office = office_user()
    north, _ = constituencies()
    survey = services.open_survey(actor=office, survey=survey_with_questions(office))
    yes_no, _, rating, _ = ids(survey)
    first = services.enter_paper_response(
        actor=office, survey=survey, constituency=north, given={yes_no: "No", rating: "2"}
    )
    second = services.enter_paper_response(
        actor=office, survey=survey, constituency=None, given={yes_no: "No", rating: "5"}
    )
    assert first.paper and first.member is None and first.entered_by == office
    assert second.constituency is None
    services.close_survey(actor=office, survey=survey)
    with pytest.raises(services.SurveyError, match="only while the survey is open"):
        services.enter_paper_response(
            actor=office, survey=survey, constituency=None, given={yes_no: "No", rating: "5"}
        )
    assert Response.objects.filter(paper=True).count() == 2


def test_a_closed_survey_takes_no_answers_and_sends_no_more_emails():
    office = office_user()
    north, _ = constituencies()
    someone = member(north, 1)
    survey = services.open_survey(actor=office, survey=survey_with_questions(office))
    services.close_survey(actor=office, survey=survey)
    yes_no, _, rating, _ = ids(survey)
    with pytest.raises(services.SurveyError, match="closed"):
        services.answer_survey(survey=survey, member=someone, given={yes_no: "No", rating: "1"})
    from coproduce.membership.surveys.tasks import send_survey_link

    mail.outbox.clear()
    assert send_survey_link.call(survey.pk, someone.pk) is False
    assert mail.outbox == []
