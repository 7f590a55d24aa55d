"""Sessions: planning a series of dates, adding, changing and cancelling a session. Every
change raises `Session.sequence`, so calendar apps replace the entry they already hold."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import islice

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import long_date
from coproduce.opportunities.choices import RequestStatus, SessionStatus
from coproduce.opportunities.models import Opportunity, Session, Venue
from coproduce.opportunities.signals import session_changed

MAX_SESSIONS = 52
# How far back a session can be added to record work that already happened: a year covers a
# late write-up or a forgotten meeting, and keeps payments inside the tax year or the one before,
# which finance can still pay and an expert's benefits declaration still covers.
PAST_LIMIT = timedelta(days=365)
SESSION_FIELDS = ("starts_at", "ends_at", "venue", "papers", "status", "sequence")


class Repeat(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_DATE = "monthly_date"
    MONTHLY_WEEKDAY = "monthly_weekday"


class SessionInPast(Exception):
    """A session that has already started cannot be changed or cancelled."""


class PastSessionRefused(Exception):
    """A past session cannot be added as asked; the message says why, in words for the page."""


def earliest_past_day() -> date:
    """The first day a session recording past work may be on."""
    return timezone.localdate() - PAST_LIMIT


def past_session_problem(
    *, opportunity: Opportunity, starts_at: datetime, ends_at: datetime
) -> str:
    """Why a session that starts in the past cannot be added, or "" when it can."""
    if starts_at > timezone.now():
        return ""
    if opportunity.status != RequestStatus.PUBLISHED:
        return "Publish the opportunity before you record work that already happened"
    if timezone.localdate(starts_at) < earliest_past_day():
        return (
            f"The date must be within the last year, on or after {long_date(earliest_past_day())}"
        )
    if ends_at > timezone.now():
        return "A session that has started must have ended before you can record it"
    return ""


@dataclass(frozen=True)
class PlannedSession:
    starts_at: datetime
    ends_at: datetime


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def weekday_in_month(day: date) -> tuple[int, int]:
    """Which weekday of its month a date is, as (weekday, n): the 3rd Tuesday is (1, 3). A
    date in the month's last seven days past the fourth is "the last" (-1), which every month
    has."""
    n = (day.day - 1) // 7 + 1
    return day.weekday(), (-1 if n > 4 else n)


def describe_weekday_in_month(day: date) -> str:
    """'the first Tuesday', in words, for a hint or a summary."""
    wd, n = weekday_in_month(day)
    return f"the {ORDINALS[n]} {calendar.day_name[wd]}"


def plan_sessions(
    *,
    day: date,
    starts: time,
    ends: time,
    repeat: str = Repeat.NONE,
    count: int | None = None,
    until: date | None = None,
) -> list[PlannedSession]:
    """The dates of a one-off session or a series, in local time. Each session keeps its
    local start time across a clock change (10am stays 10am in October), because the rule
    runs on wall-clock times and each is made aware afterwards."""
    first = datetime.combine(day, starts)
    if repeat == Repeat.NONE:
        starts_list = [first]
    else:
        rule_args: dict = {"dtstart": first}
        limit = min(count or MAX_SESSIONS, MAX_SESSIONS)
        # RFC 5545 allows COUNT or UNTIL, not both: the limit is applied while reading instead.
        if until is not None:
            rule_args["until"] = datetime.combine(until, time(23, 59))
        else:
            rule_args["count"] = limit
        if repeat == Repeat.WEEKLY:
            rule = rrule(WEEKLY, **rule_args)
        elif repeat == Repeat.FORTNIGHTLY:
            rule = rrule(WEEKLY, interval=2, **rule_args)
        elif repeat == Repeat.MONTHLY_DATE:
            rule = rrule(MONTHLY, bymonthday=day.day, **rule_args)
        elif repeat == Repeat.MONTHLY_WEEKDAY:
            wd, n = weekday_in_month(day)
            rule = rrule(MONTHLY, byweekday=weekday(wd, n), **rule_args)
        else:
            raise ValueError(f"Unknown repeat {repeat!r}")
        starts_list = list(islice(rule, limit))
    zone = timezone.get_current_timezone()
    return [
        PlannedSession(
            starts_at=timezone.make_aware(start, zone),
            ends_at=timezone.make_aware(datetime.combine(start.date(), ends), zone),
        )
        for start in starts_list
    ]


def create_sessions(
    *, opportunity: Opportunity, planned: Iterable[PlannedSession], venue: Venue | None
) -> list[Session]:
    """Saves planned sessions; called inside the caller's transaction."""
    return Session.objects.bulk_create(
        Session(opportunity=opportunity, starts_at=p.starts_at, ends_at=p.ends_at, venue=venue)
        for p in planned
    )


