"""The scheduler: each job in coproduce/schedule.py enqueues a task for the worker, on its
cron line in UK time, and the process stops cleanly on SIGTERM."""

import signal
import subprocess
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from coproduce.core.management.commands.scheduler import build_scheduler, enqueue
from coproduce.schedule import SCHEDULE
from tests.deploy.servers import Processes, production_environment, wait_for

LONDON = ZoneInfo("Europe/London")


def test_every_scheduled_job_is_a_task_with_a_valid_time():
    scheduler = build_scheduler()

    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == set(SCHEDULE)
    assert "coproduce.retention.tasks.apply_retention" in jobs


def test_the_retention_rules_are_applied_at_3_15_am_uk_time_whatever_the_season():
    job = build_scheduler().get_job("coproduce.retention.tasks.apply_retention")
    for now in (datetime(2026, 1, 10, 12, tzinfo=LONDON), datetime(2026, 7, 10, 12, tzinfo=LONDON)):
        fires = job.trigger.get_next_fire_time(None, now).astimezone(LONDON)
        assert (fires.date().day, fires.hour, fires.minute) == (11, 3, 15)


def test_a_wrong_task_path_stops_the_scheduler_at_start_not_at_3am():
    with pytest.raises(ImportError):
        build_scheduler({"coproduce.people.tasks.no_such_task": "15 3 * * *"})


# A real transaction: the job closes stale connections, as it must after hours of waiting,
# and that would close the connection of a test wrapped in a transaction.
@pytest.mark.django_db(transaction=True)
def test_a_job_enqueues_its_task_for_the_worker_and_does_no_work_itself(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

    enqueue("coproduce.retention.tasks.forget_abandoned_imports")

    waiting = DBTaskResult.objects.get()
    assert waiting.task_path == "coproduce.retention.tasks.forget_abandoned_imports"
    assert waiting.status == "READY"  # the worker runs it, not the scheduler


@pytest.mark.django_db
def test_the_task_forgets_abandoned_imports():
    from coproduce.retention.tasks import forget_abandoned_imports

    # The suite runs tasks at once: the result is the number forgotten (none here).
    assert forget_abandoned_imports.enqueue().return_value == 0


def test_the_scheduler_stops_cleanly_on_sigterm(tmp_path):
    env = production_environment(
        tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", LOG_LEVEL="INFO"
    )
    processes = Processes(tmp_path)
    try:
        scheduler = processes.start("scheduler", env)
        assert wait_for(lambda: "Scheduler started" in scheduler.output(), timeout=60), (
            scheduler.output()
        )
        started = time.monotonic()
        scheduler.popen.send_signal(signal.SIGTERM)
        try:
            code = scheduler.popen.wait(10)
        except subprocess.TimeoutExpired:
            code = None
        assert code == 0, scheduler.output()
        assert time.monotonic() - started < 10
        assert "Scheduler stopped" in scheduler.output()
    finally:
        processes.stop_all()
