"""The shortlist's ranking rules: each moves the score as docs/shortlist.md says, the experts who
cannot be invited are shown apart with why, and ties are broken fairly."""

import re
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coproduce.onboarding.agreements import services as agreements
from coproduce.opportunities.matching import rules
from coproduce.opportunities.matching.reasons import NOTHING_ASKED_FOR, Effect
from coproduce.opportunities.matching.setting import session_fee
from coproduce.opportunities.matching.shortlist import shortlist
from coproduce.opportunities.services import recent_attendance
from coproduce.people.choices import BenefitsDeclaration, PaymentPreference, Status
from coproduce.training.models import TrainingRecord
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    InvitationFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
    VenueFactory,
)
from tests.onboarding.agreement_helpers import (
    confidentiality_signed,
    current_confidentiality,
    train,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 3)  # a Tuesday, in GMT
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=LONDON)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "shortlist.md"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True, params=["counted live", "as stored"])
def _recent_attendance(request, monkeypatch):
    """Every rule holds alike whether recent attendance is counted live or read as stored
    (counted for the day just before the shortlist, as the nightly job does). The tests of
    the number of queries count the live way only."""
    if request.param == "counted live":
        return
    if "django_assert_max_num_queries" in request.fixturenames:
        pytest.skip("the number of queries is checked with the count made live")
    real = shortlist

    def counted_first(opportunity, **kwargs):
        recent_attendance.count_all(kwargs.get("today") or timezone.localdate())
        return real(opportunity, **kwargs)

    monkeypatch.setattr(sys.modules[__name__], "shortlist", counted_first)


@pytest.fixture
def world(db):
    """An in-person workshop in Shrewsbury on Tuesday 17 March at 10am, 14 days away, wanting
    lived experience of dementia and co-design skills; the venue has a hearing loop."""
    w = type("World", (), {})()
    w.dementia = LivedExperienceAreaFactory(name="Dementia")
    w.autism = LivedExperienceAreaFactory(name="Autism")
    w.codesign = SkillFactory(name="Co-design workshops")
    w.chairing = SkillFactory(name="Chairing")
    w.shrewsbury = LocalityFactory(name="Shrewsbury")
    w.telford = LocalityFactory(name="Telford")
    w.loop = AccessNeedFactory(name="Hearing loop")
    w.step_free = AccessNeedFactory(name="Step-free access")
    w.venue = VenueFactory(locality=w.shrewsbury)
    w.venue.meets_needs.set([w.loop])
    w.opportunity = OpportunityFactory(
        venue=w.venue, wanted_experience=[w.dementia], wanted_skills=[w.codesign]
    )
    w.session = SessionFactory(
        opportunity=w.opportunity,
        starts_at=datetime(2026, 3, 17, 10, 0, tzinfo=LONDON),
        ends_at=datetime(2026, 3, 17, 12, 0, tzinfo=LONDON),
    )
    return w


def plain_expert(w, **kwargs):
    """Matches on dementia and nothing else scores: no days given, lives in Telford, no needs,
    asks for 14 days' notice (exactly what the session gives: plus 1), no benefits limit."""
    defaults = {
        "full_name": "Pat Plain",
        "lived_experience": [w.dementia],
        "locality": w.telford,
        "available_days": [],
        "available_times": [],
        "notice_days": 14,
    }
    return ExpertFactory(**{**defaults, **kwargs})


def candidate(w, expert):
    result = shortlist(w.opportunity, today=TODAY)
    found = [c for c in result.candidates if c.expert.pk == expert.pk]
    assert found, f"{expert} is not ranked; shown apart: {[a.reasons for a in result.apart]}"
    return found[0]


def reason(c, words: str):
    matches = [r for r in c.reasons if words in r.text]
    assert len(matches) == 1, f"No single reason with {words!r} in {[r.text for r in c.reasons]}"
    return matches[0]


def test_a_plain_expert_scores_the_base_points(world):
    c = candidate(world, plain_expert(world))
    # Dementia (+3), enough notice (+1), no sessions in 12 months (+3).
    assert c.score == 7
    assert c.score == sum(r.points for r in c.reasons)
    assert reason(c, "Lived experience of Dementia").points == rules.AREA_MATCH
    assert reason(c, "Has not said which days").effect == Effect.NOTE
    assert reason(c, "Lives in Telford; the venue is in Shrewsbury").points == 0


