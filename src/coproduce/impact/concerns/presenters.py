"""Wording for concern pages: the rows of the coordinators' list, the meeting or payment a
concern is about, how long it has waited, and each step of its history."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from coproduce.core.formats import count_of, long_date, money, time_of_day
from coproduce.impact.concerns.models import Concern, Step
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE, can_see_opportunity

# What the expert chose, in the team's words ("How I was treated" is the expert's).
ABOUT_FOR_STAFF = {
    Concern.About.MEETING: "A meeting",
    Concern.About.PAYMENT: "A payment",
    Concern.About.TREATMENT: "How they were treated",
    Concern.About.OTHER: "Something else",
}

STATUS_TAGS = {
    Concern.Status.NEW: "nhsuk-tag--red",
    Concern.Status.OPEN: "nhsuk-tag--blue",
    Concern.Status.CLOSED: "nhsuk-tag--grey",
}


def days_between(start: datetime, end: datetime) -> int:
    return max((end - start).days, 0)


def waited(concern: Concern, now: datetime | None = None) -> str:
    """ "Waiting 3 days", "Raised today", "Closed after 12 days"."""
    now = now or timezone.now()
    if concern.status == Concern.Status.CLOSED and concern.closed_at:
        days = days_between(concern.raised_at, concern.closed_at)
        return "Closed the same day" if days == 0 else f"Closed after {count_of(days, 'day')}"
    days = days_between(concern.raised_at, now)
    return "Raised today" if days == 0 else f"Waiting {count_of(days, 'day')}"


def meeting_label(invitation, user=None) -> str:
    session = invitation.session
    title = session.opportunity.title
    if user is not None and not can_see_opportunity(user, session.opportunity):
        title = CONFIDENTIAL_TITLE
    return f"{title}, {long_date(session.starts_at)}"


def claim_label(claim, user=None) -> str:
    opportunity = claim.invitation.session.opportunity
    title = opportunity.title
    if user is not None and not can_see_opportunity(user, opportunity):
        title = CONFIDENTIAL_TITLE
    return f"{claim.get_kind_display()} for {title}, {long_date(claim.session_date)} ({money(claim.total)})"


def what_about(concern: Concern, user=None, *, for_expert: bool = False) -> str:
    """The concern's subject in one line: "A meeting: Carers' workshop, Tuesday 3 March 2026"."""
    about = (
        concern.get_about_display() if for_expert else ABOUT_FOR_STAFF[concern.About(concern.about)]
    )
    if concern.invitation_id and concern.invitation:
        return f"{about}: {meeting_label(concern.invitation, user)}"
    if concern.claim_id and concern.claim:
        return f"{about}: {claim_label(concern.claim, user)}"
    return about


@dataclass(frozen=True)
class Row:
    concern: Concern
    href: str
    about: str
    waited: str
    status_tag: str


def rows(concerns, now: datetime | None = None) -> list[Row]:
    now = now or timezone.now()
    return [
        Row(
            concern=c,
            href=reverse("concerns:concern", args=[c.pk]),
            about=ABOUT_FOR_STAFF[Concern.About(c.about)],
            waited=waited(c, now),
            status_tag=STATUS_TAGS[Concern.Status(c.status)],
        )
        for c in concerns
    ]


# How each step reads in the expert's history (the team sees the step's own label).
FOR_EXPERT = {
    Step.Kind.RAISED: "You told us about your concern",
    Step.Kind.ADDED: "You added more",
    Step.Kind.RESPONSE: "Our reply",
    Step.Kind.CLOSED: "We closed your concern",
    Step.Kind.REOPENED: "We reopened your concern",
}


@dataclass(frozen=True)
class HistoryItem:
    title: str
    when: str
    who: str
    text: str
    kind: str


def history_items(steps: list[Step], *, for_expert: bool = False) -> list[HistoryItem]:
    items = []
    for step in steps:
        if for_expert:
            title = FOR_EXPERT.get(Step.Kind(step.kind), step.get_kind_display())
            who = "" if step.kind in (Step.Kind.RAISED, Step.Kind.ADDED) else step.by_label
        else:
            title = step.get_kind_display()
            who = step.by_label or "System"
        items.append(
            HistoryItem(
                title=title,
                when=f"{long_date(step.at)}, {time_of_day(step.at)}",
                who=who,
                text=step.text,
                kind=step.kind,
            )
        )
    return items
