"""The payment policies: every one the team has set, and the one in force on a day."""

from datetime import date

from coproduce.payments.models import Policy


def policies_oldest_first() -> list[Policy]:
    """Every policy, oldest first, with its rates and expense rules (three queries)."""
    return list(
        Policy.objects.order_by("effective_from")
        .select_related("created_by")
        .prefetch_related("rates", "expense_rules")
    )


def policy_in_force(day: date) -> Policy | None:
    """The policy in force on this day, with its rates and expense rules, if any (three queries)."""
    return (
        Policy.objects.filter(effective_from__lte=day)
        .order_by("-effective_from")
        .prefetch_related("rates", "expense_rules")
        .first()
    )