@pytest.mark.parametrize(
    ("change", "words", "points", "effect"),
    [
        ({"skills": "codesign"}, "Skills: Co-design workshops", 2, Effect.PLUS),
        ({"skills": "chairing"}, "None of the skills asked for", 0, Effect.NOTE),
        (
            {"available_days": ["tue"], "available_times": ["morning"]},
            "Available on Tuesday mornings",
            2,
            Effect.PLUS,
        ),
        ({"available_days": ["mon", "tue"]}, "Available on Tuesday mornings", 2, Effect.PLUS),
        (
            {"available_days": ["tue"], "available_times": ["evening"]},
            "Not usually available on Tuesday mornings",
            -1,
            Effect.MINUS,
        ),
        ({"available_days": ["wed"]}, "Not usually available", -1, Effect.MINUS),
        ({"notice_days": 7}, "Enough notice: they need 7 days", 1, Effect.PLUS),
        ({"notice_days": 15}, "Short notice: they need 15 days", -2, Effect.MINUS),
        ({"locality": "shrewsbury"}, "Lives in Shrewsbury, where the venue is", 1, Effect.PLUS),
        ({"access_needs": "loop"}, "Needs hearing loop: the venue provides it", 0, Effect.NOTE),
        (
            {"access_needs": "step_free"},
            "Needs step-free access: the venue does not provide it",
            -2,
            Effect.MINUS,
        ),
    ],
    ids=[
        "wanted skill",
        "other skill",
        "free that day and time",
        "free that day, no times given",
        "free that day, other time",
        "not free that day",
        "enough notice",
        "short notice",
        "same locality",
        "need the venue meets",
        "need the venue does not meet",
    ],
)
def test_each_rule_moves_the_score_as_documented(world, change, words, points, effect):
    base = candidate(world, plain_expert(world, full_name="Base Line")).score
    kwargs = {
        key: [getattr(world, value)] if key in {"skills", "access_needs"} else value
        for key, value in change.items()
    }
    if "locality" in kwargs:
        kwargs["locality"] = getattr(world, change["locality"])
    c = candidate(world, plain_expert(world, **kwargs))
    r = reason(c, words)
    assert (r.points, r.effect) == (points, effect)
    # The reasons that change with it: availability replaces "has not said", notice and
    # locality replace their base reason.
    replaced = {"available_days": 0, "notice_days": rules.NOTICE_ENOUGH, "locality": 0}
    expected = base + points - sum(v for k, v in replaced.items() if k in change)
    assert c.score == expected
    assert c.score == sum(x.points for x in c.reasons)


def test_each_wanted_area_and_skill_counts(world):
    world.opportunity.wanted_experience.add(world.autism)
    world.opportunity.wanted_skills.add(world.chairing)
    c = candidate(
        world,
        plain_expert(
            world,
            lived_experience=[world.dementia, world.autism],
            skills=[world.codesign, world.chairing],
        ),
    )
    assert reason(c, "Lived experience of").points == 2 * rules.AREA_MATCH
    assert reason(c, "Skills:").points == 2 * rules.SKILL_MATCH


@pytest.mark.parametrize(
    ("format_", "points", "words"),
    [
        ("in_person", -2, "the venue does not provide it"),
        ("hybrid", -1, "they could join online"),
        ("online", 0, "the team arranges it"),
        ("written", 0, "the team arranges it"),
    ],
)
def test_venue_needs_apply_only_where_there_is_a_venue(world, format_, points, words):
    world.opportunity.format = format_
    world.opportunity.save()
    c = candidate(world, plain_expert(world, access_needs=[world.step_free]))
    r = reason(c, "Needs step-free access")
    assert words in r.text
    assert r.points == points


def test_online_work_has_no_locality_rule(world):
    world.opportunity.format = "online"
    world.opportunity.save()
    c = candidate(world, plain_expert(world, locality=world.shrewsbury))
    assert not [r for r in c.reasons if "Lives in" in r.text]


