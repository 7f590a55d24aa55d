"""Figures for the staff overview: requests waiting for a decision, invitations nobody has
answered, sessions with places to fill, and the month's involvement. Each function reads
with a fixed number of queries, however much there is."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Coalesce

from coproduce.core.days import local_midnight
from coproduce.core.money import ZERO
from coproduce.opportunities.choices import (
    Attendance,
    InvitationStatus,
    RequestStatus,
    SessionStatus,
)
from coproduce.opportunities.models import Invitation, Opportunity, Session
from coproduce.opportunities.queries.calendar import add_months, month_start
from coproduce.opportunities.queries.requests import REVIEW_STATUSES
from coproduce.opportunities.visibility import session_q

if TYPE_CHECKING:  # the stubs' helper for annotated rows: not installed in production
    from django_stubs_ext import WithAnnotations

# An invitation this close to its session, still unanswered, needs chasing first.
SOON = timedelta(days=7)
# Sessions named on the overview under each count: the soonest few.
FIRST_FEW = 5


def requests_to_review() -> int:
    """Requests for involvement waiting for the involvement team's decision."""
    return Opportunity.objects.filter(status__in=REVIEW_STATUSES).count()


def _upcoming(now: datetime):
    return Session.objects.filter(status=SessionStatus.SCHEDULED, starts_at__gt=now)


class _UnansweredCount(TypedDict):
    unanswered: int


class _FreeCount(TypedDict):
    free: int


@dataclass(frozen=True)
class Unanswered:
    invitations: int
    soon: int  # of them, for sessions within SOON of now
    sessions: int
    first: "list[WithAnnotations[Session, _UnansweredCount]]"  # the soonest sessions


def unanswered_invitations(now: datetime) -> Unanswered:
    """Invitations sent and not yet answered, for sessions still to come. Two queries."""
    totals = Invitation.objects.filter(
        status=InvitationStatus.INVITED,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gt=now,
    ).aggregate(
        invitations=Count("id"),
        soon=Count("id", filter=Q(session__starts_at__lt=now + SOON)),
        sessions=Count("session", distinct=True),
    )
    sessions = (
        _upcoming(now)
        .annotate(
            unanswered=Count("invitations", filter=Q(invitations__status=InvitationStatus.INVITED))
        )
        .filter(unanswered__gt=0)
    )
    # The few named on the dashboard never include confidential work (its titles are for its
    # named staff only); the counts do, so nothing is forgotten.
    first = list(
        sessions.filter(opportunity__confidential=False)
        .select_related("opportunity")
        .order_by("starts_at", "id")[:FIRST_FEW]
    )
    return Unanswered(
        invitations=totals["invitations"],
        soon=totals["soon"],
        sessions=totals["sessions"],
        first=first,
    )


@dataclass(frozen=True)
class PlacesToFill:
    sessions: int
    places: int  # free places across those sessions
    first: "list[WithAnnotations[Session, _FreeCount]]"  # the soonest sessions


def places_to_fill(now: datetime) -> PlacesToFill:
    """Sessions still to come, of published work, with fewer acceptances than places. Two
    queries."""
    accepted = Q(invitations__status=InvitationStatus.ACCEPTED)
    sessions = (
        _upcoming(now)
        .filter(opportunity__status=RequestStatus.PUBLISHED)
        .annotate(accepted=Count("invitations", filter=accepted))
        .annotate(
            free=F("opportunity__places") - F("accepted"),
        )
        .filter(free__gt=0)
    )
    totals = sessions.aggregate(
        sessions=Count("id"), places=Coalesce(Sum("free", output_field=IntegerField()), 0)
    )
    # The few named on the dashboard never include confidential work (its titles are for its
    # named staff only); the counts do, so nothing is forgotten.
    first = list(
        sessions.filter(opportunity__confidential=False)
        .select_related("opportunity")
        .order_by("starts_at", "id")[:FIRST_FEW]
    )
    return PlacesToFill(sessions=totals["sessions"], places=totals["places"], first=first)


@dataclass(frozen=True)
class MonthOfInvolvement:
    sessions_held: int
    experts: int  # distinct experts who attended
    hours: Decimal


def month_of_involvement(today: date, now: datetime) -> MonthOfInvolvement:
    """This calendar month so far: sessions held (not cancelled, already started), the
    experts who attended them (each counted once) and the hours they gave. One query."""
    first = month_start(today)
    start = local_midnight(first)
    end = min(local_midnight(add_months(first, 1)), now)
    attended = Q(invitations__attendance=Attendance.ATTENDED)
    figures = Session.objects.filter(
        status=SessionStatus.SCHEDULED, starts_at__gte=start, starts_at__lt=end
    ).aggregate(
        held=Count("id", distinct=True),
        experts=Count("invitations__expert", filter=attended, distinct=True),
        hours=Sum("invitations__hours", filter=attended),
    )
    return MonthOfInvolvement(
        sessions_held=figures["held"],
        experts=figures["experts"],
        hours=figures["hours"] or ZERO,
    )


def meetings_attended(expert_id: int, *, limit: int = 50, viewer=None) -> tuple[int, Decimal, list]:
    """The meetings an expert attended, most recent first (at most `limit`), with how many
    there were in all and the hours given. Two queries. With `viewer`, the rows leave out
    confidential work the viewer may not see (the totals still count it)."""
    attended = Invitation.objects.filter(expert_id=expert_id, attendance=Attendance.ATTENDED)
    totals = attended.aggregate(count=Count("id"), hours=Sum("hours"))
    shown = attended if viewer is None else attended.filter(session_q(viewer, "session__"))
    rows = list(
        shown.select_related("session__opportunity").order_by("-session__starts_at", "-session_id")[
            :limit
        ]
    )
    return totals["count"], totals["hours"] or ZERO, rows
