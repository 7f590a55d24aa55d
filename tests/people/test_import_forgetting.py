"""Uploads nobody finished are forgotten after a day, files and all."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from coproduce.people.models import ImportBatch
from tests.people.importing import make_batch, person

pytestmark = pytest.mark.django_db


def test_an_abandoned_upload_is_forgotten_when_the_next_import_starts(coordinator):
    with time_machine.travel(timezone.now() - timedelta(days=2), tick=False):
        old = make_batch(coordinator, [person(1)])
    stored = old.file.name
    storage = old.file.storage
    assert storage.exists(stored)

    fresh = make_batch(coordinator, [person(2)])

    assert list(ImportBatch.objects.all()) == [fresh]


def test_a_recent_or_imported_upload_is_kept(coordinator):
    recent = make_batch(coordinator, [person(1)])
    call_command("forget_abandoned_imports")
    assert ImportBatch.objects.filter(pk=recent.pk).exists()


def test_the_daily_command_forgets_old_uploads_and_their_files(
    coordinator, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now() - timedelta(days=2), tick=False):
        old = make_batch(coordinator, [person(1)])
    stored, storage = old.file.name, old.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        call_command("forget_abandoned_imports")

    assert not ImportBatch.objects.filter(pk=old.pk).exists()
    assert not storage.exists(stored)
