"""Task workers leave a heartbeat in the database, so that the readiness URL can say whether
one is running. The database, not the cache: without REDIS_URL each process has its own
cache, and the web process would never see the worker's beats."""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from coproduce.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def max_age() -> timedelta:
    """A worker counts as seen if it beat within three intervals: one missed beat (a slow
    database, a long garbage collection) does not make the service look down."""
    return timedelta(seconds=3 * settings.WORKER_HEARTBEAT_SECONDS)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": timezone.now()}
    )
    # Workers that died without saying goodbye leave rows behind; a day is plenty to keep.
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()


def forget(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def worker_seen_recently() -> bool:
    return WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - max_age()).exists()


class Heartbeat:
    """Beats every WORKER_HEARTBEAT_SECONDS from a daemon thread while the worker's loop runs
    in the main thread. The thread dies with the process, so a killed or crashed worker stops
    beating; `stop()` removes the row at once when the worker stops cleanly."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        beat(self.worker_id)  # at once, so readiness is true as soon as the worker is up
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        # Let a beat in progress finish first, or it could write the row back after we remove
        # it. The database's connect timeout bounds how long that can take.
        self._thread.join(timeout=20)
        for _attempt in (1, 2):
            try:
                forget(self.worker_id)
                return
            except Exception:  # noqa: BLE001 - the database may be the reason we are stopping
                # A stop that came in the middle of a query can leave this thread's connection
                # unusable: try once more on a fresh one, or readiness would keep saying a
                # stopped worker runs until its last beat grows old.
                connection.close()
        logger.warning("Could not remove the heartbeat of worker %s", self.worker_id)

    def _run(self) -> None:
        while not self._stopping.wait(settings.WORKER_HEARTBEAT_SECONDS):
            try:
                close_old_connections()
                beat(self.worker_id)
            except Exception:  # noqa: BLE001 - keep beating once the database is back
                logger.warning("Could not record the heartbeat of worker %s", self.worker_id)
                connection.close()
        connection.close()