@pytest.mark.parametrize(
    ("attended", "points"), [(0, 3), (1, 2), (2, 2), (3, 0), (6, 0), (7, -2), (9, -2)]
)
def test_fewer_sessions_in_the_last_12_months_rank_higher(world, attended, points):
    expert = plain_expert(world)
    for n in range(attended):
        InvitationFactory(
            expert=expert,
            session=SessionFactory(starts_at=NOW - timedelta(days=10 + n * 30)),
            status="accepted",
            attendance="attended",
        )
    c = candidate(world, expert)
    r = reason(c, "attended in the last 12 months")
    assert r.points == points == rules.involvement_points(attended)
    assert c.recent == attended


def test_only_attended_sessions_within_12_months_count(world):
    expert = plain_expert(world)
    for days_ago, attendance in [
        (400, "attended"),  # too long ago
        (20, "did_not_attend"),
        (30, "cancelled_late"),
        (40, "attended"),  # the one that counts
    ]:
        InvitationFactory(
            expert=expert,
            session=SessionFactory(starts_at=NOW - timedelta(days=days_ago)),
            attendance=attendance,
        )
    c = candidate(world, expert)
    assert c.recent == 1
    assert reason(c, "1 session attended in the last 12 months").points == 2


def test_availability_reads_session_times_in_uk_local_time(world):
    """12:30pm in June is 11:30 in UTC: an afternoon in Shrewsbury, though a morning in UTC."""
    world.session.starts_at = datetime(2026, 6, 16, 12, 30, tzinfo=LONDON)
    world.session.ends_at = world.session.starts_at + timedelta(hours=2)
    world.session.save()
    assert world.session.starts_at.astimezone(ZoneInfo("UTC")).hour == 11
    morning = plain_expert(
        world, full_name="Mo Morning", available_days=["tue"], available_times=["morning"]
    )
    afternoon = plain_expert(
        world, full_name="Af Afternoon", available_days=["tue"], available_times=["afternoon"]
    )
    assert reason(candidate(world, afternoon), "Available on Tuesday afternoons").points == 2
    assert reason(candidate(world, morning), "Not usually available").points == -1


def test_late_night_utc_is_the_next_day_in_london(world):
    """11:30pm UTC on a Monday in summer is 12:30am on Tuesday in the UK."""
    starts = datetime(2026, 6, 15, 23, 30, tzinfo=ZoneInfo("UTC"))
    world.session.starts_at, world.session.ends_at = starts, starts + timedelta(hours=1)
    world.session.save()
    assert rules.weekday(starts) == "tue"
    assert rules.time_of_day(starts) == "morning"


def test_some_sessions_free_counts_less_than_all(world):
    SessionFactory(
        opportunity=world.opportunity,
        starts_at=datetime(2026, 3, 19, 18, 0, tzinfo=LONDON),  # a Thursday evening
        ends_at=datetime(2026, 3, 19, 20, 0, tzinfo=LONDON),
    )
    c = candidate(world, plain_expert(world, available_days=["tue"]))
    r = reason(c, "Available on Tuesday mornings, not every session time")
    assert r.points == rules.AVAILABLE_SOME
    every = plain_expert(world, full_name="Al Ways", available_days=["tue", "thu"])
    assert (
        reason(candidate(world, every), "Tuesday mornings and Thursday evenings").points
        == rules.AVAILABLE_ALL
    )


# Paid work and benefits ---------------------------------------------------------------------


def paid(world, rate: str) -> None:
    world.opportunity.paid = True
    world.opportunity.hourly_rate = Decimal(rate)
    world.opportunity.save()


@pytest.mark.parametrize(
    ("rate", "hours", "fee"),
    [
        ("12.50", 2, Decimal("25.00")),
        ("12.33", 1.5, Decimal("18.50")),  # 18.495 rounds half up, in Decimal, to 18.50
        ("0.10", 0.25, Decimal("0.03")),  # 0.025 → 0.03
        ("25.00", 3.75, Decimal("93.75")),
    ],
)
def test_session_fee_is_rate_times_hours_in_pence(world, rate, hours, fee):
    paid(world, rate)
    world.session.ends_at = world.session.starts_at + timedelta(hours=hours)
    result = session_fee(world.opportunity, world.session).amount
    assert result == fee
    assert isinstance(result, Decimal)
    assert str(result) == str(fee)


