"""What the welcome pack reads about meetings: the year ahead's meetings, the places they
happen and the groups an expert may join. Confidential work (investigations) never appears:
a welcome pack goes to people who are not named on it."""

from datetime import date

from django.db.models import QuerySet

from coproduce.core.days import local_midnight
from coproduce.opportunities.choices import RequestStatus, SessionStatus
from coproduce.opportunities.models import Group, Session, Venue
from coproduce.opportunities.queries.calendar import add_months


def year_of_meetings(start: date, *, limit: int = 200) -> list[Session]:
    """Scheduled meetings of published, not confidential work from `start` for 12 months,
    earliest first, at most `limit` (one query)."""
    return list(
        Session.objects.filter(
            starts_at__gte=local_midnight(start),
            starts_at__lt=local_midnight(add_months(start.replace(day=1), 13)),
            status=SessionStatus.SCHEDULED,
            opportunity__status=RequestStatus.PUBLISHED,
            opportunity__confidential=False,
        )
        .select_related("opportunity", "opportunity__group", "opportunity__venue", "venue")
        .order_by("starts_at", "id")[:limit]
    )


def meeting_places() -> QuerySet[Venue]:
    """The places still in use, by name (one query)."""
    return Venue.objects.filter(active=True).order_by("name", "id")


def groups_with_teams() -> QuerySet[Group]:
    """The groups still meeting, with their team and its organisation (one query)."""
    return (
        Group.objects.filter(active=True)
        .select_related("team", "team__organisation")
        .order_by("team__organisation__name", "team__name", "name", "id")
    )
