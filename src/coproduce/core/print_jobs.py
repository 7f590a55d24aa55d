"""Print jobs: many documents (badges, welcome packs) made into one PDF by a background task,
counting as it goes so the person who started it sees progress, and kept privately until a
nightly task forgets it.

A print job is a row with the fields `state` (queued, making, done, failed), `total`,
`prepared`, `file`, `finished_at` and `problem` (onboarding.BadgePrint, welcome.WelcomePrint).
Each app's task says how to make its PDF; `run` does the rest the same way for every kind:
it claims the job once (a task run twice makes it once), records progress, keeps the file
and, if anything goes wrong, says so in words the person can act on, with the error logged."""

import logging
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any, Protocol

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

QUEUED, MAKING, DONE, FAILED = "queued", "making", "done", "failed"


class Progress(Protocol):
    def total(self, count: int) -> None: ...

    def prepared(self, count: int) -> None: ...


class _Counter:
    """Writes the job's counts as the task goes, each in one UPDATE."""

    def __init__(self, model: type[models.Model], pk: int):
        self._rows = model._default_manager.filter(pk=pk)

    def total(self, count: int) -> None:
        self._rows.update(total=count)

    def prepared(self, count: int) -> None:
        self._rows.update(prepared=count)


def run(
    model: type[models.Model],
    pk: int,
    *,
    make: Callable[[Any, Progress], tuple[bytes, int]],
    file_name: str,
    problem: str,
) -> int:
    """Makes the job's PDF with `make(job, progress)`, which returns the PDF and how many
    documents are in it, and keeps it with the job; returns that number, or 0 if the job was
    already taken or could not be made (then `problem` is what the person is told)."""
    rows = model._default_manager.filter(pk=pk)
    if not rows.filter(state=QUEUED).update(state=MAKING):
        return 0
    job: Any = rows.get()
    try:
        pdf, count = make(job, _Counter(model, pk))
    except Exception:
        logger.exception("%s %s could not be made", model._meta.verbose_name, pk)
        rows.update(state=FAILED, finished_at=timezone.now(), problem=problem)
        return 0
    job.file.save(file_name, ContentFile(pdf), save=False)
    rows.update(file=job.file.name, state=DONE, finished_at=timezone.now(), prepared=F("total"))
    return count


@transaction.atomic
def forget_old(model: type[models.Model], *, older_than: timedelta) -> int:
    """Deletes the jobs made before `older_than` ago, and their files once the deletion has
    committed; returns how many went."""
    old: list[Any] = list(model._default_manager.filter(created_at__lt=timezone.now() - older_than))
    for job in old:
        if job.file:
            transaction.on_commit(partial(job.file.storage.delete, job.file.name))
    model._default_manager.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
