"""Liveness and readiness: what they check, what they reveal, and that they tell the truth
when the database goes away or the task worker stops (real gunicorn and worker processes)."""

import json
import signal
from datetime import timedelta

import pytest
import requests
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone

from coproduce.core import health
from coproduce.core.models import WorkerHeartbeat
from tests.deploy.servers import (
    Processes,
    database_url,
    production_environment,
    require_postgresql_and_redis,
    wait_for,
)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """The production task backend, so readiness asks for a worker (tests run tasks at once)."""
    settings.TASKS = DATABASE_TASKS


def body(response) -> dict:
    return json.loads(response.content)


# -- In this process: what each URL answers -------------------------------------------------


@pytest.mark.django_db
def test_liveness_answers_ok_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/health/live/")

    assert response.status_code == 200
    assert body(response) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_names_each_check_and_nothing_else():
    response = Client().get("/health/ready/")

    assert response.status_code == 200
    # The suite runs tasks at once, so there is no worker to ask about.
    assert body(response) == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok"},
    }


@pytest.mark.django_db
def test_health_urls_set_no_cookie_and_write_no_session(coordinator):
    client = Client()
    client.force_login(coordinator)
    sessions = Session.objects.count()

    for url in ("/health/live/", "/health/ready/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url

    assert Session.objects.count() == sessions


@pytest.mark.django_db
def test_a_load_balancer_can_probe_over_plain_http_by_ip_address(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["coproduce.example.org"]
    client = Client(HTTP_HOST="10.0.0.5:8000")

    assert client.get("/health/live/").status_code == 200
    assert client.get("/health/ready/").status_code == 200
    # Any other page from that address is refused, as before: only the probes are exempt.
    assert client.get("/accessibility/").status_code == 400
    assert Client(HTTP_HOST="coproduce.example.org").get("/accessibility/").status_code == 301


@pytest.mark.django_db
def test_readiness_fails_until_a_worker_has_beaten_recently(database_tasks, settings):
    settings.WORKER_HEARTBEAT_SECONDS = 30
    assert Client().get("/health/ready/").status_code == 503
    assert body(Client().get("/health/ready/"))["checks"]["worker"] == "failing"

    WorkerHeartbeat.objects.create(worker_id="w1", seen_at=timezone.now())
    response = Client().get("/health/ready/")
    assert response.status_code == 200
    assert body(response)["checks"]["worker"] == "ok"

    # Three missed beats (90 seconds) and the worker counts as gone.
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=91))
    response = Client().get("/health/ready/")
    assert response.status_code == 503
    assert body(response) == {
        "status": "failing",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "worker": "failing"},
    }


@pytest.mark.django_db
def test_readiness_fails_when_the_cache_is_unreachable(settings):
    from tests.deploy.servers import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        }
    }
    response = Client().get("/health/ready/")

    assert response.status_code == 503
    assert body(response)["checks"]["cache"] == "failing"
    assert body(response)["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readiness_fails_with_an_unapplied_migration_and_remembers_once_all_are(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    # Forget that core's migrations ran: to Django they are now waiting to be applied.
    applied = list(
        MigrationRecorder.Migration.objects.filter(app="core").values_list("name", flat=True)
    )
    MigrationRecorder.Migration.objects.filter(app="core").delete()

    response = Client().get("/health/ready/")
    assert response.status_code == 503
    assert body(response)["checks"]["migrations"] == "failing"

    for name in applied:
        MigrationRecorder(connection).record_applied("core", name)
    assert Client().get("/health/ready/").status_code == 200
    # Once passed, the check does not read the migration graph again in this process.
    monkeypatch.setattr(health, "MigrationExecutor", None)
    assert Client().get("/health/ready/").status_code == 200


# -- Real processes: the database going away, the worker stopping -------------------------


@pytest.fixture(scope="module")
def deployment(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn reaching PostgreSQL through a proxy this test can close, and a worker."""
    from tests.deploy.servers import TCPProxy

    with django_db_blocker.unblock():
        settings_dict = connection.settings_dict
    require_postgresql_and_redis(settings_dict)
    tmp = tmp_path_factory.mktemp("health")
    proxy = TCPProxy(int(settings_dict.get("PORT") or 5432))
    proxy.open()
    env = production_environment(tmp, DATABASE_URL=database_url(settings_dict))
    processes = Processes(tmp)
    try:
        web = processes.web({**env, "DATABASE_URL": database_url(settings_dict, port=proxy.port)})
        yield processes, web, proxy, env
    finally:
        processes.stop_all()
        proxy.close()


def checks_of(web) -> tuple[int, dict]:
    response = web.ready()
    return response.status_code, response.json()["checks"]


@pytest.mark.django_db(transaction=True)
def test_readiness_answers_503_while_the_database_is_unreachable(deployment):
    processes, web, proxy, env = deployment
    worker = processes.start("worker", env, "--interval", "0.2", name="worker-db-test")
    try:
        assert wait_for(lambda: web.ready().status_code == 200, timeout=60), checks_of(web)

        proxy.close()
        status, checks = checks_of(web)
        assert status == 503
        assert checks == {
            "database": "failing",
            "migrations": "failing",  # cannot be known without the database
            "cache": "ok",
            "worker": "failing",
        }
        # The process itself is fine: liveness says so, and nothing restarts it.
        assert requests.get(web.url + "/health/live/", timeout=10).status_code == 200

        proxy.open()
        assert wait_for(lambda: web.ready().status_code == 200, timeout=30), checks_of(web)
    finally:
        if not proxy.is_open:
            proxy.open()
        worker.stop()


@pytest.mark.django_db(transaction=True)
def test_a_stopped_worker_shows_in_readiness_and_its_tasks_run_when_one_returns(
    deployment, settings
):
    from django_tasks_db.models import DBTaskResult

    from tests.deploy.tasks import echo

    processes, web, proxy, env = deployment
    worker = processes.start("worker", env, "--interval", "0.2", name="worker-1")
    assert wait_for(lambda: web.ready().status_code == 200, timeout=60), checks_of(web)

    # Stopped cleanly (SIGTERM, as a container stop does): readiness fails at once.
    assert worker.stop() == 0
    status, checks = checks_of(web)
    assert (status, checks["worker"]) == (503, "failing")

    # Work asked for while no worker runs waits in the queue...
    settings.TASKS = DATABASE_TASKS
    result = echo.enqueue("kept while the worker was down")
    pending = DBTaskResult.objects.get(pk=result.id)
    assert pending.status == "READY"

    # ...and runs when a worker comes back.
    worker = processes.start("worker", env, "--interval", "0.2", name="worker-2")
    assert wait_for(
        lambda: DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL", timeout=60
    )
    assert DBTaskResult.objects.get(pk=result.id).return_value == "kept while the worker was down"
    assert wait_for(lambda: web.ready().status_code == 200, timeout=30), checks_of(web)

    # A worker killed outright cannot say goodbye: within three heartbeats (here 1 second
    # each), readiness notices that it has stopped beating.
    worker.stop(signal.SIGKILL)
    assert wait_for(lambda: web.ready().status_code == 503, timeout=10), checks_of(web)
    assert checks_of(web)[1]["worker"] == "failing"
