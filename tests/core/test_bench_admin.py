"""The register beside Django admin's changelist of the same experts: the bench lists experts in
the admin for its run only, times the changelist as a superuser, and prints the ratio."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from coproduce.bench.__main__ import _not_measured, _rows
from coproduce.bench.admin_case import ADMIN_CASES, admin_rows, admin_user, expert_admin
from coproduce.bench.cases import CASES, Fixtures
from coproduce.bench.worker import _measure, _staff_client
from tests.factories import ExpertFactory


@pytest.mark.django_db
def test_the_admins_changelist_is_timed_as_a_superuser_and_taken_out_after():
    ExpertFactory(full_name="Jo Smith")
    ExpertFactory(full_name="Ann Jones")
    fixtures = Fixtures(area_id=0, expert_id=0)
    reverse("people:register")  # the URLconf is loaded before the admin lists experts
    with expert_admin():
        client = _staff_client(admin_user().email)
        first, search = [_measure(client, c, fixtures, 1) for c in ADMIN_CASES.values()]
        found = client.get(ADMIN_CASES["register, filtered search"].path(fixtures))
    assert first.error == search.error == ""
    assert first.median_ms > 0 and first.queries > 0
    assert "Jo Smith" in found.text and "Ann Jones" not in found.text
    with pytest.raises(NoReverseMatch):  # the app's own admin is as it was
        reverse("admin:people_expert_changelist")
    assert Client().get("/django-admin/people/expert/").status_code != 200


def _outcome(register_ms: float, admin_ms: float) -> dict:
    timed = {"median_ms": register_ms, "queries": 5, "error": ""}
    return {
        "demo_seconds": 1.0,
        "results": [timed | {"name": case.name} for case in CASES],
        "admin": [
            timed | {"name": case.name, "median_ms": admin_ms} for case in ADMIN_CASES.values()
        ],
        "shortlists": {"count": 0},
        "import": {"seconds": 1.0, "error": ""},
        "payment_run": {"seconds": 1.0, "error": ""},
    }


def test_the_ratio_is_printed_under_each_register_row_with_its_target():
    rows = _rows("SQLite", 100, _outcome(register_ms=40, admin_ms=100))
    names = [row.measurement for row in rows]
    first = names.index("register, first page")
    assert names[first + 1] == "  Django admin's experts, first page"
    ratios = [row for row in rows if row.measurement == "  register ÷ admin"]
    assert [(r.target, r.median, r.verdict) for r in ratios] == [("<= 0.5x", "0.40x", "yes")] * 2
    slow = _rows("SQLite", 100, _outcome(register_ms=90, admin_ms=100))
    assert [r.verdict for r in slow if r.measurement == "  register ÷ admin"] == ["MISSED"] * 2


def test_a_missing_admin_time_is_said_not_missed():
    register = {"name": "register, first page", "median_ms": 40, "error": ""}
    failed = {"median_ms": None, "queries": None, "error": "RuntimeError: answered 403"}
    timed, ratio = admin_rows("PostgreSQL", register, failed)
    assert ratio.met is None and ratio.verdict == "not measured: RuntimeError: answered 403"
    assert len([r for r in _not_measured("SQLite", 100, "down") if "admin" in r.measurement]) == 4


class _Client:
    """Answers every page at once, writing down which client was asked, in order."""

    def __init__(self, name: str, asked: list[str]):
        self.name, self.asked = name, asked

    def get(self, path: str):
        from types import SimpleNamespace

        self.asked.append(self.name)
        return SimpleNamespace(status_code=200)


@pytest.mark.django_db
def test_the_register_and_the_admin_are_timed_turn_about():
    from coproduce.bench.cases import Case
    from coproduce.bench.worker import WARM_UPS, _measure_beside

    asked: list[str] = []
    register = (_Client("register", asked), Case("register, first page", 100, lambda f: "/r"))
    admin = (_Client("admin", asked), Case("admin", None, lambda f: "/a"))
    first, second = _measure_beside(register, admin, Fixtures(area_id=0, expert_id=0), 4)
    timed = asked[2 * WARM_UPS : -2]
    # Whoever went second goes first next time, so neither always meets a warmer machine.
    assert timed == ["register", "admin", "admin", "register"] * 2
    assert (first.name, second.name) == ("register, first page", "admin")
    assert first.error == second.error == ""
    assert first.median_ms is not None and second.median_ms is not None
