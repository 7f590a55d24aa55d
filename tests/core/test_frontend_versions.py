"""The Jinja port of NHS.UK frontend must match the compiled CSS/JS we serve."""

import json
import re
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def compatibility_table() -> dict[str, str]:
    """{nhsuk-frontend version: nhsuk-frontend-jinja version} from the package's own README."""
    from importlib.metadata import metadata

    readme = metadata("nhsuk-frontend-jinja").get_payload()  # type: ignore[attr-defined]
    rows = re.findall(r"^\|\s*(\d+\.\d+\.\d+)\s*\|\s*(\d+\.\d+\.\d+)\s*\|", readme, re.M)
    return dict(rows)


def test_pinned_nhsuk_frontend_matches_the_jinja_port():
    npm_version = json.loads((ROOT / "package.json").read_text())["dependencies"]["nhsuk-frontend"]
    table = compatibility_table()
    assert table, "could not read the compatibility table from nhsuk-frontend-jinja's README"
    assert table.get(npm_version) == version("nhsuk-frontend-jinja"), (
        f"nhsuk-frontend {npm_version} needs nhsuk-frontend-jinja {table.get(npm_version)}, "
        f"but {version('nhsuk-frontend-jinja')} is installed"
    )


def test_pyproject_pins_the_same_jinja_port_that_is_installed():
    pyproject = (ROOT / "pyproject.toml").read_text()
    pinned = re.search(r'"nhsuk-frontend-jinja==([\d.]+)"', pyproject)
    assert pinned and pinned.group(1) == version("nhsuk-frontend-jinja")


def test_package_lock_holds_the_pinned_nhsuk_frontend():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["nhsuk-frontend"]
    assert lock["packages"]["node_modules/nhsuk-frontend"]["version"] == pinned
