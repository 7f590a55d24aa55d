"""Changing and cancelling a session: each raises the calendar sequence, sends
`session_changed` once saved, and refuses a session that has already started."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coproduce.opportunities.choices import SessionStatus
from coproduce.opportunities.services import sessions as services
from coproduce.opportunities.signals import session_changed
from tests.dates import boxes_html, date_boxes
from tests.factories import SessionFactory, VenueFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def heard():
    calls = []

    def listener(sender, session, cancelled, **kwargs):
        calls.append((session.pk, cancelled))

    session_changed.connect(listener, dispatch_uid="test-listener")
    yield calls
    session_changed.disconnect(dispatch_uid="test-listener")


@pytest.fixture
def session(db):
    return SessionFactory(
        starts_at=datetime(2026, 3, 17, 10, tzinfo=LONDON),
        ends_at=datetime(2026, 3, 17, 12, tzinfo=LONDON),
    )


def test_changing_a_session_raises_its_sequence_and_tells_listeners(
    coordinator, session, heard, django_capture_on_commit_callbacks
):
    venue = VenueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.change_session(
            actor=coordinator,
            session=session,
            starts_at=session.starts_at + timedelta(hours=1),
            ends_at=session.ends_at + timedelta(hours=1),
            venue=venue,
            papers="Agenda sent by post",
        )
    assert changed.sequence == 1
    assert changed.venue == venue
    assert heard == [(session.pk, False)]


def test_cancelling_a_session_raises_its_sequence_and_tells_listeners(
    coordinator, session, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.cancel_session(actor=coordinator, session=session, reason="Snow")
    assert cancelled.status == SessionStatus.CANCELLED
    assert cancelled.sequence == 1
    assert heard == [(session.pk, True)]


def test_nothing_is_sent_when_the_change_is_rolled_back(coordinator, session, heard):
    # Without the on-commit callbacks run, listeners hear nothing.
    services.cancel_session(actor=coordinator, session=session, reason="Snow")
    assert heard == []


def test_a_session_in_the_past_cannot_be_changed_or_cancelled(coordinator, db, heard):
    past = SessionFactory(starts_at=NOW - timedelta(days=1), ends_at=NOW - timedelta(hours=22))
    with pytest.raises(services.SessionInPast):
        services.cancel_session(actor=coordinator, session=past, reason="Too late")
    with pytest.raises(services.SessionInPast):
        services.change_session(
            actor=coordinator,
            session=past,
            starts_at=NOW + timedelta(days=1),
            ends_at=NOW + timedelta(days=1, hours=1),
            venue=None,
            papers="",
        )
    past.refresh_from_db()
    assert past.sequence == 0


def test_the_change_form_keeps_what_was_typed_and_refuses_an_end_before_the_start(
    coordinator_client, session
):
    url = reverse("opportunities:session_edit", args=[session.pk])
    page = coordinator_client.get(url).content.decode()
    assert all(box in page for box in boxes_html("date", "17/3/2026"))
    assert 'value="10am"' in page
    response = coordinator_client.post(
        url,
        date_boxes("date", "18/3/2026")
        | {"start_time": "2pm", "end_time": "1pm", "venue": "", "papers": ""},
    )
    body = response.content.decode()
    assert "The end time must be after the start time" in body
    assert all(box in body for box in boxes_html("date", "18/3/2026")) and 'value="1pm"' in body
    session.refresh_from_db()
    assert session.sequence == 0


def test_a_date_in_the_past_is_refused_on_the_change_form(coordinator_client, session):
    url = reverse("opportunities:session_edit", args=[session.pk])
    response = coordinator_client.post(
        url, date_boxes("date", "1/3/2026") | {"start_time": "10am", "end_time": "11am"}
    )
    assert "The date must be today or in the future" in response.content.decode()


def test_the_coordinator_moves_and_then_cancels_a_session(coordinator_client, session):
    url = reverse("opportunities:session_edit", args=[session.pk])
    response = coordinator_client.post(
        url,
        date_boxes("date", "18/3/2026")
        | {"start_time": "2pm", "end_time": "3:30pm", "papers": "Agenda"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == datetime(2026, 3, 18, 14, tzinfo=LONDON)
    assert session.ends_at == datetime(2026, 3, 18, 15, 30, tzinfo=LONDON)
    assert session.sequence == 1

    cancel = reverse("opportunities:session_cancel", args=[session.pk])
    response = coordinator_client.post(cancel, {"reason": ""})
    assert "Enter why it is cancelled" in response.content.decode()
    coordinator_client.post(cancel, {"reason": "The room is not available"})
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.sequence == 2


def test_adding_a_session_to_an_opportunity(coordinator_client, session):
    opportunity = session.opportunity
    response = coordinator_client.post(
        reverse("opportunities:session_add", args=[opportunity.pk]),
        date_boxes("date", "24/3/2026") | {"start_time": "10:30am", "end_time": "noon"},
    )
    assert response.status_code == 302
    added = opportunity.sessions.order_by("-starts_at").first()
    assert added.starts_at == datetime(2026, 3, 24, 10, 30, tzinfo=LONDON)
    assert added.ends_at == datetime(2026, 3, 24, 12, 0, tzinfo=LONDON)
