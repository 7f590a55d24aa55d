"""Badge print files hold many experts' names and photos: they are kept only as long as it
takes to download and print them. A nightly task (coproduce.schedule) forgets any made more
than KEEP_DAYS ago, with the stored file; the coordinator can make the sheets again."""

from datetime import timedelta

from coproduce.core import print_jobs
from coproduce.onboarding.models import BadgePrint

KEEP_DAYS = 7


def forget_old_badge_prints(*, older_than: timedelta = timedelta(days=KEEP_DAYS)) -> int:
    """Deletes the badge print runs made before `older_than` ago, and their files once the
    deletion has committed; returns how many went."""
    return print_jobs.forget_old(BadgePrint, older_than=older_than)
