"""The comparison "who is heard": exact shares on a small known data set, the register at the
end of the period, those involved (of a team's work when one is chosen), whose voices are
missing, and a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coproduce.core.figures import Filters
from coproduce.impact.equality import presenters, services
from coproduce.impact.equality.categories import BY_SLUG
from coproduce.people.choices import Status
from coproduce.people.models import Expert, StatusChange
from tests.factories import ExpertFactory, OpportunityFactory, TeamFactory, UserFactory
from tests.impact.equality.helpers import END, START, answered, attended, known_data_set

pytestmark = pytest.mark.django_db

PERIOD = Filters(start=START, end=END)


def _set_fewest(n: int) -> None:
    services.set_fewest(actor=UserFactory(role="involvement_lead"), fewest=n)


def _by_slug(filters: Filters = PERIOD) -> dict[str, presenters.Comparison]:
    return {c.characteristic.slug: c for c in presenters.comparisons(filters)}


def _section(slug: str, filters: Filters = PERIOD):
    sections = presenters.sections(filters)
    return next(s for s in sections if s.slug == f"who-is-heard-{slug.replace('_', '-')}")


def test_shares_of_the_register_and_of_those_involved_are_exact():
    known_data_set()
    _set_fewest(3)
    religion = _by_slug()["religion"]
    keys = BY_SLUG["religion"].keys
    none, christian = keys.index("none"), keys.index("christian")
    # Register: 8 none and 9 Christian of the 17 who answered; 3 preferred not to say.
    assert religion.register.answered.count == 17
    assert religion.register.cells[none] == presenters.Cell(8, Decimal("47.1"))
    assert religion.register.cells[christian] == presenters.Cell(9, Decimal("52.9"))
    assert religion.register.prefer_not.count == 3
    # Involved: 3 none, 9 Christian of 12.
    assert religion.involved.answered.count == 12
    assert religion.involved.cells[none] == presenters.Cell(3, Decimal("25.0"))
    assert religion.involved.cells[christian] == presenters.Cell(9, Decimal("75.0"))
    assert religion.population_shares[none] == Decimal("60.0")
    assert religion.population_shares[christian] == Decimal("40.0")


def test_a_group_under_half_its_local_share_among_those_involved_is_marked_in_words():
    known_data_set()
    _set_fewest(3)
    religion = _by_slug()["religion"]
    # 25% of those involved have no religion, against 60% of the local population.
    assert religion.missing_labels == ["No religion"]
    section = _section("religion")
    row = next(r for r in section.table.rows if r[0] == "No religion")
    assert row[-1] == presenters.MISSING_WORDS
    assert "Whose voices are missing" in section.summary and "No religion" in section.summary
    christian = next(r for r in section.table.rows if r[0] == "Christian")
    assert christian[-1] == ""
    assert christian[1:4] == ["40.0%", "9 people (52.9%)", "9 people (75.0%)"]


def test_the_register_is_those_active_or_paused_at_the_end_of_the_period():
    _set_fewest(3)
    now = timezone.now()
    for _ in range(3):
        answered(sex="female")
    paused = answered(sex="female", expert=ExpertFactory(status=Status.PAUSED))
    answered(sex="female", expert=ExpertFactory(status=Status.ENQUIRY))
    # Left after the period ended: active at its end, so counted.
    gone_later = answered(sex="female", expert=ExpertFactory(status=Status.LEFT))
    StatusChange.objects.create(
        expert=gone_later.expert, from_status="active", to_status="left", at=now
    )
    # Left before the end of the period: not counted.
    gone = answered(sex="female", expert=ExpertFactory(status=Status.LEFT))
    StatusChange.objects.create(
        expert=gone.expert,
        from_status="active",
        to_status="left",
        at=now - timedelta(days=30),
    )
    Expert.objects.update(created_at=now - timedelta(days=400))
    filters = Filters(start=START, end=(now - timedelta(days=10)).date())
    sex = _by_slug(filters)["sex"]
    assert paused.expert.status == Status.PAUSED
    assert sex.register.answered.count == 5  # 3 active, 1 paused, 1 who left later


def test_with_a_team_only_those_who_attended_its_work_are_involved():
    _set_fewest(3)
    team = TeamFactory()
    work = OpportunityFactory(team=team)
    for n in range(7):
        attended(answered(sex="male" if n < 4 else "female").expert, work=work)
    for _ in range(5):
        attended(answered(sex="female").expert)
    everyone = _by_slug()["sex"].involved
    assert everyone.answered.count == 12
    theirs = _by_slug(Filters(start=START, end=END, team_id=team.pk))["sex"].involved
    assert theirs.answered.count == 7
    male = BY_SLUG["sex"].keys.index("male")
    assert theirs.cells[male] == presenters.Cell(4, Decimal("57.1"))


def test_without_population_figures_there_is_no_comparison():
    known_data_set()
    age = _section("age_band")
    assert all(row[1] in ("Not entered", "") for row in age.table.rows)
    assert "has not been entered" in age.summary


def test_the_comparison_takes_three_queries_however_many_experts(django_assert_num_queries):
    known_data_set()
    for _ in range(15):
        attended(answered(sex="male", age_band="75+", carer="yes").expert)
    with django_assert_num_queries(3):
        presenters.sections(PERIOD)
