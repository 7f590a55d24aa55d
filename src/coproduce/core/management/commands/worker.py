"""manage.py worker: the task worker. It is django-tasks-db's `db_worker`, with all its
options, plus a heartbeat in the database that the readiness URL reads."""

import os
import signal
import sys

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from coproduce.core.heartbeat import Heartbeat


class Command(db_worker.Command):
    help = "Runs background tasks from the database queue and records that it is alive."

    def handle(self, *args, **options) -> None:
        if options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # With --reload (development), this process only watches the code and restarts
            # a child that runs the tasks: the child beats, not this one.
            super().handle(*args, **options)
            return
        # Until db_worker sets its own handlers, a stop asked for (a container stopped just
        # as it started) ends the worker cleanly: no task is running yet.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: sys.exit(0))
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            # db_worker leaves its loop by SystemExit on SIGTERM or SIGINT: this still runs.
            heartbeat.stop()
