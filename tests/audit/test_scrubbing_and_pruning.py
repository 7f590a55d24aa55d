"""The two narrow ways past the append-only triggers (audit migration 0005): erasure may
rewrite the content of the events about the person erased, and retention may delete rows
older than a cutoff, each only inside its own transaction. Outside them, and for any other
row or column, the database still refuses."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent, RecordView
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def refused(sql: str, params: list) -> None:
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)
    assert "Audit records cannot be changed or deleted" in str(error.value)


@pytest.fixture
def two_people(coordinator):
    mine, other = ExpertFactory(), ExpertFactory()
    events = [
        audit.record_change(
            actor=coordinator,
            instance=e,
            action="updated",
            summary="Called Sam Smith about it",
            changes={"a": [1, 2]},
        )
        for e in (mine, other)
    ]
    return mine, other, events


def test_scrubbing_rewrites_the_content_of_the_persons_events_only(two_people):
    mine, other, (my_event, other_event) = two_people
    with transaction.atomic(), audit.scrubbing(mine):
        AuditEvent.objects.filter(pk=my_event.pk).update(summary="gone", changes={"a": "x"})
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=other_event.pk).update(summary="gone")
    assert AuditEvent.objects.get(pk=my_event.pk).summary == "gone"
    assert AuditEvent.objects.get(pk=other_event.pk).summary == "Called Sam Smith about it"


@pytest.mark.parametrize("column", ["at", "action", "model", "object_id", "subject_id"])
def test_scrubbing_never_changes_when_what_or_whose(two_people, column):
    mine, _, (my_event, _) = two_people
    value = "2020-01-01 00:00:00" if column == "at" else "rewritten"
    with transaction.atomic(), audit.scrubbing(mine):
        refused(f"UPDATE audit_auditevent SET {column} = %s WHERE id = %s", [value, my_event.pk])


def test_after_scrubbing_the_persons_events_are_guarded_again(two_people):
    mine, _, (my_event, _) = two_people
    with transaction.atomic(), audit.scrubbing(mine):
        pass
    refused("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["x", my_event.pk])
    refused("DELETE FROM audit_auditevent WHERE id = %s", [my_event.pk])


def test_scrubbing_never_deletes(two_people):
    mine, _, (my_event, _) = two_people
    with transaction.atomic(), audit.scrubbing(mine):
        refused("DELETE FROM audit_auditevent WHERE id = %s", [my_event.pk])


def test_scrubbing_reaches_the_events_the_persons_account_made(coordinator):
    subject = ExpertFactory()
    event = audit.record_change(actor=coordinator, instance=subject, action="updated")
    with transaction.atomic(), audit.scrubbing(coordinator):
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="Erased person")
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "Erased person"


def test_scrub_events_keeps_the_keys_and_erases_the_values(two_people):
    mine, _, (my_event, _) = two_people
    expert = mine
    with transaction.atomic(), audit.scrubbing(expert):
        audit.scrub_events(
            AuditEvent.objects.filter(pk=my_event.pk), names=["SAM SMITH"], label="Erased person 1"
        )
    event = AuditEvent.objects.get(pk=my_event.pk)
    assert event.changes == {"a": ["erased", "erased"]}
    assert event.summary == "Details erased"
    assert event.action == "updated" and event.actor_label == "Cora Coordinator"


def test_scrub_events_without_values_replaces_only_the_name(two_people):
    mine, _, (my_event, _) = two_people
    with transaction.atomic(), audit.scrubbing(mine):
        audit.scrub_events(
            AuditEvent.objects.filter(pk=my_event.pk),
            names=["sam smith"],
            label="Erased person 1",
            values=False,
        )
    event = AuditEvent.objects.get(pk=my_event.pk)
    assert event.summary == "Called Erased person 1 about it"
    assert event.changes == {"a": [1, 2]}


def _old_and_new(coordinator):
    expert = ExpertFactory()
    new = audit.record_change(actor=coordinator, instance=expert, action="updated")
    # A test cannot move an event into the past (no UPDATE): it is written there.
    old = AuditEvent.objects.create(
        at=timezone.now() - timedelta(days=400),
        actor_label="x",
        action="updated",
        model="people.expert",
        object_id=str(expert.pk),
        subject_model="people.expert",
        subject_id=str(expert.pk),
    )
    view = RecordView.objects.create(
        at=timezone.now() - timedelta(days=400), subject_model="people.expert", subject_id="1"
    )
    return old, new, view


def test_pruning_deletes_rows_before_the_cutoff_only(coordinator):
    old, new, view = _old_and_new(coordinator)
    cutoff = timezone.now() - timedelta(days=365)
    with transaction.atomic(), audit.pruning(before=cutoff):
        AuditEvent.objects.filter(at__lt=cutoff).delete()
        RecordView.objects.filter(at__lt=cutoff).delete()
        refused("DELETE FROM audit_auditevent WHERE id = %s", [new.pk])
        refused("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [new.pk])
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert not RecordView.objects.filter(pk=view.pk).exists()
    assert AuditEvent.objects.filter(pk=new.pk).exists()


def test_after_pruning_old_rows_are_guarded_again(coordinator):
    old, _, view = _old_and_new(coordinator)
    with transaction.atomic(), audit.pruning(before=timezone.now()):
        pass
    refused("DELETE FROM audit_auditevent WHERE id = %s", [old.pk])
    refused("DELETE FROM audit_recordview WHERE id = %s", [view.pk])
