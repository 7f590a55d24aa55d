"""The shortlist page: the team reads each expert's reasons, filters by name, sees who is shown
apart, and the page asks the database the same number of questions for 5 experts as for 60,
however much history they have."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from coproduce.onboarding.models import Completion
from coproduce.opportunities.models import Invitation, Opportunity, Session
from coproduce.opportunities.queries.shortlist import shortlist
from coproduce.opportunities.views import shortlist as views
from coproduce.people.choices import Status
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
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def opportunity(db) -> Opportunity:
    shrewsbury = LocalityFactory(name="Shrewsbury")
    venue = VenueFactory(name="Shirehall", locality=shrewsbury)
    venue.meets_needs.set([AccessNeedFactory(name="Hearing loop")])
    opportunity = OpportunityFactory(
        title="Carers' assessment workshop",
        venue=venue,
        paid=True,
        hourly_rate="15.00",
        prerequisites=["confidentiality"],
        wanted_experience=[LivedExperienceAreaFactory(name="Dementia")],
        wanted_skills=[SkillFactory(name="Co-design workshops")],
    )
    SessionFactory(
        opportunity=opportunity,
        starts_at=datetime(2026, 3, 17, 10, 0, tzinfo=LONDON),
        ends_at=datetime(2026, 3, 17, 12, 0, tzinfo=LONDON),
    )
    return opportunity


def add_experts(opportunity: Opportunity, count: int, attendances_each: int = 0) -> None:
    """Experts who match, with needs, prerequisites and past attendance; some shown apart."""
    area = opportunity.wanted_experience.get()
    skill = opportunity.wanted_skills.get()
    needs = [AccessNeedFactory(name="Hearing loop"), AccessNeedFactory(name="Step-free access")]
    past = [
        SessionFactory(starts_at=NOW - timedelta(days=20 + 30 * n)) for n in range(attendances_each)
    ]
    upcoming = Session.objects.filter(opportunity=opportunity).first()
    for n in range(count):
        expert = ExpertFactory(
            full_name=f"Jo Smith {n}",
            status=Status.PAUSED if n % 7 == 3 else Status.ACTIVE,
            lived_experience=[area],
            skills=[skill] if n % 2 else [],
            access_needs=needs[: n % 3],
            available_days=["tue"] if n % 2 else [],
            benefits_declaration="weekly" if n % 5 == 0 else "none",
            earnings_limit="20.00" if n % 5 == 0 else None,
        )
        if n % 4:
            Completion.objects.create(
                expert=expert, prerequisite="confidentiality", completed_on=NOW.date()
            )
        Invitation.objects.bulk_create(
            Invitation(session=s, expert=expert, attendance="attended") for s in past
        )
        if n % 9 == 1:
            Invitation.objects.create(session=upcoming, expert=expert)


def page_url(opportunity, query: str = "") -> str:
    return reverse("opportunities:shortlist", args=[opportunity.pk]) + query


def count_queries(call) -> int:
    """Questions asked with nothing cached: the attendance counts are kept between requests."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_shortlist_asks_the_same_number_of_questions_for_few_and_many(opportunity):
    opportunity = Opportunity.objects.select_related("venue").get(pk=opportunity.pk)
    add_experts(opportunity, 5, attendances_each=1)
    few = count_queries(lambda: shortlist(opportunity))
    add_experts(opportunity, 55, attendances_each=4)
    result = shortlist(opportunity)
    assert result.considered > 30 and result.apart_total > 10
    assert count_queries(lambda: shortlist(opportunity)) == few


@pytest.mark.parametrize("query", ["", "?apart=on", "?q=smith&apart=on&show=100"])
def test_page_asks_the_same_number_of_questions_for_few_and_many(
    coordinator_client, opportunity, query, django_assert_num_queries
):
    url = page_url(opportunity, query)
    add_experts(opportunity, 5, attendances_each=1)
    coordinator_client.get(url)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as few:
        assert coordinator_client.get(url).status_code == 200
    add_experts(opportunity, 55, attendances_each=4)
    with django_assert_num_queries(len(few)):
        response = coordinator_client.get(url)
    assert response.status_code == 200


