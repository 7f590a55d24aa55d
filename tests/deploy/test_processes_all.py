"""`deploy/entrypoint all`: the one command that starts everything on one machine. It
migrates, starts web, worker and scheduler, stops them all on SIGTERM, and stops them all
when any one of them stops."""

import signal
import subprocess

import pytest
import requests
from django.db import connection

from coproduce.core.models import WorkerHeartbeat
from tests.deploy.servers import (
    HOST,
    Processes,
    database_url,
    free_port,
    production_environment,
    require_postgresql_and_redis,
    wait_for,
)
from tests.deploy.static import collected_static

pytestmark = pytest.mark.django_db(transaction=True)


def children_of(pid: int) -> list[int]:
    listed = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(line) for line in listed.stdout.split()]


@pytest.fixture
def start_all(tmp_path, tmp_path_factory):
    settings_dict = connection.settings_dict
    require_postgresql_and_redis(settings_dict)
    port = free_port()
    env = production_environment(
        tmp_path,
        DATABASE_URL=database_url(settings_dict),
        STATIC_ROOT=str(collected_static(tmp_path_factory)),
        PORT=str(port),
        HOST=HOST,
        LOG_LEVEL="INFO",  # to read that each process stopped
    )
    processes = Processes(tmp_path)
    # Rows left by workers of other test modules would hide whether this one said goodbye.
    WorkerHeartbeat.objects.all().delete()

    def start():
        everything = processes.start("all", env)
        url = f"http://{HOST}:{port}/health/ready/"

        def ready() -> bool:
            try:
                return requests.get(url, timeout=10).status_code == 200
            except requests.RequestException:
                return False

        assert wait_for(ready, timeout=180, every=1), everything.output()[-3000:]
        assert len(children_of(everything.popen.pid)) == 3  # web, worker, scheduler
        assert WorkerHeartbeat.objects.count() == 1
        return everything, url

    yield start
    processes.stop_all()


def test_sigterm_stops_web_worker_and_scheduler_gracefully(start_all):
    everything, url = start_all()
    children = children_of(everything.popen.pid)

    everything.popen.send_signal(signal.SIGTERM)

    assert everything.popen.wait(60) == 0
    assert all(not pid_alive(pid) for pid in children)
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=5)
    # The worker said goodbye: readiness elsewhere would not count it.
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == []
    output = everything.output()
    assert "Scheduler stopped." in output
    assert "Shutting down: Master" in output


def test_when_one_process_stops_the_others_are_stopped_too(start_all):
    everything, url = start_all()
    children = children_of(everything.popen.pid)
    scheduler = next(pid for pid in children if "scheduler" in command_line(pid))

    # The scheduler stops on its own (as if it had crashed or been killed by hand).
    subprocess.run(["kill", "-TERM", str(scheduler)], check=True)

    assert everything.popen.wait(60) != 0  # a half-stopped service is a failure
    assert all(not pid_alive(pid) for pid in children)
    assert "a process stopped" in everything.output()


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def command_line(pid: int) -> str:
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        return cmdline.read().replace(b"\0", b" ").decode()
