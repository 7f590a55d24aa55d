"""The container image and compose file: what the issue asks of them, read from the files, and
the smoke test (deploy/smoke-test) that builds the image and runs it.

The smoke test takes minutes (it builds an image), so the suite runs it only from
`make test-container`, which sets COPRODUCE_SMOKE_TEST=1; elsewhere it is skipped and says so.
Where no container engine can run, the smoke test runs deploy/entrypoint directly instead, and
its first line says which it did."""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = (ROOT / "compose.yaml").read_text()
ENTRYPOINT = (ROOT / "deploy" / "entrypoint").read_text()
APP_SERVICES = ("migrate", "web", "worker", "scheduler")


def _services() -> dict[str, str]:
    """Each service's block of compose.yaml, by name (two-space keys under `services:`)."""
    body = COMPOSE.split("\nservices:\n", 1)[1]
    body = re.split(r"\n(?=\S)", body, maxsplit=1)[0]  # up to the next top-level key
    parts = re.split(r"^  ([a-z][\w-]*):\n", body, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_bases_are_pinned_to_exact_versions_and_can_be_swapped():
    base = re.search(r"^ARG BASE=(\S+)$", DOCKERFILE, re.MULTILINE)
    node = re.search(r"^ARG NODE_BASE=(\S+)$", DOCKERFILE, re.MULTILINE)
    assert base and re.fullmatch(r"python:3\.11\.\d+-slim-bookworm", base.group(1)), base
    assert node and re.fullmatch(r"node:\d+\.\d+\.\d+-bookworm-slim", node.group(1)), node
    assert "FROM ${BASE} AS build" in DOCKERFILE and "FROM ${BASE} AS runtime" in DOCKERFILE
    assert "FROM ${NODE_BASE} AS assets" in DOCKERFILE


def test_the_image_installs_from_the_lock_with_the_makefiles_uv():
    makefile_uv = re.search(r"^UV_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    dockerfile_uv = re.search(r"^ARG UV_VERSION=(\S+)$", DOCKERFILE, re.MULTILINE)
    assert makefile_uv and dockerfile_uv
    assert dockerfile_uv.group(1) == makefile_uv.group(1), "the image and make install differ"
    installs = re.findall(r"uv sync ([^\n]+)", DOCKERFILE)
    assert installs, "no uv sync in the Dockerfile"
    for flags in installs:
        assert "--frozen" in flags and "--no-dev" in flags and "--no-editable" in flags, flags


def test_the_image_runs_as_a_user_with_a_health_check_and_the_entrypoint():
    users = re.findall(r"^USER (\S+)$", DOCKERFILE, re.MULTILINE)
    assert users and users[-1].split(":")[0] not in {"root", "0"}, users
    assert re.search(r"^HEALTHCHECK .*\n?.*/health/(live|ready)/", DOCKERFILE, re.MULTILINE)
    assert 'ENTRYPOINT ["deploy/entrypoint"]' in DOCKERFILE
    assert 'CMD ["web"]' in DOCKERFILE
    # Static files are collected when the image is built, with throwaway settings that are
    # given to that one command only (never an ENV line).
    assert "collectstatic" in DOCKERFILE
    assert not re.search(r"^ENV[^\n]*SECRET_KEY", DOCKERFILE, re.MULTILINE)


def test_the_build_context_leaves_out_what_this_machine_made():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "node_modules", "staticfiles", "var", "secrets"} <= ignored
    assert "src/coproduce/static/vendor" in ignored  # the assets stage makes its own


def test_compose_runs_every_process_with_postgresql_and_redis():
    services = _services()
    assert set(services) == {*APP_SERVICES, "db", "redis"}
    for name in APP_SERVICES:
        command = re.search(r'command: \["(\w+)"\]', services[name])
        assert command and command.group(1) == name, name
        # The entrypoint knows each command compose gives it.
        assert re.search(rf"^\s+{name}\)$", ENTRYPOINT, re.MULTILINE), name
    for name in ("web", "worker", "scheduler"):
        assert "migrate:\n        condition: service_completed_successfully" in services[name]
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck:\n      test:" in services[name], name
    assert "/health/" in services["web"]
    assert "worker_seen_recently" in services["worker"]
    assert "postgres:/var/lib/postgresql/data" in services["db"]


def test_compose_gives_secrets_as_files_and_keeps_uploads_on_a_volume():
    assert "- private:/var/lib/coproduce/private" in COMPOSE
    assert re.search(r"^volumes:\n  private:\n  postgres:\n", COMPOSE, re.MULTILINE)
    for secret in ("SECRET_KEY", "DATABASE_URL", "POSTGRES_PASSWORD"):
        assert re.search(rf"{secret}_FILE: /run/secrets/\w+", COMPOSE), secret
        assert not re.search(rf"^\s+{secret}:", COMPOSE, re.MULTILINE), f"{secret} in plain text"


@pytest.mark.skipif(
    os.environ.get("COPRODUCE_SMOKE_TEST") != "1",
    reason="the container smoke test builds an image (minutes): `make test-container` runs it",
)
def test_smoke_test_in_a_container_or_directly():
    result = subprocess.run(
        [str(ROOT / "deploy" / "smoke-test"), os.environ.get("SMOKE_MODE", "auto")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=45 * 60,
        check=False,
    )
    output = result.stdout + result.stderr
    # The log of the run says which way it went: in a container, or the entrypoint directly.
    print(output)
    mode = re.search(r"^\[smoke\] MODE: (container|direct)", output, re.MULTILINE)
    assert mode, output
    assert result.returncode == 0, output
    assert f"mode: {mode.group(1)}, result: PASSED" in output
    for path in ("/health/live/: 200", "/health/ready/: 200", "/: 200", ".css: 200"):
        assert path in output, path
