"""Static files collected once per test run, as production serves them (the manifest storage
WhiteNoise reads): the deployment tests' servers share them."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.servers import ROOT, production_environment


def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.getbasetemp() / "deploy-static"
    if (folder / "staticfiles.json").exists():
        return folder
    env = production_environment(
        folder.parent, DATABASE_URL="sqlite:///unused.sqlite3", STATIC_ROOT=str(folder)
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return folder