def test_coordinator_reads_each_experts_score_and_reasons_in_words(coordinator_client, opportunity):
    add_experts(opportunity, 12)
    response = coordinator_client.get(page_url(opportunity))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Carers&#39; assessment workshop</h1>" in html
    assert "Tuesday 17 March 2026, 10am to 12pm" in html
    assert "£15.00 an hour, £30.00 for the first session" in html
    assert "How the shortlist ranks experts" in html
    assert "plus 3 for each lived-experience area asked for" in html
    # Plus and minus are said in words, not only in colour.
    assert "For, plus 3</strong> Lived experience of Dementia" in html
    assert "Against, minus 2</strong> The fee of £30.00 for one session is over" in html
    assert "Note</strong> Needs hearing loop: the venue provides it" in html
    assert "Signed confidentiality agreement" in html


def test_shown_apart_are_counted_then_listed_with_why(coordinator_client, opportunity):
    add_experts(opportunity, 12)
    html = coordinator_client.get(page_url(opportunity)).content.decode()
    assert "experts are shown apart" in html
    assert "Paused: taking a break" not in html
    html = coordinator_client.get(page_url(opportunity, "?apart=on")).content.decode()
    assert "Paused: taking a break" in html
    assert "Missing a prerequisite: signed confidentiality agreement" in html
    assert "Already invited to 1 upcoming session of this opportunity (invited)" in html


def test_name_filter_and_show_more(coordinator_client, opportunity):
    add_experts(opportunity, 3)
    wendy = ExpertFactory(
        full_name="Wendy Walker", lived_experience=opportunity.wanted_experience.all()
    )
    Completion.objects.create(expert=wendy, prerequisite="confidentiality", completed_on=NOW.date())
    html = coordinator_client.get(page_url(opportunity, "?q=walker")).content.decode()
    assert "Wendy Walker" in html and "Jo Smith" not in html
    assert "Showing the best 1 of 1 expert named like “walker”." in html


def test_show_more_link_asks_for_fifty_more(coordinator_client, opportunity, monkeypatch):
    monkeypatch.setattr(views, "PAGE", 2)
    add_experts(opportunity, 12)
    html = coordinator_client.get(page_url(opportunity, "?q=smith")).content.decode()
    assert "Show more experts" in html and "show=4" in html
    html = coordinator_client.get(page_url(opportunity, "?q=smith&show=4")).content.decode()
    assert html.count('class="nhsuk-card app-shortlist__expert"') == 4


def test_invite_checkboxes_appear_only_when_invitations_exist(
    coordinator_client, opportunity, monkeypatch
):
    add_experts(opportunity, 3)
    try:
        expected = reverse("opportunities:invite", args=[opportunity.pk])
    except NoReverseMatch:
        expected = ""
    assert views.invite_url(opportunity) == expected
    monkeypatch.setattr(views, "invite_url", lambda o: "/invite-here/")
    html = coordinator_client.get(page_url(opportunity)).content.decode()
    assert 'action="/invite-here/"' in html
    assert 'name="expert" type="checkbox"' in html
    assert 'name="session" type="checkbox"' in html
    assert "Invite chosen experts" in html
    monkeypatch.setattr(views, "invite_url", lambda o: "")
    html = coordinator_client.get(page_url(opportunity)).content.decode()
    assert 'name="expert"' not in html and "Invite chosen experts" not in html


@pytest.mark.parametrize("client_name", ["staff_client", "expert_client", "finance_client"])
def test_only_the_involvement_team_opens_the_shortlist(request, opportunity, client_name):
    client = request.getfixturevalue(client_name)
    assert client.get(page_url(opportunity)).status_code == 403


def test_an_unknown_opportunity_is_not_found(coordinator_client):
    assert coordinator_client.get(reverse("opportunities:shortlist", args=[999])).status_code == 404


def test_stopping_early_ranks_the_same_as_scoring_everyone(opportunity):
    """The shortlist stops scoring when no one left could reach the places shown: the best
    few must be the first few of the full ranking."""
    add_experts(opportunity, 40, attendances_each=3)
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    everyone = shortlist(opportunity, limit=1000).candidates
    for limit in (1, 3, 10):
        best = shortlist(opportunity, limit=limit).candidates
        assert [(c.expert.pk, c.score) for c in best] == [
            (c.expert.pk, c.score) for c in everyone[:limit]
        ]
