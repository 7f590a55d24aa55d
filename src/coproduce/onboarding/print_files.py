"""Badge print files hold many experts' names and photos: they are kept only as long as it
takes to download and print them. A nightly task (coproduce.schedule) forgets any made more
than KEEP_DAYS ago, with the stored file; the coordinator can make the sheets again."""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from coproduce.onboarding.models import BadgePrint

KEEP_DAYS = 7


@transaction.atomic
def forget_old_badge_prints(*, older_than: timedelta = timedelta(days=KEEP_DAYS)) -> int:
    """Deletes the badge print runs made before `older_than` ago, and their files once the
    deletion has committed; returns how many went."""
    old = list(BadgePrint.objects.filter(created_at__lt=timezone.now() - older_than))
    for run in old:
        if run.file:
            transaction.on_commit(partial(run.file.storage.delete, run.file.name))
    BadgePrint.objects.filter(pk__in=[run.pk for run in old]).delete()
    return len(old)
