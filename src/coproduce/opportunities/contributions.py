"""What opportunities adds to people's pages (see people/contributions.py): requests to
review, invitations unanswered and places to fill on the staff overview, this month's
sessions, experts and hours, and the meetings an expert attended on their profile."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from coproduce.core.formats import count_of, hours, long_date
from coproduce.opportunities.queries import overview as queries
from coproduce.people.contributions import (
    Figure,
    Link,
    Overview,
    ProfileSection,
    Task,
)

SOON_DAYS = queries.SOON.days


def _session_link(session, text: str) -> Link:
    return Link(
        text=f"{session.opportunity.title}, {long_date(session.starts_at)}: {text}",
        href=reverse("opportunities:session_places", args=[session.pk]),
    )


def _soonest(sessions: int, shown: int) -> tuple[str, ...]:
    return (f"The {shown} soonest sessions are listed.",) if sessions > shown else ()


def overview_part(user, today: date) -> Overview:
    now = timezone.now()
    part = Overview()
    if user.has_perm("opportunities.review_request"):
        n = queries.requests_to_review()
        part.tasks.append(
            Task(
                order=10,
                title="Requests to review",
                count=n,
                describe=count_of(n, "request is", "requests are") + " waiting for a decision"
                if n
                else "No requests are waiting for a decision.",
                link=Link("Review requests", reverse("opportunities:review_queue")),
            )
        )
    if user.has_perm("opportunities.manage"):
        part.tasks += [_unanswered(now), _places(now)]
    month = queries.month_of_involvement(today, now)
    part.figures += [
        Figure("Sessions held", f"{month.sessions_held:,}"),
        Figure("Experts who took part", f"{month.experts:,}"),
        Figure("Hours of involvement", hours(month.hours)),
    ]
    return part


def _unanswered(now) -> Task:
    found = queries.unanswered_invitations(now)
    notes = []
    if found.invitations:
        notes.append(
            f"{count_of(found.soon, 'is', 'are')} for a session in the next {SOON_DAYS} days."
            if found.soon
            else f"None is for a session in the next {SOON_DAYS} days."
        )
    return Task(
        order=30,
        title="Invitations not answered",
        count=found.invitations,
        describe=count_of(found.invitations, "invitation", "invitations")
        + " sent and not answered yet, for "
        + count_of(found.sessions, "session", "sessions")
        + " still to come"
        if found.invitations
        else "Every invitation to a session still to come has an answer.",
        link=Link("See opportunities", reverse("opportunities:opportunity_list")),
        notes=(*notes, *_soonest(found.sessions, len(found.first))),
        items=tuple(
            _session_link(s, count_of(s.unanswered, "not answered", "not answered"))
            for s in found.first
        ),
    )


def _places(now) -> Task:
    found = queries.places_to_fill(now)
    return Task(
        order=40,
        title="Places to fill",
        count=found.places,
        describe=count_of(found.places, "free place", "free places")
        + " at "
        + count_of(found.sessions, "session", "sessions")
        + " still to come"
        if found.places
        else "Every session still to come has all its places filled.",
        link=Link("See opportunities", reverse("opportunities:opportunity_list")),
        notes=_soonest(found.sessions, len(found.first)),
        items=tuple(
            _session_link(s, count_of(s.free, "place free", "places free")) for s in found.first
        ),
    )


def meetings_section(user, expert) -> ProfileSection:
    count, total_hours, rows = queries.meetings_attended(expert.pk, viewer=user)
    return ProfileSection(
        template="opportunities/_expert_meetings.jinja",
        data={
            "count": count,
            "hours": total_hours,
            "rows": rows,
            "link_to_work": user.has_perm("opportunities.manage"),
        },
    )
