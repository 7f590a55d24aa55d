"""Places attended at sessions held in a period: what the figures for a period (the dashboard's
spread of hours, who is heard) count from.

Each place attended at a session that went ahead keeps a copy of the session's start
(Invitation.held_at, kept by services/session_tallies.py), so a year's places, about 70,000
with 20,000 experts, are read from their own index (invitation_held_idx: the start, session,
expert and hours) without joining every session or reading a table row."""

from datetime import date, datetime

from django.db.models import QuerySet

from coproduce.core.days import day_after, local_midnight
from coproduce.opportunities.models import Invitation


def attended_between(
    first: date, last: date, *, team_id: int | None = None, until: datetime | None = None
) -> QuerySet[Invitation]:
    """Places attended at sessions that went ahead and started on a local day from `first` to
    `last`, both included, and before `until` if given (sessions held by now); of the team's
    work if chosen."""
    before = day_after(last)
    if until is not None:
        before = min(before, until)
    places = Invitation.objects.filter(held_at__gte=local_midnight(first), held_at__lt=before)
    if team_id is not None:
        places = places.filter(session__opportunity__team_id=team_id)
    return places
