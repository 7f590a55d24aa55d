"""The figures the feedback pages (and the evaluation dashboard) show, checked against a small
known set of answers; the team's pages read a fixed number of queries; confidential work is
counted and shown only for those who may see it; staff see their own work's feedback."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.impact.feedback import queries
from coproduce.impact.feedback.models import FeedbackRequest
from coproduce.impact.feedback.services import ask
from tests.factories import OpportunityFactory, TeamFactory, UserFactory
from tests.impact.feedback.helpers import answer, attended, past_session

pytestmark = pytest.mark.django_db


# Words no random name or address could contain.
ANONYMOUS_WORDS = "The room was far too hot"


def _known_session(**kwargs):
    """Five asked: two named answers, one anonymous, two not answered yet."""
    session = past_session(**kwargs)
    places = [attended(session) for _ in range(5)]
    for place in places:
        ask(invitation_id=place.pk)
    answer(places[0], good_experience="yes", listened_to="yes", comments="Good chair")
    answer(places[1], good_experience="partly", listened_to="no", access_needs_met="no")
    answer(
        places[2],
        good_experience="yes",
        listened_to="not_sure",
        anonymous=True,
        comments=ANONYMOUS_WORDS,
    )
    return session, places


def test_the_figures_for_a_known_set_of_answers():
    session, places = _known_session()
    # Three anonymous answers (the known one and two more) count with the named ones.
    answer(places[3], good_experience="no", anonymous=True)
    answer(places[4], good_experience="no", anonymous=True, comments="Too long")
    got = queries.figures(queries.Filters(session_id=session.pk))
    assert (got.asked, got.answered, got.answers, got.anonymous, got.comments) == (5, 5, 5, 3, 3)
    assert got.held_back == 0
    assert got.answer_rate == 100
    good, listened, access, before = got.questions
    assert (good.count("yes"), good.count("partly"), good.count("no")) == (2, 1, 2)
    assert good.total == 5
    assert good.score == 40  # 2 of the 5 who said yes, partly or no
    assert [share for *_, share in good.rows] == [40, 20, 40, 0]
    assert listened.score == 75  # yes 3, no 1; "not sure" left out
    assert access.count("not_needed") == 4 and access.count("no") == 1
    assert access.score == 0
    assert before.count("partly") == 5 and before.score == 0


def test_one_or_two_anonymous_answers_are_kept_back_from_the_figures():
    """Fewer than three could be told apart from the named answers (who answered is shown,
    and each expert's data download holds their named answers): they are not counted."""
    session, _ = _known_session()  # two named answers, one anonymous
    got = queries.figures(queries.Filters(session_id=session.pk))
    assert (got.asked, got.answered, got.answers, got.anonymous, got.comments) == (5, 3, 2, 0, 1)
    assert got.held_back == 1
    assert got.answer_rate == 60  # that they answered is still counted
    good, listened, access, before = got.questions
    assert (good.count("yes"), good.count("partly"), good.count("no")) == (1, 1, 0)
    assert good.total == 2 and good.score == 50
    assert listened.count("not_sure") == 0  # only the anonymous answer said "not sure"
    assert access.count("not_needed") == 1 and access.count("no") == 1
    assert before.count("partly") == 2


def test_figures_by_team_and_period():
    team = TeamFactory()
    in_team, _ = _known_session(opportunity=OpportunityFactory(team=team))
    _known_session(days_ago=40)  # another team, longer ago
    today = timezone.localdate()
    assert queries.figures(queries.Filters(team_id=team.pk)).answered == 3
    assert queries.figures().answered == 6
    recent = queries.Filters(start=today - timedelta(days=10), end=today)
    assert queries.figures(recent).asked == 5
    assert queries.figures(queries.Filters(end=today - timedelta(days=30))).asked == 5
    assert queries.figures(queries.Filters(start=today + timedelta(days=1))).asked == 0


def test_nothing_answered_gives_no_shares():
    got = queries.figures()
    assert got.answer_rate is None
    assert all(q.score is None and q.total == 0 for q in got.questions)


def test_the_session_page_shows_counts_who_answered_and_comments(coordinator_client):
    session, places = _known_session(title="Discharge planning workshop")
    html = coordinator_client.get(reverse("feedback:session", args=[session.pk])).content.decode()
    assert "Who answered (3)" in html
    assert "Not answered yet (2)" in html
    for place in places:
        assert place.expert.full_name in html
    assert "Good chair" in html
    assert "60% of those asked" in html
    # The one anonymous answer is kept back, and the page says so.
    assert ANONYMOUS_WORDS not in html
    assert "1 anonymous answer is not counted here" in html


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as done:
        response = client.get(url)
    assert response.status_code == 200
    return len(done)


def test_the_overview_and_session_pages_read_a_fixed_number_of_queries(coordinator_client):
    session, _ = _known_session()
    overview = reverse("feedback:overview")
    page = reverse("feedback:session", args=[session.pk])
    few = (_count(coordinator_client, overview), _count(coordinator_client, page))
    for _ in range(4):
        _known_session()
    for _ in range(4):
        answer(attended(session), comments="More words")
    assert (_count(coordinator_client, overview), _count(coordinator_client, page)) == few


def test_confidential_work_feedback_is_seen_only_by_its_named_staff(
    coordinator_client, coordinator
):
    secret, _ = _known_session(title="Serious incident review 7", confidential=True)
    named = UserFactory(role=Role.COORDINATOR)
    secret.opportunity.named_staff.add(named)
    url = reverse("feedback:session", args=[secret.pk])
    assert coordinator_client.get(url).status_code == 404
    assert (
        "Serious incident review 7"
        not in coordinator_client.get(reverse("feedback:overview")).content.decode()
    )
    assert queries.figures(user=coordinator).asked == 0
    assert queries.figures(user=named).asked == 5
    coordinator_client.force_login(named)
    assert coordinator_client.get(url).status_code == 200


def test_staff_see_feedback_on_the_work_they_asked_for_only(staff_client, staff_member):
    theirs, _ = _known_session(title="Their workshop", requested_by=staff_member)
    other, _ = _known_session(title="Someone else's")
    overview = staff_client.get(reverse("feedback:overview")).content.decode()
    assert "Their workshop" in overview
    assert "Someone else" not in overview
    assert staff_client.get(reverse("feedback:session", args=[theirs.pk])).status_code == 200
    assert staff_client.get(reverse("feedback:session", args=[other.pk])).status_code == 404


def test_the_overview_filters_by_team(coordinator_client):
    team = TeamFactory(name="Adult social care")
    _known_session(opportunity=OpportunityFactory(team=team, title="In the team"))
    _known_session(title="Elsewhere")
    html = coordinator_client.get(reverse("feedback:overview"), {"team": team.pk}).content.decode()
    assert "In the team" in html
    assert "Elsewhere" not in html


def test_a_period_that_ends_before_it_starts_says_so(coordinator_client):
    response = coordinator_client.get(
        reverse("feedback:overview"),
        {
            "start-day": "2",
            "start-month": "3",
            "start-year": "2026",
            "end-day": "1",
            "end-month": "3",
            "end-year": "2026",
        },
    )
    assert response.status_code == 400
    assert "The end of the period must be on or after its start" in response.content.decode()


def test_a_request_keeps_its_places_session_whether_asked_first_or_answered_first():
    session = past_session()
    asked_first, answered_first = attended(session), attended(session)
    ask(invitation_id=asked_first.pk)
    answer(answered_first, good_experience="yes")
    requests = {r.invitation_id: r.session_id for r in FeedbackRequest.objects.all()}
    assert requests == {asked_first.pk: session.pk, answered_first.pk: session.pk}
    # Another session's places are not counted with this one's.
    other = attended(past_session())
    ask(invitation_id=other.pk)
    got = queries.figures(queries.Filters(session_id=session.pk))
    assert (got.asked, got.answered) == (2, 1)
