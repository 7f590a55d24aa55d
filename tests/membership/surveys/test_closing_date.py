"""Surveys close on their closing date: a daily task (from the scheduler) closes every open
survey whose closing date has passed, through the service the office's button uses, so each
close is audited the same way; running it again changes nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coproduce.audit.models import AuditEvent
from coproduce.membership.surveys import services, tasks
from coproduce.membership.surveys.choices import SurveyStatus
from coproduce.membership.surveys.models import Survey
from coproduce.schedule import SCHEDULE
from tests.membership.surveys.helpers import constituencies, office_user, survey_with_questions

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
CLOSING_DAY = date(2027, 6, 10)
TASK = "coproduce.membership.surveys.tasks.close_surveys_past_their_closing_date"


def _uk(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UK)


def _open_survey(office, closes_on: date, title: str = "Our hospital food") -> Survey:
    """An open survey closing on `closes_on` (opened a month before it)."""
    with time_machine.travel(_uk(date(2027, 5, 10), 9), tick=False):
        survey = survey_with_questions(office)
        survey = services.change_survey(
            actor=office,
            survey=survey,
            title=title,
            introduction=survey.introduction,
            constituency=None,
            closes_on=closes_on,
        )
        return services.open_survey(actor=office, survey=survey)


def _closes() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(summary__startswith="Closed the survey"))


def test_an_open_survey_is_closed_the_day_after_its_closing_date_and_audited():
    office = office_user()
    constituencies()
    survey = _open_survey(office, CLOSING_DAY)
    with time_machine.travel(_uk(date(2027, 6, 11), 0, 10), tick=False):
        closed = tasks.close_surveys_past_their_closing_date.enqueue().return_value
    survey.refresh_from_db()
    assert closed == 1
    assert survey.status == SurveyStatus.CLOSED
    assert survey.closed_at == _uk(date(2027, 6, 11), 0, 10)
    (event,) = _closes()
    assert event.action == AuditEvent.Action.STATUS_CHANGED
    assert event.object_id == str(survey.pk)
    assert event.actor is None
    assert event.actor_label == "System"
    assert event.changes == {"status": [SurveyStatus.OPEN, SurveyStatus.CLOSED]}


def test_a_survey_stays_open_until_the_end_of_its_closing_date_in_uk_time():
    office = office_user()
    constituencies()
    survey = _open_survey(office, CLOSING_DAY)
    # 23:30 on the closing day in summer time is 22:30 UTC: still the closing day here.
    with time_machine.travel(_uk(CLOSING_DAY, 23, 30), tick=False):
        assert services.close_surveys_past_their_closing_date() == 0
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert _closes() == []


def test_only_open_surveys_past_their_date_are_closed():
    office = office_user()
    constituencies()
    overdue = _open_survey(office, date(2027, 6, 1), title="Long past")
    due = _open_survey(office, CLOSING_DAY, title="Closed yesterday")
    _open_survey(office, date(2027, 6, 30), title="Still running")
    draft = survey_with_questions(office)
    Survey.objects.filter(pk=draft.pk).update(closes_on=date(2027, 5, 1))
    already = _open_survey(office, date(2027, 6, 2), title="Closed by the office")
    services.close_survey(actor=office, survey=already)
    with time_machine.travel(_uk(date(2027, 6, 11), 0, 10), tick=False):
        assert services.close_surveys_past_their_closing_date() == 2
    status = dict(Survey.objects.values_list("title", "status"))
    assert status["Long past"] == SurveyStatus.CLOSED
    assert status["Closed yesterday"] == SurveyStatus.CLOSED
    assert status["Still running"] == SurveyStatus.OPEN
    assert Survey.objects.get(pk=draft.pk).status == SurveyStatus.DRAFT
    by_whom = {e.object_id: e.actor for e in _closes()}
    assert by_whom == {str(overdue.pk): None, str(due.pk): None, str(already.pk): office}


def test_running_the_task_again_closes_nothing_more():
    office = office_user()
    constituencies()
    survey = _open_survey(office, CLOSING_DAY)
    with time_machine.travel(_uk(date(2027, 6, 11), 0, 10), tick=False):
        assert services.close_surveys_past_their_closing_date() == 1
    with time_machine.travel(_uk(date(2027, 6, 12), 0, 10), tick=False):
        assert services.close_surveys_past_their_closing_date() == 0
    survey.refresh_from_db()
    assert survey.closed_at == _uk(date(2027, 6, 11), 0, 10)
    assert len(_closes()) == 1


def test_a_survey_listed_but_closed_by_the_office_meanwhile_is_skipped(monkeypatch):
    """The office closes it between the task listing it and closing it: the task counts it
    as not closed by itself and writes no second audit entry."""
    office = office_user()
    constituencies()
    survey = _open_survey(office, CLOSING_DAY)
    listed = list(services.queries.past_their_closing_date(date(2027, 6, 11)))
    assert listed == [survey]
    services.close_survey(actor=office, survey=survey)
    monkeypatch.setattr(services.queries, "past_their_closing_date", lambda today: listed)
    with time_machine.travel(_uk(date(2027, 6, 11), 0, 10), tick=False):
        assert services.close_surveys_past_their_closing_date() == 0
    assert len(_closes()) == 1
    assert _closes()[0].actor == office


def test_the_scheduler_runs_the_task_daily_just_after_midnight():
    minute, hour, *days = SCHEDULE[TASK].split()
    assert days == ["*", "*", "*"]
    assert int(hour) == 0
