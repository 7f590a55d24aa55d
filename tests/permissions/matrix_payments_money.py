"""Permission matrix entries for payments (money pages), with the URL arguments they need.

The involvement lead sets the payment policy; coordinators and finance may read it. Budgets
are for finance and the involvement lead, who may both set them. Staff members, experts and
administrators are refused all of it. Keys start `money_` so they never clash with the other
payments parts' keys."""

from tests.permissions.outcomes import INVALID, only

GET, POST = "get", "post"

PAYMENTS_MONEY: dict[str, tuple[str, str, dict[str, str]]] = {
    "payments:policy": (GET, "", only(("finance", "coordinator", "lead"))),
    "payments:policy_new": (GET, "", only(("lead",))),
    "payments:budgets": (GET, "", only(("finance", "lead"))),
    # An empty post has no amount: the form comes back with what is missing.
    "payments:budget_edit": (POST, "money_team_year", only(("finance", "lead"), ok=INVALID)),
}


def kwargs(key: str) -> dict | None:
    """URL arguments for this part's keys; None for a key it does not know."""
    if not key.startswith("money_"):
        return None
    if key == "money_team_year":
        from tests.factories import TeamFactory

        return {"team_pk": TeamFactory().pk, "year": 2026}
    raise AssertionError(f"No URL arguments known for {key!r}")
