"""Each figure of the evaluation dashboard, checked against a small known data set for the
exact number, on the table the page, the CSV and the annual report all show."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coproduce.core.figures import Filters
from coproduce.impact.dashboard import figures, queries
from coproduce.payments.models import Budget
from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, TeamFactory
from tests.impact.dashboard.helpers import at, held, moved, paid_claim

pytestmark = pytest.mark.django_db

YEAR = Filters(start=date(2026, 4, 1), end=date(2027, 3, 31))
SPRING = Filters(start=date(2026, 4, 1), end=date(2026, 6, 30))
LATER = at(date(2027, 6, 1))  # "now" for these tests: after every session in them


def rows_of(section) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in section.table.rows}


def test_experts_active_at_the_end_new_and_leaving_come_from_the_status_history():
    before, inside, after = date(2025, 1, 1), date(2026, 5, 1), date(2027, 4, 10)
    steady, joined, came_and_went, paused_and_back, too_late, long_gone = (
        ExpertFactory() for _ in range(6)
    )
    moved(steady, "active", before)
    moved(joined, "onboarding", date(2026, 3, 1))
    moved(joined, "active", inside, "onboarding")
    moved(came_and_went, "active", inside)
    moved(came_and_went, "left", date(2026, 8, 1), "active")
    moved(paused_and_back, "active", before)
    moved(paused_and_back, "paused", date(2026, 6, 1), "active")
    moved(paused_and_back, "active", date(2026, 7, 1), "paused")
    moved(too_late, "active", after)
    moved(long_gone, "left", date(2026, 2, 1))

    counts = queries.expert_counts(YEAR.start, YEAR.end)
    assert (counts.active_at_end, counts.new, counts.leaving) == (3, 2, 1)
    section = figures.experts_section(YEAR)
    assert section.table.rows == [
        ["Active on 31 March 2027", "3"],
        ["Became active for the first time", "2"],
        ["Left", "1"],
    ]
    assert "3 experts were active" in section.summary


def _spring_sessions():
    ours, theirs = TeamFactory(), TeamFactory()
    again = ExpertFactory()
    held(date(2026, 4, 10), hours=[2, 3], experts=[again, ExpertFactory()], team=ours)
    held(date(2026, 5, 5), hours=[], team=ours)  # held, nobody came
    held(date(2026, 5, 5), hours=[4], team=theirs)
    held(date(2026, 6, 30), hours=["1.5"], experts=[again], team=ours, hour=23)
    held(date(2026, 7, 1), hours=[9], team=ours, hour=0)  # after the period
    cancelled = held(date(2026, 5, 20), hours=[6], team=ours)
    cancelled.status = "cancelled"
    cancelled.save()
    return ours


def test_sessions_places_and_hours_by_month_for_every_team_and_one():
    ours = _spring_sessions()
    everyone = queries.involvement(SPRING.start, SPRING.end, now=LATER)
    assert [(m.sessions, m.places, m.hours) for m in everyone.months] == [
        (1, 2, Decimal(5)),
        (2, 1, Decimal(4)),
        (1, 1, Decimal("1.5")),
    ]
    spread = queries.spread(SPRING.start, SPRING.end, now=LATER)
    assert spread.experts == 3
    section = figures.sessions_section(SPRING, everyone, spread)
    assert rows_of(section)["All months"] == ["4", "4", "10.5"]
    assert section.summary.startswith("4 sessions were held. Experts came to 4 places and gave")

    team = queries.involvement(SPRING.start, SPRING.end, team_id=ours.pk, now=LATER)
    assert [(m.sessions, m.places, m.hours) for m in team.months] == [
        (1, 2, Decimal(5)),
        (1, 0, Decimal(0)),
        (1, 1, Decimal("1.5")),
    ]
    assert queries.spread(SPRING.start, SPRING.end, team_id=ours.pk, now=LATER).experts == 2


def test_only_attended_places_count_and_a_place_without_hours_adds_none():
    session = held(date(2026, 4, 10), hours=[2])
    InvitationFactory(session=session, status="accepted", attendance="attended", hours=None)
    InvitationFactory(session=session, status="accepted", attendance="did_not_attend", hours=3)
    InvitationFactory(session=session, status="declined")
    got = queries.involvement(SPRING.start, SPRING.end, now=LATER)
    assert [(m.sessions, m.places, m.hours) for m in got.months] == [
        (1, 2, Decimal(2)),
        (0, 0, Decimal(0)),
        (0, 0, Decimal(0)),
    ]


def test_sessions_not_yet_started_are_not_counted_as_held():
    held(date(2026, 5, 5), hours=[3])
    before_it = at(date(2026, 5, 4))
    got = queries.involvement(SPRING.start, SPRING.end, now=before_it)
    assert (got.sessions, got.places) == (0, 0)


def _kinds():
    held(date(2026, 4, 2), hours=[2], stage="analyse", rung=7)
    held(date(2026, 4, 3), hours=[3], stage="plan", rung=6)
    held(date(2026, 4, 4), hours=[5, 5], stage="do", rung=4)
    held(date(2026, 4, 5), hours=[], stage="review", rung=3)
    return queries.involvement(SPRING.start, SPRING.end, now=LATER).kinds


def test_involvement_by_stage_and_the_share_before_decisions():
    section = figures.stage_section(SPRING, _kinds())
    rows = rows_of(section)
    assert rows["Analyse: understanding what is needed"] == ["1", "1", "2", "13%"]
    assert rows["Do: putting it into practice"] == ["1", "2", "10", "67%"]
    assert rows["Review: checking how it went"] == ["1", "0", "0", "0%"]
    assert section.summary.startswith("33% of the hours were given at the analyse and plan")


def test_involvement_by_rung_and_the_share_doing_with():
    section = figures.rung_section(SPRING, _kinds())
    rows = rows_of(section)
    assert rows["Co-production"] == ["1", "1", "2", "13%"]
    assert rows["Co-design"] == ["1", "1", "3", "20%"]
    assert rows["Consultation"] == ["1", "2", "10", "67%"]
    assert rows["Coercion"] == ["0", "0", "0", "0%"]
    assert "was 33% of the hours and 50% of the sessions" in section.summary


def test_the_share_of_hours_given_by_the_most_involved_tenth():
    busiest, next_busiest = ExpertFactory(), ExpertFactory()
    others = [ExpertFactory() for _ in range(10)]
    held(date(2026, 4, 2), hours=[5, 8] + [1] * 10, experts=[busiest, next_busiest, *others])
    held(date(2026, 5, 2), hours=[5], experts=[busiest])
    held(date(2026, 8, 2), hours=[50], experts=[others[0]])  # after the period

    got = queries.spread(SPRING.start, SPRING.end, now=LATER)
    # 12 experts: the top tenth is 2 (rounded up), who gave 10 + 8 of the 28 hours.
    assert (got.experts, got.top_experts, got.hours, got.top_hours) == (
        12,
        2,
        Decimal(28),
        Decimal(18),
    )
    section = figures.spread_section(SPRING, got)
    assert rows_of(section)["Their share of the hours"] == ["64%"]
    assert "(2 people of 12) gave 64% of the hours" in section.summary


def test_one_expert_alone_is_the_whole_most_involved_tenth():
    held(date(2026, 4, 2), hours=[3])
    got = queries.spread(SPRING.start, SPRING.end, now=LATER)
    assert (got.experts, got.top_experts, got.top_share) == (1, 1, Decimal(1))


def test_days_from_session_to_payment_median_and_slowest_tenth():
    ours = TeamFactory()
    for days in (1, 2, 3, 10, 20):
        paid_claim(
            date(2026, 4, 1), date.fromordinal(date(2026, 4, 1).toordinal() + days), team=ours
        )
    paid_claim(date(2026, 3, 1), date(2026, 6, 9))  # another team's: 100 days
    paid_claim(date(2026, 6, 1), date(2026, 7, 2), team=ours)  # paid after the period
    paid_claim(date(2026, 4, 1), date(2026, 4, 2), team=ours, kind="expenses")  # not a fee

    team = queries.payment_days(SPRING.start, SPRING.end, team_id=ours.pk)
    assert (team.paid, team.median, team.slowest_tenth) == (5, Decimal(3), 20)
    everyone = queries.payment_days(SPRING.start, SPRING.end)
    assert (everyone.paid, everyone.median, everyone.slowest_tenth) == (6, Decimal("6.5"), 100)
    section = figures.payment_days_section(SPRING)
    assert rows_of(section)["Median days from session to payment"] == ["6.5 days"]
    assert rows_of(section)["The slowest tenth took at least"] == ["100 days"]
    empty = queries.payment_days(date(2020, 1, 1), date(2020, 12, 31))
    assert (empty.paid, empty.median) == (0, None)


def test_spend_against_budget_for_a_year_and_for_part_of_one():
    ours = TeamFactory()
    Budget.objects.create(team=ours, year=2026, amount=Decimal("1000.00"))
    paid_claim(date(2026, 5, 10), date(2026, 5, 20), team=ours, total="30.00")
    approved = paid_claim(date(2026, 6, 1), date(2026, 6, 20), team=ours, total="20.00")
    approved.status, approved.payment_run, approved.paid_on = "approved", None, None
    approved.save()
    paid_claim(date(2027, 4, 5), date(2027, 4, 20), team=ours, total="99.00")  # next year

    section = figures.spend_section(Filters(YEAR.start, YEAR.end, team_id=ours.pk))
    assert section.table.rows == [
        ["2026/27", "£1,000.00", "£30.00", "£20.00", "£0.00", "£0.00", "£950.00"]
    ]
    assert section.summary.startswith("£50.00 was paid or approved against a budget of £1,000.00")
    april_and_may = Filters(date(2026, 4, 1), date(2026, 5, 31), team_id=ours.pk)
    part = figures.spend_section(april_and_may)
    assert part.table.rows == [
        ["2026/27 (part)", "£1,000.00", "£30.00", "£0.00", "£0.00", "£0.00", "£970.00"]
    ]
    two_years = figures.spend_section(Filters(date(2026, 4, 1), date(2027, 4, 30), ours.pk))
    assert [row[0] for row in two_years.table.rows] == ["2026/27", "2027/28 (part)"]
    assert two_years.table.rows[1][2] == "£99.00"


def test_a_period_with_nothing_says_so_and_still_has_every_section():
    OpportunityFactory()
    found = figures.sections(Filters(date(2020, 4, 1), date(2021, 3, 31)), now=LATER)
    slugs = [s.slug for s in found]
    assert slugs[:10] == [
        "experts",
        "sessions-and-hours",
        "by-stage",
        "by-rung",
        "spread",
        "feedback",
        "outcomes",
        "concerns",
        "days-to-payment",
        "spend",
    ]
    summaries = {s.slug: s.summary for s in found}
    assert summaries["sessions-and-hours"] == "No sessions were held in this period."
    assert summaries["days-to-payment"] == "No involvement payments were made in this period."
    assert all(s.chart is not None and "<svg" in s.chart for s in found[:10])


def test_outcomes_recorded_told_back_and_overdue(coordinator, django_capture_on_commit_callbacks):
    from coproduce.impact.outcomes import services as outcome_services
    from tests.impact.outcomes.helpers import SAID_DID, held_work

    ours = TeamFactory()
    now = timezone.now()
    told = held_work(team=ours, experts=2, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        outcome_services.record_outcome(actor=coordinator, opportunity=told, wording=SAID_DID)
    held_work(team=ours, ended_days_ago=200, now=now)  # no outcome: overdue
    held_work(ended_days_ago=200, now=now)  # another team's
    today = timezone.localdate()
    section = figures.outcomes_section(Filters(today, today, team_id=ours.pk), now=now)
    assert rows_of(section) == {
        "Recorded": ["1"],
        "Told back to experts": ["1"],
        "Share told back": ["100%"],
        "Experts told": ["2"],
        "Overdue today": ["1"],
    }


def test_concerns_raised_and_closed_are_counts_for_everyone():
    from tests.impact.concerns.helpers import closed, raised

    raised(safeguarding=True)
    raised()
    closed()
    today = timezone.localdate()
    section = figures.concerns_section(Filters(today, today, team_id=TeamFactory().pk))
    assert section.table.rows == [
        ["Raised", "3"],
        ["Raised about safeguarding", "1"],
        ["Closed", "1"],
    ]
    assert "These figures are for everyone, whichever team is chosen" in section.summary


def test_feedback_scores_from_named_answers_and_three_anonymous_ones():
    from tests.impact.feedback.helpers import answer, attended, past_session

    team = TeamFactory()
    session = past_session(days_ago=2, team=team)
    answer(attended(session), good_experience="yes", listened_to="no")
    answer(attended(session), good_experience="partly", listened_to="yes")
    for _ in range(3):
        answer(attended(session), anonymous=True, good_experience="yes", listened_to="not_sure")
    attended(session)  # came, never answered: not asked by the task either
    today = timezone.localdate()
    section = figures.feedback_section(Filters(today - timedelta(days=7), today, team.pk))
    rows = rows_of(section)
    assert rows["Was the meeting good for them?"] == ["80%", "5"]  # 4 of 5
    assert rows["Did they feel listened to?"] == ["50%", "5"]  # not sure is left out
    assert rows["People asked"] == ["", "5"]
    assert "Comments written" not in rows  # no reader: nothing about comments
