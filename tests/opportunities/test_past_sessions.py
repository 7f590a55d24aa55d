"""Recording work that already happened: the team adds a session in the past (up to a year
back) to a published opportunity, adds the people who came, and records their attendance,
which pays them at the policy in force on that day. Nobody is emailed or sent a calendar entry."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coproduce.opportunities.models import Invitation
from coproduce.opportunities.queries.portal import involvement_for
from coproduce.payments.choices import ClaimKind
from coproduce.payments.models import Claim
from coproduce.people.choices import PaymentPreference
from tests.dates import date_boxes
from tests.factories import ExpertFactory, OpportunityFactory
from tests.payments.helpers import make_policy

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=LONDON)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _add(client, opportunity, day: str, start="10am", end="12:30pm"):
    return client.post(
        reverse("opportunities:session_add", args=[opportunity.pk]),
        date_boxes("date", day) | {"start_time": start, "end_time": end},
    )


def _date_error(html: str) -> str:
    """The error message beside the date field, or "" when it has none."""
    match = re.search(r'id="id_date-error"\s*>(.*?)</span>\s*<div', html, re.S)
    return re.sub(r"\s+", " ", match.group(1)) if match else ""


def test_the_team_adds_a_session_that_already_happened(
    coordinator_client, django_capture_on_commit_callbacks
):
    opportunity = OpportunityFactory(status="published")
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(coordinator_client, opportunity, "3/11/2026")
    session = opportunity.sessions.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:session_attendance", args=[session.pk])
    assert session.starts_at == datetime(2026, 11, 3, 10, tzinfo=LONDON)
    assert session.ends_at == datetime(2026, 11, 3, 12, 30, tzinfo=LONDON)
    assert mail.outbox == []


def test_a_session_more_than_a_year_back_is_refused_beside_the_date(coordinator_client):
    opportunity = OpportunityFactory(status="published")
    response = _add(coordinator_client, opportunity, "1/12/2025")
    html = response.content.decode()
    assert response.status_code == 200
    assert not opportunity.sessions.exists()
    assert "The date must be within the last year, on or after Tuesday 2 December 2025" in (
        _date_error(html)
    )
    assert 'value="1"' in html and 'value="2025"' in html


def test_a_session_exactly_a_year_back_is_allowed(coordinator_client):
    opportunity = OpportunityFactory(status="published")
    assert _add(coordinator_client, opportunity, "2/12/2025").status_code == 302


def test_past_work_is_refused_on_an_opportunity_not_yet_published(coordinator_client):
    opportunity = OpportunityFactory(status="approved")
    response = _add(coordinator_client, opportunity, "3/11/2026")
    assert not opportunity.sessions.exists()
    assert "Publish the opportunity before you record work that already happened" in (
        _date_error(response.content.decode())
    )


def test_a_session_still_going_on_is_refused_beside_the_end_time(coordinator_client):
    opportunity = OpportunityFactory(status="published")
    response = _add(coordinator_client, opportunity, "2/12/2026", start="11am", end="1pm")
    html = response.content.decode()
    assert not opportunity.sessions.exists()
    assert "A session that has started must have ended before you can record it" in html
    assert "A session that has started" not in _date_error(html)


def test_the_add_page_says_it_records_work_that_already_happened(coordinator_client):
    opportunity = OpportunityFactory(status="published")
    html = coordinator_client.get(
        reverse("opportunities:session_add", args=[opportunity.pk])
    ).content.decode()
    assert "Recording work that already happened" in html
    assert "Nobody is invited or sent a calendar entry" in html
    assert "Tuesday 2 December 2025" in html


def test_attendance_at_a_past_session_pays_at_the_policy_of_that_day_and_emails_nobody(
    coordinator_client, django_capture_on_commit_callbacks
):
    make_policy(effective_from=date(2020, 4, 1), hourly=Decimal("15.00"))
    make_policy(effective_from=date(2026, 11, 20), hourly=Decimal("20.00"))
    opportunity = OpportunityFactory(
        status="published", paid=True, kind="workshop", hourly_rate=Decimal("15.00")
    )
    expert = ExpertFactory(full_name="Pat Past", payment_preference=PaymentPreference.PAID)
    with django_capture_on_commit_callbacks(execute=True):
        _add(coordinator_client, opportunity, "3/11/2026", start="10am", end="12pm")
        session = opportunity.sessions.get()
        attendance = reverse("opportunities:session_attendance", args=[session.pk])
        found = coordinator_client.get(attendance, {"find": "Pat Past"}).content.decode()
        assert "Add someone who came" in found and "Pat Past" in found
        added = coordinator_client.post(
            reverse("opportunities:session_attendee_add", args=[session.pk]),
            {"expert": expert.pk},
        )
        assert added.status_code == 302
        place = Invitation.objects.get(session=session, expert=expert)
        assert place.status == "accepted"
        saved = coordinator_client.post(
            attendance, {f"attendance_{place.pk}": "attended", f"hours_{place.pk}": "2"}
        )
    assert saved.status_code == 302
    claim = Claim.objects.get(invitation=place, kind=ClaimKind.INVOLVEMENT)
    assert claim.total == Decimal("30.00")  # 2 hours at £15.00, not the later £20.00
    assert mail.outbox == []


def test_a_past_session_is_not_shown_to_the_expert_as_coming_up(coordinator_client):
    opportunity = OpportunityFactory(status="published")
    expert = ExpertFactory()
    _add(coordinator_client, opportunity, "3/11/2026")
    session = opportunity.sessions.get()
    coordinator_client.post(
        reverse("opportunities:session_attendee_add", args=[session.pk]), {"expert": expert.pk}
    )
    involvement = involvement_for(expert)
    assert involvement.upcoming == [] and involvement.to_answer == []
    assert [i.session_id for i in involvement.history] == [session.pk]


def test_a_past_session_cannot_be_invited_to_from_the_shortlist(coordinator_client):
    opportunity = OpportunityFactory(status="published")
    _add(coordinator_client, opportunity, "3/11/2026")
    response = coordinator_client.post(
        reverse("opportunities:invite", args=[opportunity.pk]),
        {"expert": ExpertFactory().pk, "confirm": "1"},
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_nobody_can_be_added_as_having_come_before_a_session_happens(coordinator_client):
    opportunity = OpportunityFactory(status="published")
    _add(coordinator_client, opportunity, "3/1/2027")
    session = opportunity.sessions.get()
    coordinator_client.post(
        reverse("opportunities:session_attendee_add", args=[session.pk]),
        {"expert": ExpertFactory().pk},
    )
    assert not Invitation.objects.exists()