@pytest.mark.parametrize(
    ("declaration", "limit", "points", "words"),
    [
        ("weekly", "20.00", -2, "The fee of £25.00 for one session is over their weekly"),
        ("weekly", "24.99", -2, "over their weekly earnings limit of £24.99"),
        ("weekly", "25.00", 0, "is within their weekly earnings limit of £25.00"),
        ("monthly", "411.00", 0, "is within their monthly earnings limit of £411.00"),
        ("monthly", "0.00", -2, "over their monthly earnings limit of £0.00"),
    ],
)
def test_a_fee_over_a_declared_earnings_limit_is_a_warning_with_choices(
    world, declaration, limit, points, words
):
    paid(world, "12.50")  # two hours: £25.00
    c = candidate(
        world,
        plain_expert(world, benefits_declaration=declaration, earnings_limit=Decimal(limit)),
    )
    r = reason(c, words)
    assert r.points == points
    if points:
        assert "offer expenses only, a reduced fee, or they may decline the fee" in r.text
        assert r.effect == Effect.MINUS


def test_expenses_only_declaration_is_a_note(world):
    paid(world, "12.50")
    c = candidate(
        world,
        plain_expert(
            world,
            benefits_declaration=BenefitsDeclaration.EXPENSES_ONLY,
            payment_preference=PaymentPreference.EXPENSES_ONLY,
        ),
    )
    assert reason(c, "Wants expenses only").effect == Effect.NOTE
    assert reason(c, "Prefers expenses only").points == 0


def test_unpaid_work_says_nothing_about_benefits(world):
    c = candidate(
        world, plain_expert(world, benefits_declaration="weekly", earnings_limit=Decimal("0"))
    )
    assert not [r for r in c.reasons if "fee" in r.text]


# Shown apart ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "why"),
    [
        (Status.PAUSED, "Paused: taking a break"),
        (Status.LEFT, "Has left the register"),
        (Status.ENQUIRY, "Not yet active: still an enquiry"),
        (Status.ONBOARDING, "Not yet active: still onboarding"),
    ],
)
def test_experts_who_are_not_active_are_shown_apart_with_why(world, status, why):
    expert = plain_expert(world, status=status)
    result = shortlist(world.opportunity, today=TODAY)
    assert expert.pk not in [c.expert.pk for c in result.candidates]
    assert [(a.expert.pk, a.reasons) for a in result.apart] == [(expert.pk, [why])]
    assert result.apart_total == 1


def test_every_prerequisite_is_a_must(world, coordinator):
    world.opportunity.prerequisites = ["confidentiality", "safeguarding"]
    world.opportunity.save()
    both = plain_expert(world, full_name="Bo Both")
    one = plain_expert(world, full_name="On One")
    expired = plain_expert(world, full_name="Ex Pired")
    for expert in (both, one, expired):
        confidentiality_signed(expert)
    train(both, "safeguarding", on=date(2025, 1, 1), expires_on=date(2027, 1, 1))
    # Current today, but expired by the session on 17 March.
    train(expired, "safeguarding", on=date(2025, 1, 1), expires_on=date(2026, 3, 10))
    result = shortlist(world.opportunity, today=TODAY)
    assert [c.expert.pk for c in result.candidates] == [both.pk]
    apart = {a.expert.pk: a.reasons for a in result.apart}
    assert apart == {
        one.pk: ["Missing a prerequisite: safeguarding training"],
        expired.pk: ["Missing a prerequisite: safeguarding training"],
    }


