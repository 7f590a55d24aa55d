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
from tests.dates import boxes_html, date_boxes, with_date_boxes
from tests.factories import (
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
    TeamFactory,
    VenueFactory,
)

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


DATES = ("first_date", "until")


def valid_request(team, **changes) -> dict:
    """A good request's form data; dates are given as "17/3/2026" and sent as three boxes."""
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
    return with_date_boxes({k: v for k, v in data.items() if v is not None}, *DATES)


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
        ({"first_date": ""}, "first_date", "Enter the date the first session starts"),
        ({"first_date": "17//2026"}, "first_date", "Date must include a month"),
        ({"first_date": "/3/"}, "first_date", "Date must include a day and year"),
        ({"first_date": "31/2/2026"}, "first_date", "Date must be a real date"),
        ({"first_date": "17/3/26"}, "first_date", "Year must include 4 numbers"),
        ({"repeat": "weekly", "until": "31/13/2026"}, "until", "Last date must be a real date"),
        ({"start_time": "half ten"}, "start_time", "Enter a time like 10am"),
        (
            {"hourly_rate": ""},
            "hourly_rate",
            "Enter the hourly rate agreed for this work: there is no payment policy yet",
        ),
        ({"repeat": "weekly"}, "count", "Enter how many sessions, or the last date"),
        (
            {"repeat": "weekly", "until": "1/3/2026"},
            "until",
            "The last date must be on or after the first session",
        ),
        ({"title": ""}, "title", "Enter what the work is called"),
        ({"description": ""}, "description", "Enter what the work is and what experts will do"),
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
    # A date links to its day box.
    anchor = f"id_{field}-day" if field in DATES else f"id_{field}"
    assert f'href="#{anchor}"' in body
    # What was typed comes back in the fields.
    assert 'value="Redesigning the carers&#39; assessment"' in body or not data.get("title")
    assert f'value="{data["start_time"]}"' in body
    typed = {"first_date": "17/3/2026", "until": "", **changes}
    for name in DATES:
        assert all(box in body for box in boxes_html(name, typed[name])), name
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


# Editing keeps the repeat pattern ---------------------------------------------------------


def form_as_shown(form) -> dict:
    """What a browser sends back when the person changes nothing: each field as the page
    shows it, a date as its three boxes."""
    data = {}
    for bound in form:
        value = bound.value()
        if bound.name in DATES:
            data.update(date_boxes(bound.name, "/".join(value)))
        elif isinstance(value, list | tuple):
            data[bound.name] = [str(getattr(v, "pk", v)) for v in value]
        elif value is not None:
            data[bound.name] = str(value)
    return data


def session_starts(opportunity) -> list[datetime]:
    return [s.starts_at for s in opportunity.sessions.order_by("starts_at")]


def test_editing_a_first_tuesday_request_keeps_its_pattern_and_sessions(
    client, asker, team, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    data = valid_request(team, repeat="monthly_weekday", count="4", first_date="3/3/2026")
    client.post(reverse("opportunities:request_new"), data)
    opportunity = Opportunity.objects.get()
    before = session_starts(opportunity)
    assert [d.astimezone(LONDON).day for d in before] == [3, 7, 5, 2]  # first Tuesdays
    assert (opportunity.repeat, opportunity.repeat_count) == ("monthly_weekday", 4)

    edit = reverse("opportunities:request_edit", args=[opportunity.pk])
    response = client.get(edit)
    form = response.context["form"]
    assert form["repeat"].value() == "monthly_weekday"
    assert form["count"].value() == 4
    body = response.content.decode()
    assert 'value="monthly_weekday" checked' in body
    assert 'name="count" type="text" value="4"' in body
    assert all(box in body for box in boxes_html("first_date", "3/3/2026"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, form_as_shown(form))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == RequestStatus.REQUESTED
    assert session_starts(opportunity) == before
    assert (opportunity.repeat, opportunity.repeat_count) == ("monthly_weekday", 4)


def test_editing_a_series_with_a_last_date_keeps_the_last_date(client, asker, team):
    client.force_login(asker)
    data = valid_request(team, repeat="fortnightly", first_date="3/3/2026", until="28/4/2026")
    client.post(reverse("opportunities:request_new"), data)
    opportunity = Opportunity.objects.get()
    before = session_starts(opportunity)
    assert len(before) == 5

    edit = reverse("opportunities:request_edit", args=[opportunity.pk])
    form = client.get(edit).context["form"]
    assert form["repeat"].value() == "fortnightly"
    assert form["count"].value() is None
    assert form["until"].value() == ["28", "4", "2026"]

    assert client.post(edit, form_as_shown(form)).status_code == 302
    opportunity.refresh_from_db()
    assert session_starts(opportunity) == before
    assert opportunity.repeat_until.isoformat() == "2026-04-28"


def test_an_older_request_without_a_stored_pattern_shows_the_one_its_sessions_follow(
    client, asker, team
):
    opportunity = OpportunityFactory(team=team, requested_by=asker, status="requested")
    for month, day in ((3, 17), (4, 17), (5, 17)):
        starts = datetime(2026, month, day, 10, tzinfo=LONDON)
        SessionFactory(opportunity=opportunity, starts_at=starts, ends_at=starts.replace(hour=12))
    client.force_login(asker)
    form = client.get(reverse("opportunities:request_edit", args=[opportunity.pk])).context["form"]
    assert (form["repeat"].value(), form["count"].value()) == ("monthly_date", 3)


def test_a_stored_pattern_that_no_longer_gives_the_sessions_is_not_shown(client, asker, team):
    """Sessions moved one by one since: the form offers what the sessions now are, weekly
    with their number when they follow no pattern, as before the pattern was kept."""
    opportunity = OpportunityFactory(
        team=team, requested_by=asker, status="requested", repeat="weekly", repeat_count=2
    )
    for month, day in ((3, 17), (3, 20), (4, 2)):
        starts = datetime(2026, month, day, 10, tzinfo=LONDON)
        SessionFactory(opportunity=opportunity, starts_at=starts, ends_at=starts.replace(hour=12))
    client.force_login(asker)
    form = client.get(reverse("opportunities:request_edit", args=[opportunity.pk])).context["form"]
    assert (form["repeat"].value(), form["count"].value()) == ("weekly", 3)
