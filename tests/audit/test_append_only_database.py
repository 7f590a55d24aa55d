"""The audit trail is append-only in the database itself (audit migration 0003): an UPDATE or a
DELETE sent as raw SQL is refused on SQLite and PostgreSQL alike, for every column. Deleting a
user account still works: its events keep the name and lose only the link."""

import pytest
from django.db import DatabaseError, connection, transaction

from coproduce.audit.models import AuditEvent, RecordView
from coproduce.audit.services import record_change, record_view
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

VALUES = {"at": "2020-01-01 00:00:00", "changes": "{}", "id": 999999}


def refused(sql: str, params: list) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)
    return str(error.value)


def columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


@pytest.fixture
def event(coordinator):
    return record_change(actor=coordinator, instance=ExpertFactory(), action="updated", summary="x")


@pytest.mark.parametrize("column", columns(AuditEvent))
def test_no_column_of_an_audit_event_can_be_updated(event, column):
    value = UserFactory().pk if column == "actor_id" else VALUES.get(column, "rewritten")
    message = refused(f"UPDATE audit_auditevent SET {column} = %s WHERE id = %s", [value, event.pk])
    assert "Audit records cannot be changed or deleted" in message
    assert AuditEvent.objects.filter(pk=event.pk, summary="x", actor=event.actor).exists()


def test_an_audit_event_cannot_be_deleted(event):
    message = refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert "Audit records cannot be changed or deleted" in message
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("column", columns(RecordView))
def test_a_record_view_cannot_be_updated_or_deleted(coordinator, column):
    view = record_view(viewer=coordinator, instance=ExpertFactory())
    value = UserFactory().pk if column == "viewer_id" else VALUES.get(column, "rewritten")
    refused(f"UPDATE audit_recordview SET {column} = %s WHERE id = %s", [value, view.pk])
    refused("DELETE FROM audit_recordview WHERE id = %s", [view.pk])
    assert RecordView.objects.filter(pk=view.pk, viewer=coordinator).exists()


def test_deleting_a_user_keeps_their_events_under_their_name(event, coordinator):
    coordinator.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor is None and event.actor_label == "Cora Coordinator"
    assert event.summary == "x"


@pytest.mark.django_db(transaction=True)
def test_the_tests_flush_still_empties_the_audit_trail(coordinator):
    """A transactional test is emptied by a flush afterwards: TRUNCATE on PostgreSQL, which
    fires no row trigger, and on SQLite a DELETE the triggers let through (tests/conftest.py).
    The raw DELETE here, outside any flush, is still refused."""
    event = record_change(actor=coordinator, instance=ExpertFactory(), action="updated")
    refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    # The teardown's flush must now empty the tables without an error.


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_audit_trail_is_empty_and_guarded_again(coordinator):
    assert not AuditEvent.objects.exists()
    event = record_change(actor=coordinator, instance=ExpertFactory(), action="updated")
    refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
