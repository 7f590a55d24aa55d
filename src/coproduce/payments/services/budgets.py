"""Setting a team's involvement budget for a financial year."""

from decimal import Decimal

from django.db import transaction

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.payments.models import Budget


def set_budget(*, actor, team, year: int, amount: Decimal, cost_centre: str = "") -> Budget:
    """Sets (or changes) the team's budget for the financial year starting in April `year`."""
    with transaction.atomic():
        budget = Budget.objects.select_for_update().filter(team=team, year=year).first()
        before: dict[str, str | None] = {"amount": None, "cost_centre": None}
        if budget is None:
            budget = Budget(team=team, year=year)
        else:
            before = {"amount": str(budget.amount), "cost_centre": budget.cost_centre}
        budget.amount, budget.cost_centre = amount, cost_centre.strip()
        budget.save()
        record_change(
            actor=actor,
            instance=budget,
            action=AuditEvent.Action.BUDGET_SET,
            changes={
                "amount": [before["amount"], str(amount)],
                "cost_centre": [before["cost_centre"], budget.cost_centre],
            },
            summary=str(budget),
        )
    return budget
