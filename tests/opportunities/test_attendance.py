"""Recording attendance and hours for everyone at a session, on one page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.services.attendance import (
    AttendanceEntry,
    AttendanceError,
    record_attendance,
)
from tests.factories import ExpertFactory, InvitationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _past_session(**kwargs):
    starts = (timezone.now() - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    return SessionFactory(
        starts_at=starts, ends_at=starts + timedelta(hours=2, minutes=30), **kwargs
    )


@pytest.fixture
def session():
    return _past_session()


@pytest.fixture
def accepted(session):
    return [
        InvitationFactory(session=session, status="accepted", expert=ExpertFactory(full_name=n))
        for n in ("Ann Attender", "Bob Absent", "Cat Late")
    ]


def _post_data(accepted, **overrides):
    data = {}
    for invitation, attendance in zip(
        accepted, ["attended", "did_not_attend", "cancelled_late"], strict=True
    ):
        data[f"attendance_{invitation.pk}"] = attendance
        data[f"hours_{invitation.pk}"] = "2.5"
    data.update(overrides)
    return data


def test_coordinator_records_attendance_for_everyone_in_one_post(
    coordinator_client, session, accepted
):
    url = reverse("opportunities:session_attendance", args=[session.pk])
    response = coordinator_client.post(
        url, _post_data(accepted, **{f"hours_{accepted[0].pk}": "3"})
    )
    assert response.status_code == 302
    ann, bob, cat = (Invitation.objects.get(pk=i.pk) for i in accepted)
    assert (ann.attendance, ann.hours) == ("attended", Decimal("3.00"))
    assert (bob.attendance, bob.hours) == ("did_not_attend", Decimal("0.00"))
    assert (cat.attendance, cat.hours) == ("cancelled_late", Decimal("0.00"))
    page = coordinator_client.get(url).content.decode()
    assert "Attendance saved for 3 people" in page


def test_page_lists_accepted_people_with_the_session_length_as_hours(
    coordinator_client, session, accepted
):
    waiting = InvitationFactory(
        session=session, status="waiting", expert=ExpertFactory(full_name="Wes Waiting")
    )
    response = coordinator_client.get(
        reverse("opportunities:session_attendance", args=[session.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    for invitation in accepted:
        assert f'name="attendance_{invitation.pk}"' in html
        assert f'id="id_hours_{invitation.pk}"' in html
    assert 'value="2.50"' in html
    # Someone without a place is shown apart, and cannot be recorded.
    assert "Wes Waiting: on the waiting list" in html
    assert f'name="attendance_{waiting.pk}"' not in html


def test_saving_twice_changes_nothing_the_second_time(coordinator, session, accepted):
    entries = [
        AttendanceEntry(accepted[0].pk, "attended", Decimal("2.5")),
        AttendanceEntry(accepted[1].pk, "did_not_attend", None),
    ]
    assert record_attendance(actor=coordinator, session=session, entries=entries) == 2
    events = AuditEvent.objects.count()
    assert record_attendance(actor=coordinator, session=session, entries=entries) == 0
    assert AuditEvent.objects.count() == events


def test_each_change_is_audited_against_the_expert(coordinator, session, accepted):
    record_attendance(
        actor=coordinator,
        session=session,
        entries=[AttendanceEntry(accepted[0].pk, "attended", Decimal("2"))],
    )
    event = AuditEvent.objects.get(action="attendance recorded")
    assert event.subject_model == "people.expert"
    assert event.subject_id == str(accepted[0].expert_id)
    assert event.object_id == str(accepted[0].pk)
    assert event.changes["attendance"] == ["Not recorded", "Attended"]
    assert event.changes["hours"] == [None, "2.00"]
    assert event.actor == coordinator


def test_attendance_is_refused_before_the_session_starts(coordinator, coordinator_client):
    future = SessionFactory()
    invitation = InvitationFactory(session=future, status="accepted")
    with pytest.raises(AttendanceError, match="before the meeting starts"):
        record_attendance(
            actor=coordinator,
            session=future,
            entries=[AttendanceEntry(invitation.pk, "attended", Decimal("2"))],
        )
    url = reverse("opportunities:session_attendance", args=[future.pk])
    page = coordinator_client.get(url).content.decode()
    assert "once the meeting has started" in page
    response = coordinator_client.post(
        url, {f"attendance_{invitation.pk}": "attended", f"hours_{invitation.pk}": "2"}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.attendance == ""


def test_one_bad_row_saves_nothing_and_keeps_what_was_typed(coordinator_client, session, accepted):
    data = _post_data(
        accepted, **{f"hours_{accepted[0].pk}": "25", f"hours_{accepted[1].pk}": "two"}
    )
    response = coordinator_client.post(
        reverse("opportunities:session_attendance", args=[session.pk]), data
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hours Ann Attender gave must be 24 or fewer" in html
    assert f'href="#id_hours_{accepted[0].pk}"' in html
    assert 'value="25"' in html
    assert 'value="two"' in html
    assert response.context["form"].errors
    assert not Invitation.objects.exclude(attendance="").exists()
    assert html.count("nhsuk-error-message") == 2


def test_attended_without_hours_is_an_error_beside_that_row(coordinator_client, session, accepted):
    data = _post_data(accepted, **{f"hours_{accepted[0].pk}": ""})
    response = coordinator_client.post(
        reverse("opportunities:session_attendance", args=[session.pk]), data
    )
    assert response.status_code == 400
    assert "Enter the hours Ann Attender gave" in response.content.decode()


def test_someone_without_a_place_cannot_be_recorded(coordinator, session):
    invited = InvitationFactory(session=session, status="invited")
    with pytest.raises(AttendanceError, match="has not accepted a place"):
        record_attendance(
            actor=coordinator,
            session=session,
            entries=[AttendanceEntry(invited.pk, "attended", Decimal("2"))],
        )


def test_an_invitation_to_another_session_is_refused(coordinator, session):
    elsewhere = InvitationFactory(session=_past_session(), status="accepted")
    with pytest.raises(AttendanceError):
        record_attendance(
            actor=coordinator,
            session=session,
            entries=[AttendanceEntry(elsewhere.pk, "attended", Decimal("2"))],
        )
    elsewhere.refresh_from_db()
    assert elsewhere.attendance == ""


def test_the_page_costs_the_same_queries_for_three_people_or_thirty(
    coordinator_client, django_assert_num_queries, session, accepted
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("opportunities:session_attendance", args=[session.pk])
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for _ in range(27):
        InvitationFactory(session=session, status="accepted")
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(url)
    assert len(many) == len(few)
