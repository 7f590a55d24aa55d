"""What an expert sees of their own involvement: invitations to answer, meetings to come, and
meetings they have been to. A fixed number of queries, whatever their history."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from coproduce.opportunities.choices import Attendance, InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation, Venue
from coproduce.people.models import Expert

HISTORY_SHOWN = 20
FEED_HISTORY = timedelta(days=92)


@dataclass
class Involvement:
    to_answer: list[Invitation] = field(default_factory=list)
    upcoming: list[Invitation] = field(default_factory=list)
    history: list[Invitation] = field(default_factory=list)
    history_total: int = 0
    hours_total: Decimal = Decimal("0")


def _with_details(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    # The venues come with the session (one join each); the needs each venue meets are one
    # query per kind of venue, however many meetings there are.
    return invitations.select_related(
        "session", "session__opportunity", "session__venue", "session__opportunity__venue"
    ).prefetch_related("session__venue__meets_needs", "session__opportunity__venue__meets_needs")


def venue_of(invitation: Invitation) -> Venue | None:
    """Where the session meets: its own venue, or the opportunity's."""
    session = invitation.session
    return session.venue or session.opportunity.venue


def involvement_for(expert: Expert, *, now: datetime | None = None) -> Involvement:
    """The expert's portal home: four queries for the lists, two for the venues' access."""
    now = now or timezone.now()
    current = list(
        _with_details(
            Invitation.objects.filter(
                expert=expert,
                status__in=[
                    InvitationStatus.INVITED,
                    InvitationStatus.ACCEPTED,
                    InvitationStatus.WAITING,
                ],
                session__ends_at__gt=now,
            )
        ).order_by("session__starts_at", "id")
    )
    involvement = Involvement(
        to_answer=[
            i
            for i in current
            if i.status == InvitationStatus.INVITED and i.session.status == SessionStatus.SCHEDULED
        ],
        upcoming=[i for i in current if i.status != InvitationStatus.INVITED],
    )
    # Meetings they came to, and those they had a place at whose attendance is not yet in.
    past = Invitation.objects.filter(expert=expert, session__ends_at__lte=now).filter(
        Q(attendance=Attendance.ATTENDED)
        | Q(status=InvitationStatus.ACCEPTED, attendance=Attendance.NOT_RECORDED)
    )
    involvement.history = list(
        past.select_related("session", "session__opportunity", "session__venue").order_by(
            "-session__starts_at", "-id"
        )[:HISTORY_SHOWN]
    )
    totals = past.aggregate(n=Count("id"), hours=Sum("hours"))
    involvement.history_total = totals["n"] or 0
    involvement.hours_total = totals["hours"] or Decimal("0")
    return involvement


def own_invitation(user, pk: int) -> Invitation | None:
    """The invitation, if it is this signed-in expert's own; anyone else's is not found."""
    if not user.is_authenticated:
        return None
    return (
        Invitation.objects.filter(pk=pk, expert__user=user)
        .select_related("session", "session__opportunity", "expert")
        .first()
    )


def feed_sessions(expert: Expert, *, now: datetime | None = None) -> QuerySet[Invitation]:
    """The sessions in an expert's private calendar feed: those they have a place at, from
    three months ago on, cancelled ones included so that calendar apps show them cancelled."""
    now = now or timezone.now()
    return (
        Invitation.objects.filter(
            Q(status=InvitationStatus.ACCEPTED),
            expert=expert,
            session__starts_at__gte=now - FEED_HISTORY,
        )
        .select_related(
            "session", "session__opportunity", "session__venue", "session__opportunity__venue"
        )
        .order_by("session__starts_at", "id")
    )