def _refuse_past(session: Session) -> None:
    if session.starts_at <= timezone.now():
        raise SessionInPast("This session has already started, so it cannot be changed")


@transaction.atomic
def add_session(
    *,
    actor: User,
    opportunity: Opportunity,
    starts_at: datetime,
    ends_at: datetime,
    venue: Venue | None,
    papers: str = "",
) -> Session:
    """Adds one more dated session to an opportunity. It may be in the past (up to PAST_LIMIT
    back, on a published opportunity) to record work that already happened: nobody is told
    about a session being added, so a past one sends no invitation or calendar entry."""
    if problem := past_session_problem(
        opportunity=opportunity, starts_at=starts_at, ends_at=ends_at
    ):
        raise PastSessionRefused(problem)
    session = Session.objects.create(
        opportunity=opportunity, starts_at=starts_at, ends_at=ends_at, venue=venue, papers=papers
    )
    audit.record_change(
        actor=actor,
        instance=session,
        subject=opportunity,
        action=AuditEvent.Action.CREATED,
        changes=audit.diff({}, audit.snapshot(session, SESSION_FIELDS)),
        summary=f"Session added on {timezone.localtime(starts_at):%d/%m/%Y %H:%M}"
        + (" (work that already happened)" if starts_at <= timezone.now() else ""),
    )
    return session


@transaction.atomic
def change_session(
    *,
    actor: User,
    session: Session,
    starts_at: datetime,
    ends_at: datetime,
    venue: Venue | None,
    papers: str,
) -> Session:
    """Moves a session or changes its venue or papers. Everyone invited is told afterwards,
    with a calendar entry that replaces the one they have (same UID, higher sequence)."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _refuse_past(session)
    before = audit.snapshot(session, SESSION_FIELDS)
    session.starts_at, session.ends_at, session.venue, session.papers = (
        starts_at,
        ends_at,
        venue,
        papers,
    )
    session.sequence += 1
    session.save()
    audit.record_change(
        actor=actor,
        instance=session,
        subject=session.opportunity,
        action=AuditEvent.Action.UPDATED,
        changes=audit.diff(before, audit.snapshot(session, SESSION_FIELDS)),
        summary="Session changed",
    )
    transaction.on_commit(
        lambda: session_changed.send(sender=Session, session=session, cancelled=False)
    )
    return session


@transaction.atomic
def cancel_session(*, actor: User, session: Session, reason: str) -> Session:
    """Cancels a session. Everyone invited is told afterwards, and their calendar app removes
    the entry."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _refuse_past(session)
    if session.status == SessionStatus.CANCELLED:
        return session
    before = audit.snapshot(session, SESSION_FIELDS)
    session.status = SessionStatus.CANCELLED
    session.sequence += 1
    session.save(update_fields=["status", "sequence", "updated_at"])
    audit.record_change(
        actor=actor,
        instance=session,
        subject=session.opportunity,
        action=AuditEvent.Action.CANCELLED,
        changes=audit.diff(before, audit.snapshot(session, SESSION_FIELDS)),
        summary=f"Session cancelled: {reason}",
    )
    transaction.on_commit(
        lambda: session_changed.send(sender=Session, session=session, cancelled=True, reason=reason)
    )
    return session
