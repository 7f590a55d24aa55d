"""manage.py scheduler: the one process that starts periodic jobs (coproduce/schedule.py).
Run exactly one. Each job only enqueues a task, so the work itself runs in the task worker,
is retried there like any other task, and is never done twice by two schedulers' threads."""

import logging
import signal
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils.module_loading import import_string
from django_tasks.base import Task

from coproduce.schedule import SCHEDULE

logger = logging.getLogger("coproduce.scheduler")


def enqueue(path: str) -> None:
    """Runs in the scheduler's thread pool: a fresh database connection each time, since
    hours pass between jobs and the database may have closed the last one."""
    close_old_connections()
    try:
        result = import_string(path).enqueue()
        logger.info("Enqueued %s as task %s", path, result.id)
    finally:
        close_old_connections()


def build_scheduler(schedule: dict[str, str] = SCHEDULE) -> BlockingScheduler:
    scheduler = BlockingScheduler(
        timezone=settings.TIME_ZONE,
        # After downtime, a missed run happens once when the scheduler is back (within an
        # hour), not once per missed day, and never twice at the same time.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60 * 60},
    )
    for path, crontab in schedule.items():
        task = import_string(path)  # a wrong path stops start-up, not a job at 3am
        if not isinstance(task, Task):
            raise CommandError(f"{path} is not a task: decorate it with @task()")
        trigger = CronTrigger.from_crontab(crontab, timezone=settings.TIME_ZONE)
        scheduler.add_job(enqueue, trigger, args=[path], id=path, name=path)
    return scheduler


class Command(BaseCommand):
    help = "Runs the periodic jobs in coproduce/schedule.py: each enqueues a background task."

    def handle(self, *args, **options) -> None:
        scheduler = build_scheduler()

        def stop(signum: int, frame: FrameType | None) -> None:
            logger.info("Received %s: stopping the scheduler.", signal.strsignal(signum))
            # Jobs only enqueue, in well under a second: nothing is lost by not waiting.
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        for job in scheduler.get_jobs():
            logger.info("Scheduled %s: %s", job.name, job.trigger)
        scheduler.start()
        logger.info("Scheduler stopped.")
