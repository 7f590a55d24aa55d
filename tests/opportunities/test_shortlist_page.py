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

from coproduce.opportunities.matching.shortlist import shortlist
from coproduce.opportunities.models import Invitation, Opportunity, Session
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
from tests.onboarding.agreement_helpers import confidentiality_signed

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
            benefits_declaration="weekly" if n % 5 == 2 else "none",
            earnings_limit="20.00" if n % 5 == 2 else None,
        )
        if n % 4:
            confidentiality_signed(expert)
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
    # No payment policy yet: the rate agreed for the work, worked out as the claim will be.
    assert (
        "£30.00 for each expert at the session on Tuesday 17 March 2026 (2 hours at £15.00, "
        "the rate agreed for this work)"
    ) in html.replace("&#39;", "'")
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
    assert (
        "Missing a prerequisite: has not signed version 1 of the confidentiality agreement" in html
    )
    assert "Already invited to 1 upcoming session of this opportunity (invited)" in html


def test_name_filter_and_show_more(coordinator_client, opportunity):
    add_experts(opportunity, 3)
    wendy = ExpertFactory(
        full_name="Wendy Walker", lived_experience=opportunity.wanted_experience.all()
    )
    confidentiality_signed(wendy)
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


def add_unmatched(count: int) -> None:
    """Active experts named Smith with none of what the work asks for, some with needs."""
    other = LivedExperienceAreaFactory(name="Autism")
    need = AccessNeedFactory(name="Large print")
    for n in range(count):
        expert = ExpertFactory(
            full_name=f"Al Smith {n}",
            lived_experience=[other],
            access_needs=[need] if n % 2 else [],
            available_days=["tue"] if n % 3 else [],
        )
        if n % 2:
            confidentiality_signed(expert)


def test_a_name_search_asks_the_same_number_of_questions_for_few_and_many(
    coordinator_client, opportunity, django_assert_num_queries
):
    """With experts found by name and a session chosen, the page's questions stay fixed."""
    new = SessionFactory(
        opportunity=opportunity,
        starts_at=datetime(2026, 3, 24, 10, 0, tzinfo=LONDON),
        ends_at=datetime(2026, 3, 24, 12, 0, tzinfo=LONDON),
    )
    url = page_url(opportunity, f"?q=smith&apart=on&session={new.pk}")
    add_experts(opportunity, 5, attendances_each=1)
    add_unmatched(3)
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert coordinator_client.get(url).status_code == 200
    add_experts(opportunity, 55, attendances_each=4)
    add_unmatched(40)
    with django_assert_num_queries(len(few)):
        response = coordinator_client.get(url)
    html = response.content.decode()
    assert html.count('class="nhsuk-card app-shortlist__by-name"') == 21


def test_found_by_name_are_listed_apart_and_can_be_chosen(coordinator_client, opportunity):
    add_experts(opportunity, 3)
    ExpertFactory(full_name="Wendy Walker", lived_experience=[LivedExperienceAreaFactory()])
    wendy = ExpertFactory.create(full_name="Wendy Walker")
    confidentiality_signed(wendy)
    html = coordinator_client.get(page_url(opportunity, "?q=walker")).content.decode()
    assert "No experts to rank named like “walker”." in html
    assert '<h2 id="by-name">Found by name, not matching what this work asks for</h2>' in html
    assert "This expert has none of the lived experience or skills asked for" in html
    assert "Note</strong> None of the lived experience asked for" in html
    assert f'id="expert-{wendy.pk}" name="expert" type="checkbox"' in html
    assert "Invite chosen experts" in html
    # The other Wendy Walker has no confidentiality agreement: apart, with why.
    assert "1 expert is shown apart" in html


@pytest.mark.parametrize(
    ("experts", "label"),
    [
        (0, "Show who is listed apart, and why"),
        (1, "Show the expert listed apart, and why"),
        (3, "Show the 3 experts listed apart, and why"),
    ],
)
def test_the_show_apart_checkbox_says_how_many(coordinator_client, opportunity, experts, label):
    for n in range(experts):
        ExpertFactory(
            full_name=f"Pat Paused {n}",
            status=Status.PAUSED,
            lived_experience=opportunity.wanted_experience.all(),
        )
    html = coordinator_client.get(page_url(opportunity)).content.decode()
    assert label in html
    assert "Show experts shown apart" not in html


def test_a_session_added_later_has_its_own_shortlist(coordinator_client, opportunity):
    first = opportunity.sessions.get()
    new = SessionFactory(
        opportunity=opportunity,
        starts_at=datetime(2026, 3, 24, 14, 0, tzinfo=LONDON),
        ends_at=datetime(2026, 3, 24, 16, 0, tzinfo=LONDON),
    )
    asked = ExpertFactory(
        full_name="Asa Asked", lived_experience=opportunity.wanted_experience.all()
    )
    confidentiality_signed(asked)
    Invitation.objects.create(session=first, expert=asked, status="accepted")

    # The opportunity's page links to each upcoming session's shortlist.
    detail = coordinator_client.get(
        reverse("opportunities:opportunity_detail", args=[opportunity.pk])
    )
    link = page_url(opportunity, f"?session={new.pk}")
    assert (
        f'href="{link}">Find experts<span class="nhsuk-u-visually-hidden"> for the session on Tuesday 24 March 2026'
        in detail.content.decode()
    )

    html = coordinator_client.get(link).content.decode()
    assert "Experts for the session on Tuesday 24 March 2026, 2pm to 4pm." in html
    assert "Invited to 1 other session of this work (accepted)" in html
    assert f'id="expert-{asked.pk}" name="expert" type="checkbox"' in html
    # Only the new session is offered, and it is the one chosen in the filter.
    assert f'name="session" type="checkbox" value="{new.pk}" checked' in html
    assert f'value="{first.pk}" checked' not in html
    assert f'name="session" type="radio" value="{new.pk}" checked' in html
    assert "No experts are shown apart." in html

    # For every session, she is still invited to the first only, so she is ranked with a note.
    html = coordinator_client.get(page_url(opportunity)).content.decode()
    assert "Already invited to 1 of these 2 sessions (accepted)" in html
    # For the first session, she is shown apart.
    html = coordinator_client.get(
        page_url(opportunity, f"?session={first.pk}&apart=on")
    ).content.decode()
    assert "Already invited to this session (accepted)" in html


def test_a_session_no_longer_upcoming_says_so(coordinator_client, opportunity):
    past = SessionFactory(opportunity=opportunity, starts_at=NOW - timedelta(days=3))
    html = coordinator_client.get(page_url(opportunity, f"?session={past.pk}")).content.decode()
    assert "The session you chose has passed or is cancelled" in html
    assert "Tuesday 17 March 2026, 10am to 12pm" in html


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
