"""The shortlist ranks by the points the database adds up (matching/points.py) plus scoring's
own rules, and words the reasons rule by rule (scoring.assess): both must give every expert
the same score, in every format of work."""

import itertools
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coproduce.opportunities.matching.candidates import at_venue, candidates, details, load, read
from coproduce.opportunities.matching.points import count_weights
from coproduce.opportunities.matching.scoring import assess, row_of, score, with_answers
from coproduce.opportunities.matching.setting import session_fee, setting_for
from coproduce.opportunities.models import Session
from coproduce.people.models import Expert
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 3)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.mark.parametrize("format", ["in_person", "hybrid", "online", "written"])
def test_the_database_and_the_reasons_give_the_same_score(format):
    dementia, autism = LivedExperienceAreaFactory(), LivedExperienceAreaFactory()
    codesign = SkillFactory()
    here, there = LocalityFactory(), LocalityFactory()
    loop, step_free = AccessNeedFactory(), AccessNeedFactory()
    venue = VenueFactory(locality=here)
    venue.meets_needs.set([loop])
    opportunity = OpportunityFactory(
        format=format, venue=venue, wanted_experience=[dementia, autism], wanted_skills=[codesign]
    )
    for day, hour in ((17, 10), (19, 18)):  # a Tuesday morning and a Thursday evening
        SessionFactory(
            opportunity=opportunity,
            starts_at=datetime(2026, 3, day, hour, 0, tzinfo=LONDON),
            ends_at=datetime(2026, 3, day, hour + 2, 0, tzinfo=LONDON),
        )
    choices = itertools.product(
        [[dementia], [dementia, autism], []],
        [[], ["tue"], ["tue", "thu"], ["mon"]],
        [[], ["morning"], ["evening"]],
        [7, 30],
        [[], [loop], [loop, step_free]],
    )
    for n, (areas, days, times, notice, needs) in enumerate(choices):
        ExpertFactory(
            full_name=f"Expert {n}",
            lived_experience=areas,
            skills=[codesign] if n % 2 else [],
            available_days=days,
            available_times=times,
            notice_days=notice,
            locality=here if n % 3 else there,
            access_needs=needs,
            benefits_declaration="weekly" if n % 5 == 0 else "none",
            earnings_limit=Decimal("10.00") if n % 5 == 0 else None,
        )
    sessions = list(Session.objects.filter(opportunity=opportunity).order_by("starts_at"))
    setting = setting_for(
        opportunity, sessions, venue, session_fee(opportunity, sessions[0]), TODAY
    )
    query = candidates(setting, "", TODAY)
    # Read from the cursor, the columns are in the order of FIELDS, as Django would give them.
    assert sorted(read(query)) == sorted(query)
    weights = count_weights(setting)
    # With the access needs the venue does not meet put in place, counted in a query of their
    # own: where there is a venue, some experts have needs it does not meet.
    rows = [row_of(values, weights, 3) for values in load(setting, "", TODAY).values()]
    assert len(rows) > 100
    assert any(row.unmet_needs for row in rows) == at_venue(setting)
    areas_of, skills_of, needs_of = details(setting, [r.id for r in rows])
    experts = Expert.objects.in_bulk([r.id for r in rows])
    for row in rows:
        row.areas, row.skills, row.needs = areas_of[row.id], skills_of[row.id], needs_of[row.id]
        with_answers(row, experts[row.id])
        assert score(row, setting) == assess(row, setting)[0], row
