"""An expert's profile lists the meetings they attended, most recent first, with the count and
the hours, in a fixed number of queries."""

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ExpertFactory, InvitationFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def attended(expert, when: datetime, *, title: str = "Carers' strategy", hours="2"):
    session = SessionFactory(
        opportunity=OpportunityFactory(title=title),
        starts_at=when,
        ends_at=when + timedelta(hours=2),
    )
    return InvitationFactory(
        session=session,
        expert=expert,
        status="accepted",
        attendance="attended",
        hours=Decimal(hours) if hours is not None else None,
    )


def _section(html: str) -> str:
    match = re.search(r'<h2 id="meetings">.*?(?=<h2)', html, re.S)
    assert match, "the profile has a Meetings attended section"
    return match.group(0)


def test_an_expert_with_no_meetings_reads_no_meetings_attended_yet(coordinator_client):
    expert = ExpertFactory()
    InvitationFactory(expert=expert, status="accepted", attendance="did_not_attend")

    html = coordinator_client.get(reverse("people:expert_detail", args=[expert.pk])).content

    assert "No meetings attended yet." in _section(html.decode())


def test_meetings_attended_are_listed_most_recent_first_with_count_and_hours(
    coordinator_client,
):
    expert = ExpertFactory(full_name="Ana Able")
    older = attended(expert, datetime(2025, 11, 4, 10, tzinfo=LONDON), title="Stroke review")
    attended(expert, datetime(2026, 2, 3, 10, tzinfo=LONDON), title="Carers' panel", hours="1.5")
    attended(expert, datetime(2026, 1, 6, 10, tzinfo=LONDON), title="Dementia café", hours=None)
    InvitationFactory(expert=expert, status="accepted", attendance="did_not_attend")

    section = _section(
        coordinator_client.get(reverse("people:expert_detail", args=[expert.pk])).content.decode()
    )

    assert "Ana Able has attended <strong>3 meetings</strong>, giving 3.5 hours in all." in section
    titles = re.findall(r"<a href=\"/opportunities/\d+/\">([^<]+)</a>", section)
    assert titles == ["Carers&#39; panel", "Dementia café", "Stroke review"]
    assert reverse("opportunities:opportunity_detail", args=[older.session.opportunity_id]) in (
        section
    )
    assert "3 February 2026" in section
    assert "Not recorded" in section  # the café's hours


def test_one_meeting_reads_in_the_singular(coordinator_client):
    expert = ExpertFactory(full_name="Bo Brown")
    attended(expert, datetime(2026, 2, 3, 10, tzinfo=LONDON), hours="1")

    section = _section(
        coordinator_client.get(reverse("people:expert_detail", args=[expert.pk])).content.decode()
    )

    assert "Bo Brown has attended <strong>1 meeting</strong>, giving 1 hour in all." in section


def test_the_profile_issues_the_same_queries_for_one_meeting_as_for_many(
    coordinator_client, django_assert_num_queries
):
    expert = ExpertFactory()
    start = datetime(2025, 1, 7, 10, tzinfo=LONDON)
    attended(expert, start)
    url = reverse("people:expert_detail", args=[expert.pk])
    coordinator_client.get(url)  # the first request also records that the session passed MFA
    with CaptureQueriesContext(connection) as one:
        coordinator_client.get(url)

    for week in range(1, 30):
        attended(expert, start + timedelta(weeks=week))
    with django_assert_num_queries(len(one)):
        html = coordinator_client.get(url).content.decode()
    assert _section(html).count("<time datetime=") == 30
