"""Production refuses to start without SECRET_KEY, DATABASE_URL or ALLOWED_HOSTS, and says
which in one line on stderr: for manage.py, and for the web server, worker and scheduler as
deploy/entrypoint starts them (the container's own commands)."""

import os
import subprocess
import sys

import pytest

from tests.deploy.servers import ENTRYPOINT, ROOT

REQUIRED = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")
COMMANDS = {
    "manage.py": [sys.executable, "manage.py", "check"],
    "web": [str(ENTRYPOINT), "web"],
    "worker": [str(ENTRYPOINT), "worker"],
    "scheduler": [str(ENTRYPOINT), "scheduler"],
}


def production_without(name: str, *, empty: bool) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "DJANGO_SETTINGS_MODULE"}
        and not k.endswith("_FILE")
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "a-long-random-production-secret-" + "k7Qp" * 10,
            "DATABASE_URL": "postgres://coproduce@127.0.0.1:1/never-reached",
            "ALLOWED_HOSTS": "coproduce.example.org",
            "PORT": "1",  # never bound: the web server must stop before listening
            "PYTHON": sys.executable,
        }
    )
    if empty:
        env[name] = ""
    else:
        del env[name]
    return env


def start(command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own commands
        COMMANDS[command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", REQUIRED)
def test_a_missing_setting_stops_start_up_with_one_line_naming_it(name, command):
    result = start(command, production_without(name, empty=False))

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("name", REQUIRED)
def test_an_empty_setting_is_refused_like_a_missing_one(name):
    result = start("manage.py", production_without(name, empty=True))

    assert result.returncode != 0
    assert (
        result.stderr.strip()
        == f"Coproduce cannot start: Set {name} (or {name}_FILE) when DEBUG is off."
    )


def test_with_every_setting_given_the_checks_let_start_up_go_on(tmp_path):
    """The control: the same environment, nothing missing, and manage.py check passes."""
    env = production_without("DATABASE_URL", empty=False)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    result = start("manage.py", env)

    assert result.returncode == 0, result.stderr


def test_the_web_application_freezes_what_starting_made(tmp_path):
    """wsgi.py, as gunicorn preloads it: what starting made (Django, the apps, every view) is
    frozen out of the cycle collector's way, so a full collection in a worker walks only what
    requests made (coproduce.startup.freeze_what_startup_made)."""
    env = production_without("DATABASE_URL", empty=False)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    script = "import gc; import coproduce.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    result = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    frozen, tracked = map(int, result.stdout.split())
    assert frozen > 50_000  # the views, models and templates of every app
    assert tracked < frozen / 10  # what is left for the collector is what came after
