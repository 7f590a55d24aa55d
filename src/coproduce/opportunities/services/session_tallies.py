"""Each session's tally of attended places and their hours (Session.places_attended and
hours_attended). This is their only writer: `recount` for the sessions whose attendance was
recorded or corrected, inside that transaction, and `recount_all` after demo data and when the
fields are first added. Both count again from the invitations rather than adding and taking
away, so a tally cannot drift from what it counts."""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.models import Invitation, Session

HOURS: DecimalField = DecimalField(max_digits=10, decimal_places=2)


def _of_session(figure):
    attended = (
        Invitation.objects.filter(session=OuterRef("pk"), attendance=Attendance.ATTENDED)
        .order_by()
        .values("session")
        .annotate(figure=figure)
        .values("figure")
    )
    return attended


def _counted(sessions) -> int:
    return sessions.update(
        places_attended=Coalesce(Subquery(_of_session(Count("*"))), Value(0)),
        hours_attended=Coalesce(
            Subquery(_of_session(Sum("hours")), output_field=HOURS),
            Value(Decimal("0.00")),
            output_field=HOURS,
        ),
    )


def recount(session_ids: Iterable[int]) -> None:
    """Counts again the attended places and hours of these sessions (one query)."""
    ids = set(session_ids)
    if ids:
        _counted(Session.objects.filter(pk__in=ids))


def recount_all() -> int:
    """Counts again every session's attended places and hours; returns how many sessions."""
    return _counted(Session.objects.all())
