"""Reads of requests and opportunities: a staff member's own and their team's, the review
queue, the team's list of opportunities, and one opportunity with its sessions."""

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.onboarding.models import Prerequisite
from coproduce.opportunities.choices import RequestStatus, SessionStatus
from coproduce.opportunities.models import Opportunity, Session

REVIEW_STATUSES = (RequestStatus.REQUESTED,)
TEAM_STATUSES = {
    "approved": (RequestStatus.APPROVED,),
    "published": (RequestStatus.PUBLISHED,),
    "closed": (RequestStatus.DECLINED, RequestStatus.CANCELLED),
}


def _listed(opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """What a list row shows: team, requester, first session and how many sessions."""
    return opportunities.select_related("team", "requested_by").annotate(
        first_session=Min("sessions__starts_at"), session_count=Count("sessions")
    )


def requests_for(user: User) -> QuerySet[Opportunity]:
    """The requests a staff member made, and their team's, newest first."""
    mine = Q(requested_by=user)
    if user.team_id is not None:
        mine |= Q(team_id=user.team_id)
    return _listed(Opportunity.objects.visible_to(user).filter(mine)).order_by("-created_at", "-id")


def review_queue(user: User) -> QuerySet[Opportunity]:
    """Requests waiting for the involvement team, oldest first: the longest waiting is next.
    Confidential requests are listed only for their named staff."""
    waiting = Opportunity.objects.visible_to(user).filter(status__in=REVIEW_STATUSES)
    return _listed(waiting).order_by("created_at", "id")


def opportunities_in(tab: str, user: User) -> QuerySet[Opportunity]:
    """The team's opportunities on one tab of their list: published, approved (waiting to be
    published) or closed. Work with a session still to come first, soonest first; then the
    rest, most recently finished first: a coordinator looks for what is coming up."""
    statuses = TEAM_STATUSES.get(tab, TEAM_STATUSES["published"])
    upcoming = Q(sessions__starts_at__gte=timezone.now(), sessions__status=SessionStatus.SCHEDULED)
    return (
        _listed(
            Opportunity.objects.visible_to(user).filter(status__in=statuses).select_related("group")
        )
        .annotate(
            next_session=Min("sessions__starts_at", filter=upcoming),
            last_session=Max("sessions__starts_at"),
        )
        .order_by(
            F("next_session").asc(nulls_last=True), F("last_session").desc(nulls_last=True), "-id"
        )
    )


def get_request_for(user: User, pk: int) -> Opportunity:
    """A request, if this person may see it. Anyone else gets 404, whether or not it exists:
    a staff member learns nothing of another team's work."""
    opportunity = (
        Opportunity.objects.visible_to(user)
        .select_related("team", "requested_by", "decided_by", "venue", "group")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None or not user.has_perm("opportunities.view_request", opportunity):
        raise Http404
    return opportunity


def sessions_of(opportunity: Opportunity) -> list[Session]:
    return list(opportunity.sessions.select_related("venue").order_by("starts_at", "id"))


def wanted_of(opportunity: Opportunity) -> dict[str, list[str]]:
    return {
        "experience": [a.name for a in opportunity.wanted_experience.all()],
        "skills": [s.name for s in opportunity.wanted_skills.all()],
        "prerequisites": [
            Prerequisite(code).label
            for code in opportunity.prerequisites
            if code in Prerequisite.values
        ],
    }
