"""Places, invitations and settings for the reminders tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from coproduce.comms.reminders import services
from tests.factories import ExpertFactory, InvitationFactory, SessionFactory


def place_at(when: datetime, *, expert=None, status: str = "accepted", **opportunity):
    """An expert's place at a session starting at `when` (10am that day by default)."""
    session_options = {"starts_at": when, "ends_at": when + timedelta(hours=2)}
    if opportunity:
        from tests.factories import OpportunityFactory

        session_options["opportunity"] = OpportunityFactory(**opportunity)
    return InvitationFactory(
        session=SessionFactory(**session_options),
        expert=expert or ExpertFactory(),
        status=status,
    )


def days_ahead(days: int, hour: int = 10) -> datetime:
    return (timezone.localtime() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def set_settings(actor=None, **values):
    return services.set_reminders(actor=actor, values=values)


def texts_to(outbox, number: str) -> list:
    return [t for t in outbox if t.to == number]
