"""The figures the evaluation dashboard reads (outcomes recorded in a period and team, the
share told back to experts, how many are overdue), each checked against a small known set;
the staff overview's "Outcomes overdue"; and what an expert was told, in their subject access
download and gone when they are erased."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from coproduce.impact.outcomes import queries, services
from coproduce.impact.outcomes.models import Outcome, Telling
from coproduce.impact.outcomes.personal_data import collect, erase
from coproduce.people.choices import Status
from coproduce.people.contributions import overview_for
from tests.factories import ExpertFactory, TeamFactory
from tests.impact.outcomes.helpers import NOTHING, SAID_DID, held_work

pytestmark = pytest.mark.django_db

ZONE = timezone.get_default_timezone()


def _recorded(on: date, *, team, experts, capture, actor):
    work = held_work(
        team=team, experts=experts, now=datetime(on.year, on.month, on.day, tzinfo=ZONE)
    )
    noon = datetime(on.year, on.month, on.day, 12, tzinfo=ZONE)
    with time_machine.travel(noon, tick=False), capture(execute=True):
        return services.record_outcome(actor=actor, opportunity=work, wording=SAID_DID)


def test_outcomes_recorded_and_the_share_told_back_for_a_period_and_team(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    ours, theirs = TeamFactory(), TeamFactory()
    args = {"capture": django_capture_on_commit_callbacks, "actor": coordinator}
    both = [ExpertFactory(), ExpertFactory()]
    _recorded(date(2026, 4, 1), team=ours, experts=both, **args)  # told to 2 experts
    _recorded(date(2026, 6, 30), team=ours, experts=[ExpertFactory(status=Status.LEFT)], **args)
    _recorded(date(2026, 5, 10), team=ours, experts=[both[0]], **args)  # told, same expert
    _recorded(date(2026, 5, 10), team=theirs, experts=[ExpertFactory()], **args)
    _recorded(date(2026, 7, 1), team=ours, experts=[ExpertFactory()], **args)  # after the period
    _recorded(date(2026, 3, 31), team=ours, experts=[ExpertFactory()], **args)  # before it

    april_to_june = (date(2026, 4, 1), date(2026, 6, 30))
    assert queries.outcomes_recorded(*april_to_june) == 4
    assert queries.outcomes_recorded(*april_to_june, team_id=ours.pk) == 3
    figures = queries.told_back(*april_to_june, team_id=ours.pk)
    assert (figures.recorded, figures.told, figures.experts_told) == (3, 2, 2)
    assert figures.share == Decimal(2) / Decimal(3)
    assert queries.told_back(*april_to_june).told == 3
    empty = queries.told_back(date(2020, 1, 1), date(2020, 12, 31))
    assert (empty.recorded, empty.share) == (0, None)


def test_overdue_counts_work_past_its_weeks_with_sessions_held_and_no_outcome(coordinator):
    ours = TeamFactory()
    held_work(team=ours, ended_days_ago=57)  # 8 weeks and a day: overdue
    held_work(team=ours, ended_days_ago=55)  # not yet
    held_work(ended_days_ago=200)  # another team's, overdue
    held_work(ended_days_ago=200, status="cancelled")  # did not go ahead
    done = held_work(team=ours, ended_days_ago=100)
    services.record_outcome(actor=coordinator, opportunity=done, wording=NOTHING)
    assert queries.overdue_count() == 2
    assert queries.overdue_count(team_id=ours.pk) == 1
    assert queries.overdue_count(weeks=4) == 3


def test_the_overview_shows_the_overdue_task_to_the_involvement_team_only(
    coordinator, staff_member, finance_officer
):
    held_work(ended_days_ago=90)
    held_work(ended_days_ago=100)
    (task,) = [
        t for t in overview_for(coordinator, date.today()).tasks if t.title == "Outcomes overdue"
    ]
    assert task.count == 2
    assert (
        task.describe == "2 pieces of work have no outcome recorded 8 weeks after the last session"
    )
    assert task.link.href == "/outcomes/"
    for other in (finance_officer,):
        assert "Outcomes overdue" not in [t.title for t in overview_for(other, date.today()).tasks]


def test_what_an_expert_was_told_is_in_their_data_and_goes_when_they_are_erased(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    expert = ExpertFactory()
    work = held_work(experts=[expert], title="Stroke rehabilitation")
    with django_capture_on_commit_callbacks(execute=True):
        services.record_outcome(actor=coordinator, opportunity=work, wording=SAID_DID)
    section = collect(expert)
    (told,) = section.data["told_what_happened_next"]
    assert told["work"] == "Stroke rehabilitation"
    assert told["what_you_were_told"]["you_said_we_did"][0]["said"] == (
        "The discharge letter was full of jargon"
    )
    assert told["how"] == "Email" and told["told_at"] is not None
    assert erase(expert) == ["what they were told of outcomes"]
    assert not Telling.objects.exists()
    assert Outcome.objects.filter(opportunity=work).exists()
