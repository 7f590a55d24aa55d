"""Support sheets for the tests, made through the service as the involvement lead would."""

from coproduce.accounts.roles import Role
from coproduce.onboarding.models import SupportSheet
from coproduce.onboarding.sheets import services
from tests.factories import UserFactory


def make_sheet(
    *,
    title: str = "Inclusive meetings",
    audience: str = "staff",
    summary: str = "Simple steps so everyone can take part.",
    body: str = "## Before the meeting\n\n- send papers a week before\n",
    position: int = 1,
    retired: bool = False,
    actor=None,
) -> SupportSheet:
    actor = actor or UserFactory(role=Role.INVOLVEMENT_LEAD)
    sheet = services.add_sheet(
        actor=actor,
        title=title,
        audience=audience,
        summary=summary,
        body=body,
        position=position,
    )
    if retired:
        sheet = services.retire_sheet(actor=actor, sheet=sheet)
    return sheet
