"""Permission matrix entry for the team recording an expert's payment choice for a place."""

from tests.permissions.outcomes import TEAM, only

PAYMENTS_PLACES: dict[str, tuple[str, str, dict[str, str]]] = {
    "payments:fee_choice_for_expert": ("get", "paid_place", only(TEAM)),
}


def kwargs(key: str) -> dict | None:
    if key != "paid_place":
        return None
    from decimal import Decimal

    from tests.factories import InvitationFactory, OpportunityFactory, SessionFactory

    session = SessionFactory(
        opportunity=OpportunityFactory(paid=True, hourly_rate=Decimal("15.00"))
    )
    return {"invitation_pk": InvitationFactory(session=session, status="accepted").pk}
