"""Prints of many welcome packs hold many experts' names: they are kept only as long as it
takes to download and print them. A nightly task forgets any made more than KEEP_DAYS ago,
with the stored file; the coordinator can make the packs again."""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from coproduce.welcome.models import WelcomePrint

KEEP_DAYS = 7


@transaction.atomic
def forget_old_welcome_prints(*, older_than: timedelta = timedelta(days=KEEP_DAYS)) -> int:
    """Deletes the prints made before `older_than` ago, and their files once the deletion
    has committed; returns how many went."""
    old = list(WelcomePrint.objects.filter(created_at__lt=timezone.now() - older_than))
    for run in old:
        if run.file:
            transaction.on_commit(partial(run.file.storage.delete, run.file.name))
    WelcomePrint.objects.filter(pk__in=[run.pk for run in old]).delete()
    return len(old)
