"""Each session's tally of attended places and their hours (Session.places_attended and
hours_attended), and the copy of its start on each place attended (Invitation.held_at, empty
unless the place was attended at a session that went ahead). This is their only writer:
`recount` for the sessions whose attendance was recorded or corrected, inside that
transaction, and `recount_all` after demo data and when the fields are first added. Both count
and copy again from the invitations and sessions rather than adding and taking away, so
neither can drift from what it stands for.

A session is moved or cancelled only before it starts (services/sessions.py) and attendance is
recorded only once it has started (services/attendance.py). All the same, whenever a session is
saved again (in Django's admin too) it is counted and copied again (receivers.py), so a place
attended always carries its session's start and status."""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from coproduce.opportunities.choices import Attendance, SessionStatus
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


def _copied(invitations: QuerySet[Invitation]) -> None:
    """Puts right each copy that is wrong (two queries), leaving the rest unwritten: on
    PostgreSQL a rewritten row is a new row version in the table and every index."""
    went_ahead = Q(attendance=Attendance.ATTENDED, session__status=SessionStatus.SCHEDULED)
    start = Session.objects.filter(pk=OuterRef("session_id")).order_by().values("starts_at")[:1]
    invitations.filter(went_ahead).exclude(held_at=F("session__starts_at")).update(
        held_at=Subquery(start)
    )
    invitations.filter(held_at__isnull=False).exclude(went_ahead).update(held_at=None)


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
    """Counts again the attended places and hours of these sessions, and copies their starts
    onto their places again (three queries)."""
    ids = set(session_ids)
    if ids:
        _counted(Session.objects.filter(pk__in=ids))
        _copied(Invitation.objects.filter(session_id__in=ids))


def recount_all() -> int:
    """Counts again every session's attended places and hours, and copies every start onto
    its places; returns how many sessions."""
    _copied(Invitation.objects.all())
    return _counted(Session.objects.all())