def test_the_reason_names_the_version_of_the_agreement_and_the_training_missing(world):
    world.opportunity.prerequisites = ["confidentiality", "investigation"]
    world.opportunity.save()
    first = current_confidentiality()
    old = plain_expert(world, full_name="Ole Oldversion")
    ready = plain_expert(world, full_name="Rea Ready")
    confidentiality_signed(old, first)
    second = agreements.publish_version(
        actor=None, agreement=first.agreement, body="v2", easy_read="v2", what_changed="", after=1
    )
    confidentiality_signed(ready, second)
    train(ready, "investigation", on=date(2026, 1, 5))
    train(old, "investigation", on=date(2026, 1, 5))
    result = shortlist(world.opportunity, today=TODAY)
    assert [c.expert for c in result.candidates] == [ready]
    assert [(a.expert, a.reasons) for a in result.apart] == [
        (
            old,
            ["Missing a prerequisite: has not signed version 2 of the confidentiality agreement"],
        )
    ]
    TrainingRecord.objects.filter(expert=old).delete()
    result = shortlist(world.opportunity, today=TODAY)
    assert result.apart[0].reasons == [
        "Missing a prerequisite: has not signed version 2 of the confidentiality agreement "
        "and investigation training"
    ]


def test_prerequisites_add_a_fixed_few_queries(world, django_assert_max_num_queries):
    """Agreements are one read (their current versions); who has met each prerequisite is
    asked in the candidates' own query, whatever the number of experts; work with no
    prerequisites reads nothing more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    version = current_confidentiality()
    for n in range(3):
        expert = plain_expert(world, full_name=f"Few {n}")
        confidentiality_signed(expert, version)
        train(expert, "safeguarding", on=date(2026, 1, 5))
    shortlist(world.opportunity, today=TODAY)  # what is kept between calls is kept now
    with CaptureQueriesContext(connection) as without:
        shortlist(world.opportunity, today=TODAY)
    world.opportunity.prerequisites = ["confidentiality", "safeguarding"]
    world.opportunity.save()
    with CaptureQueriesContext(connection) as few:
        shortlist(world.opportunity, today=TODAY)
    assert len(few) == len(without) + 1
    for n in range(30):
        expert = plain_expert(world, full_name=f"Many {n}")
        if n % 2:
            confidentiality_signed(expert, version)
    with django_assert_max_num_queries(len(few)):
        shortlist(world.opportunity, today=TODAY)


def test_experts_already_invited_are_shown_apart_as_such(world):
    expert = plain_expert(world)
    InvitationFactory(expert=expert, session=world.session, status="accepted")
    result = shortlist(world.opportunity, today=TODAY)
    assert result.candidates == []
    assert result.apart[0].reasons == [
        "Already invited to 1 upcoming session of this opportunity (accepted)"
    ]


def second_session(w, day: int = 19, hour: int = 18):
    """A session added later: Thursday 19 March at 6pm, 16 days away."""
    return SessionFactory(
        opportunity=w.opportunity,
        starts_at=datetime(2026, 3, day, hour, 0, tzinfo=LONDON),
        ends_at=datetime(2026, 3, day, hour + 2, 0, tzinfo=LONDON),
    )


def test_experts_invited_to_the_first_session_can_be_invited_to_a_new_one(world):
    invited = plain_expert(world, full_name="In Vited")
    InvitationFactory(expert=invited, session=world.session, status="accepted")
    new = second_session(world)
    result = shortlist(world.opportunity, today=TODAY, session_id=new.pk)
    assert result.for_session == new and result.sessions == [new]
    assert result.apart == []
    (c,) = result.candidates
    assert c.expert == invited
    note = reason(c, "Invited to 1 other session of this work (accepted)")
    assert (note.effect, note.points) == (Effect.NOTE, 0)
    # A fact, not a reason: the same score as someone never invited.
    assert c.score == sum(r.points for r in c.reasons) == 7


def test_only_experts_invited_to_this_session_are_shown_apart_from_it(world):
    invited = plain_expert(world, full_name="In Vited")
    InvitationFactory(expert=invited, session=world.session, status="declined")
    second_session(world)
    result = shortlist(world.opportunity, today=TODAY, session_id=world.session.pk)
    assert result.candidates == []
    assert [(a.expert, a.reasons) for a in result.apart] == [
        (invited, ["Already invited to this session (declined)"])
    ]


def test_for_every_session_someone_invited_to_some_is_ranked_with_a_note(world):
    some = plain_expert(world, full_name="So Me")
    every = plain_expert(world, full_name="Ev Ery")
    new = second_session(world)
    InvitationFactory(expert=some, session=world.session, status="accepted")
    InvitationFactory(expert=every, session=world.session, status="accepted")
    InvitationFactory(expert=every, session=new)
    result = shortlist(world.opportunity, today=TODAY)
    assert result.for_session is None and result.sessions == [world.session, new]
    assert [c.expert for c in result.candidates] == [some]
    assert reason(result.candidates[0], "Already invited to 1 of these 2 sessions (accepted)")
    assert [(a.expert, a.reasons) for a in result.apart] == [
        (
            every,
            ["Already invited to 2 upcoming sessions of this opportunity (accepted and invited)"],
        )
    ]


def test_a_shortlist_for_one_session_measures_against_that_session(world):
    """Free on Thursday evenings, needing 15 days' notice: short for the first session (14 days
    away), enough for the new one on Thursday 19 March at 6pm (16 days away)."""
    expert = plain_expert(
        world, available_days=["thu"], available_times=["evening"], notice_days=15
    )
    every = candidate(world, expert)
    assert reason(every, "Not usually available on Tuesday morning").points == rules.AVAILABLE_NONE
    new = second_session(world)
    (c,) = shortlist(world.opportunity, today=TODAY, session_id=new.pk).candidates
    assert reason(c, "Available on Thursday evening").points == rules.AVAILABLE_ALL
    assert reason(c, "Enough notice: they need 15 days").points == rules.NOTICE_ENOUGH


@pytest.mark.parametrize("which", ["past", "cancelled", "other work"])
def test_a_session_that_is_not_upcoming_gives_the_shortlist_for_every_session(world, which):
    if which == "past":
        session = SessionFactory(opportunity=world.opportunity, starts_at=NOW - timedelta(days=2))
    elif which == "cancelled":
        session = second_session(world)
        session.status = "cancelled"
        session.save()
    else:
        session = SessionFactory(starts_at=NOW + timedelta(days=5))
    result = shortlist(world.opportunity, today=TODAY, session_id=session.pk)
    assert result.session_not_found and result.for_session is None
    assert result.sessions == [world.session]


# Found by name ------------------------------------------------------------------------------


def test_a_name_search_finds_active_experts_who_match_nothing_asked_for(world):
    plain_expert(world, full_name="Ann Jones")
    other = plain_expert(
        world, full_name="Bo Jones", lived_experience=[world.autism], skills=[world.chairing]
    )
    plain_expert(world, full_name="Cy Smith", lived_experience=[world.autism])
    result = shortlist(world.opportunity, today=TODAY, text="jones")
    assert [c.expert.full_name for c in result.candidates] == ["Ann Jones"]
    assert result.considered == 1
    assert [c.expert for c in result.by_name] == [other] and result.by_name_total == 1
    (c,) = result.by_name
    # The reasons they do not match, and every other rule, as for anyone ranked.
    assert reason(c, "None of the lived experience asked for").effect == Effect.NOTE
    assert reason(c, "None of the skills asked for").effect == Effect.NOTE
    assert reason(c, "Enough notice").points == rules.NOTICE_ENOUGH
    assert c.score == sum(r.points for r in c.reasons) == 4
    # Without a name, they are not listed at all.
    assert shortlist(world.opportunity, today=TODAY).by_name == []


def test_found_by_name_keeps_the_benefits_warning(world):
    paid(world, "12.50")  # two hours: £25.00
    plain_expert(
        world,
        full_name="Bo Jones",
        lived_experience=[world.autism],
        benefits_declaration="weekly",
        earnings_limit=Decimal("20.00"),
    )
    (c,) = shortlist(world.opportunity, today=TODAY, text="jones").by_name
    assert reason(c, "over their weekly earnings limit of £20.00").points == -2


def test_found_by_name_who_cannot_be_invited_are_shown_apart_with_why(world):
    world.opportunity.prerequisites = ["confidentiality"]
    world.opportunity.save()
    current_confidentiality()
    paused = plain_expert(world, full_name="Al Jones", lived_experience=[], status=Status.PAUSED)
    missing = plain_expert(world, full_name="Bo Jones", lived_experience=[world.autism])
    invited = plain_expert(world, full_name="Cy Jones", lived_experience=[])
    ready = plain_expert(world, full_name="Di Jones", lived_experience=[])
    for expert in (invited, ready):
        confidentiality_signed(expert)
    InvitationFactory(expert=invited, session=world.session)
    result = shortlist(world.opportunity, today=TODAY, text="jones")
    assert [c.expert for c in result.by_name] == [ready]
    nothing = NOTHING_ASKED_FOR
    assert [(a.expert, a.reasons) for a in result.apart] == [
        (paused, ["Paused: taking a break", nothing]),
        (
            missing,
            [
                "Missing a prerequisite: has not signed version 1 of the confidentiality agreement",
                nothing,
            ],
        ),
        (invited, ["Already invited to 1 upcoming session of this opportunity (invited)", nothing]),
    ]


def test_found_by_name_are_ordered_by_the_same_rules(world):
    less = plain_expert(world, full_name="Al Jones", lived_experience=[], notice_days=30)
    more = plain_expert(world, full_name="Zed Jones", lived_experience=[])
    busy = plain_expert(world, full_name="Bea Jones", lived_experience=[], notice_days=30)
    InvitationFactory(
        expert=busy,
        session=SessionFactory(starts_at=NOW - timedelta(days=20)),
        attendance="attended",
    )
    result = shortlist(world.opportunity, today=TODAY, text="jones", limit=2)
    assert [c.expert for c in result.by_name] == [more, less]
    assert result.by_name_total == 3


def test_a_paused_expert_missing_a_prerequisite_gives_the_status_only_once_ranked(world):
    """Prerequisites are checked for active experts; a paused one is apart for that alone."""
    world.opportunity.prerequisites = ["confidentiality"]
    world.opportunity.save()
    expert = plain_expert(world, status=Status.PAUSED)
    result = shortlist(world.opportunity, today=TODAY)
    assert result.apart[0].expert == expert
    assert result.apart[0].reasons == ["Paused: taking a break"]


def test_experts_with_nothing_asked_for_are_not_listed_at_all(world):
    plain_expert(world, lived_experience=[world.autism], skills=[world.chairing])
    plain_expert(world, lived_experience=[], status=Status.PAUSED)
    result = shortlist(world.opportunity, today=TODAY)
    assert result.candidates == [] and result.apart == []


def test_when_nothing_is_asked_for_every_active_expert_is_ranked(world):
    world.opportunity.wanted_experience.clear()
    world.opportunity.wanted_skills.clear()
    expert = plain_expert(world, lived_experience=[world.autism])
    assert candidate(world, expert).score == 4  # enough notice (+1), no recent sessions (+3)


# Order ----------------------------------------------------------------------------------------


def test_ranked_by_score_then_fewest_recent_sessions_then_name(world):
    top = plain_expert(world, full_name="Zed Top", skills=[world.codesign])
    # Three tie at 8: one with 2 recent sessions (+2) who is free on Tuesdays (+2), and two
    # with none (+3) who live in Shrewsbury (+1).
    busy = plain_expert(world, full_name="Bea Busy", available_days=["tue"])
    for n in range(2):
        InvitationFactory(
            expert=busy,
            session=SessionFactory(starts_at=NOW - timedelta(days=20 + n)),
            attendance="attended",
        )
    quiet = plain_expert(world, full_name="Quin Quiet", locality=world.shrewsbury)
    alice = plain_expert(world, full_name="alice Able", locality=world.shrewsbury)
    result = shortlist(world.opportunity, today=TODAY)
    scores = {c.expert.full_name: (c.score, c.recent) for c in result.candidates}
    assert scores == {
        "Zed Top": (9, 0),
        "Bea Busy": (8, 2),
        "Quin Quiet": (8, 0),
        "alice Able": (8, 0),
    }
    # Ties: fewer recent sessions first, then by name, ignoring capitals.
    assert [c.expert for c in result.candidates] == [top, alice, quiet, busy]


def test_limit_shows_the_best_and_says_there_are_more(world):
    for n in range(5):
        plain_expert(world, full_name=f"Person {n}", notice_days=7 if n % 2 else 21)
    result = shortlist(world.opportunity, today=TODAY, limit=3)
    assert len(result.candidates) == 3 and result.considered == 5 and result.has_more
    assert [c.expert.full_name for c in result.candidates] == ["Person 1", "Person 3", "Person 0"]


def test_name_filter_narrows_both_lists(world):
    plain_expert(world, full_name="Ann Jones")
    plain_expert(world, full_name="Bob Smith", preferred_name="Jonesy")
    plain_expert(world, full_name="Cy Jones", status=Status.PAUSED)
    plain_expert(world, full_name="Di Other")
    result = shortlist(world.opportunity, today=TODAY, text=" jones ")
    assert sorted(c.expert.full_name for c in result.candidates) == ["Ann Jones", "Bob Smith"]
    assert [a.expert.full_name for a in result.apart] == ["Cy Jones"]


# The documentation ------------------------------------------------------------------------------


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_documented_rules_are_the_ones_the_code_uses():
    doc = _words(DOCS.read_text(encoding="utf-8"))
    for rule in rules.rules_in_words():
        assert _words(rule) in doc, f"docs/shortlist.md does not say: {rule}"


def test_the_worked_example_in_the_docs_scores_as_it_says(world):
    margaret = plain_expert(
        world,
        full_name="Margaret",
        skills=[world.codesign],
        available_days=["tue"],
        available_times=["morning"],
        notice_days=7,
        locality=world.shrewsbury,
        access_needs=[world.loop],
    )
    InvitationFactory(
        expert=margaret,
        session=SessionFactory(starts_at=NOW - timedelta(days=60)),
        attendance="attended",
    )
    assert candidate(world, margaret).score == 11
    assert "her score is 11" in DOCS.read_text(encoding="utf-8")


def test_payments_already_due_that_week_count_towards_a_weekly_limit(world):
    """£25 for this session alone is within a £40 limit, but not with £20 already due from
    another paid session the same week."""
    paid(world, "12.50")  # two hours: £25.00
    expert = plain_expert(world, benefits_declaration="weekly", earnings_limit=Decimal("40.00"))
    assert reason(candidate(world, expert), "is within their weekly").points == 0
    first = world.session
    other = SessionFactory(
        opportunity=OpportunityFactory(paid=True, hourly_rate=Decimal("10.00")),
        starts_at=first.starts_at + timedelta(hours=4),
        ends_at=first.starts_at + timedelta(hours=6),
    )
    InvitationFactory(session=other, expert=expert, status="accepted")
    over = reason(candidate(world, expert), "on top of £20.00 already due in that week")
    assert over.points == -2


def test_an_expert_over_their_limit_drops_below_the_places_shown(world):
    """Payments near the session are looked up only for those who could reach the places
    shown; one who could, and is over their limit once they are counted, is ranked lower."""
    paid(world, "12.50")  # two hours: £25.00
    over = plain_expert(
        world, full_name="Aaron Over", benefits_declaration="weekly", earnings_limit=Decimal("30")
    )
    other = SessionFactory(
        opportunity=OpportunityFactory(paid=True, hourly_rate=Decimal("10.00")),
        starts_at=world.session.starts_at + timedelta(hours=4),
        ends_at=world.session.starts_at + timedelta(hours=6),
    )
    InvitationFactory(session=other, expert=over, status="accepted")
    within = [plain_expert(world, full_name=name) for name in ("Bea Within", "Cy Within")]
    result = shortlist(world.opportunity, today=TODAY, limit=2)
    assert [c.expert for c in result.candidates] == within
    everyone = shortlist(world.opportunity, today=TODAY, limit=3)
    assert everyone.candidates[-1].expert == over
    assert everyone.candidates[-1].score == everyone.candidates[0].score - 2


def test_the_lowest_reachable_score_assumes_every_limit_takes_the_most_away():
    from coproduce.opportunities.matching.scoring import _lowest_reachable

    # Ceiling 9: two experts, one with a limit (at worst 7); ceiling 8: one without.
    by_ceiling = {9: [("a",), ("b",)], 8: [("c",)]}
    limited = {9: [2]}
    assert _lowest_reachable(by_ceiling, limited, 1) == 9
    assert _lowest_reachable(by_ceiling, limited, 2) == 8
    assert _lowest_reachable(by_ceiling, limited, 3) == 7
    assert _lowest_reachable(by_ceiling, limited, 4) == float("-inf")
