"""Asking for involvement: the form keeps what was typed and says what is wrong beside the
field; a good request is saved with its sessions and the involvement team is emailed."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coproduce.opportunities.choices import RequestStatus
from coproduce.opportunities.models import Opportunity
from tests.factories import SkillFactory, TeamFactory, VenueFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team(db):
    return TeamFactory(name="Adult Social Care")


@pytest.fixture
def asker(staff_member, team):
    staff_member.team = team
    staff_member.save()
    return staff_member


def valid_request(team, **changes) -> dict:
    data = {
        "title": "Redesigning the carers' assessment",
        "description": "We want carers to shape the new assessment.",
        "team": str(team.pk),
        "kind": "co_design",
        "stage": "plan",
        "rung": "6",
        "places": "4",
        "staff_expected": "2",
        "first_date": "17/3/2026",
        "start_time": "10am",
        "end_time": "12pm",
        "repeat": "none",
        "count": "",
        "until": "",
        "format": "in_person",
        "venue": "",
        "online_details": "",
        "paid": "yes",
        "hourly_rate": "25.00",
        "prerequisites": ["confidentiality"],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_member_sees_the_form_with_their_team_chosen(client, asker, team):
    client.force_login(asker)
    response = client.get(reverse("opportunities:request_new"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ask for involvement" in body
    assert f'<option value="{team.pk}" selected' in body
    assert "Involvement belongs before decisions are made" in body
    assert "Co-production: experts and staff share power and decide together" in body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_date": "1/3/2026"}, "first_date", "The date must be today or in the future"),
        ({"first_date": "2/3/2026", "start_time": "8am"}, "start_time", "already passed"),
        ({"end_time": "9am"}, "end_time", "The end time must be after the start time"),
        ({"first_date": "31/2/2026"}, "first_date", "Enter a real date, like 17/3/2026"),
        ({"start_time": "half ten"}, "start_time", "Enter a time like 10am"),
        ({"hourly_rate": ""}, "hourly_rate", "Enter the hourly rate, because the work is paid"),
        ({"repeat": "weekly"}, "count", "Enter how many sessions, or the last date"),
        (
            {"repeat": "weekly", "until": "1/3/2026"},
            "until",
            "The last date must be on or after the first session",
        ),
        ({"title": ""}, "title", "Answer the question: What is the work called?"),
    ],
)
def test_a_mistake_is_shown_beside_the_field_and_what_was_typed_is_kept(
    client, asker, team, changes, field, message
):
    client.force_login(asker)
    data = valid_request(team, **changes)
    response = client.post(reverse("opportunities:request_new"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in e for e in form.errors[field]), form.errors
    body = response.content.decode()
    assert "There is a problem" in body
    assert f'href="#id_{field}"' in body
    # What was typed comes back in the fields.
    assert 'value="Redesigning the carers&#39; assessment"' in body or not data.get("title")
    assert f'value="{data["start_time"]}"' in body
    assert Opportunity.objects.count() == 0


def test_a_good_request_is_saved_with_its_sessions_and_the_team_is_emailed(
    client, asker, team, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    skill = SkillFactory(name="Reading papers")
    venue = VenueFactory()
    data = valid_request(
        team,
        repeat="monthly_weekday",
        count="3",
        first_date="3/3/2026",
        venue=str(venue.pk),
        wanted_skills=[str(skill.pk)],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opportunities:request_new"), data)
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:request_detail", args=[opportunity.pk])
    assert opportunity.status == RequestStatus.REQUESTED
    assert opportunity.requested_by == asker
    assert opportunity.hourly_rate == Decimal("25.00")
    assert opportunity.prerequisites == ["confidentiality"]
    assert list(opportunity.wanted_skills.all()) == [skill]
    starts = [s.starts_at.astimezone(LONDON) for s in opportunity.sessions.all()]
    assert [(d.month, d.day, d.hour) for d in starts] == [(3, 3, 10), (4, 7, 10), (5, 5, 10)]
    assert all(s.venue == venue for s in opportunity.sessions.all())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert coordinator.email in message.to
    assert "Redesigning the carers' assessment" in message.subject
    assert reverse("opportunities:request_review", args=[opportunity.pk]) in message.body


def test_unpaid_work_keeps_no_rate(client, asker, team):
    client.force_login(asker)
    client.post(
        reverse("opportunities:request_new"), valid_request(team, paid="no", hourly_rate="30")
    )
    opportunity = Opportunity.objects.get()
    assert opportunity.paid is False
    assert opportunity.hourly_rate is None


def test_people_who_cannot_ask_for_involvement_are_refused(expert_client, finance_client):
    for client in (expert_client, finance_client):
        assert client.get(reverse("opportunities:request_new")).status_code == 403
