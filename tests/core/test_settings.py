"""Production settings pass Django's deployment checks; bad environment values fail loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coproduce.env import EnvError, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG", "DATABASE_URL"}
    }
    env.update(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "k7Qp" * 10,
            "ALLOWED_HOSTS": "coproduce.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "SECRET_KEY", "SECRET_KEY_FILE"}
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_secrets_can_come_from_a_file(tmp_path, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    from coproduce.env import env_str

    assert env_str("SOME_SECRET") == "from-a-file"


def test_bad_boolean_and_number_fail_loudly(monkeypatch):
    monkeypatch.setenv("FLAG", "perhaps")
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(EnvError):
        env_bool("FLAG")
    with pytest.raises(EnvError):
        env_int("COUNT", 1)


def test_redis_url_gives_a_shared_cache_on_a_real_redis():
    """With REDIS_URL set, allauth's rate limits and used codes live in Redis, shared by every
    web process. Runs against the Redis server on this machine."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update({"DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/15"})
    script = (
        "import django; django.setup()\n"
        "from django.core.cache import cache\n"
        "cache.set('coproduce-test-key', 'shared', 30)\n"
        "import redis; r = redis.Redis.from_url('redis://127.0.0.1:6379/15')\n"
        "print(cache.get('coproduce-test-key'), any(b'coproduce-test-key' in k for k in r.keys()))\n"
        "cache.delete('coproduce-test-key')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "coproduce.settings", "PYTHONPATH": "src"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["shared", "True"]
