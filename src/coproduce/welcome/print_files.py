"""Prints of many welcome packs hold many experts' names: they are kept only as long as it
takes to download and print them. A nightly task forgets any made more than KEEP_DAYS ago,
with the stored file; the coordinator can make the packs again."""

from datetime import timedelta

from coproduce.core import print_jobs
from coproduce.welcome.models import WelcomePrint

KEEP_DAYS = 7


def forget_old_welcome_prints(*, older_than: timedelta = timedelta(days=KEEP_DAYS)) -> int:
    """Deletes the prints made before `older_than` ago, and their files once the deletion
    has committed; returns how many went."""
    return print_jobs.forget_old(WelcomePrint, older_than=older_than)
