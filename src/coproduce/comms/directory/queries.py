"""Reads for the directory and events, each with a fixed number of queries.

`upcoming_open_events` is what the public pages read: plain data with nothing personal."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from coproduce.comms.directory.models import (
    AccessNeed,
    Answer,
    DietaryNeed,
    DirectoryEntry,
    Event,
    EventReply,
    OpenTo,
)
from coproduce.people.choices import Status
from coproduce.people.models import Expert

DIRECTORY_PAGE_SIZE = 48

# Who appears in the directory (rules.py says why): active experts whose processing is not
# restricted, never erased, and whose entry the involvement lead has not hidden.
ACTIVE = Q(expert__status=Status.ACTIVE, expert__restricted_at__isnull=True) & Q(
    expert__erased_at__isnull=True
)
LISTED = ACTIVE & Q(hidden_at__isnull=True)


def may_join(expert: Expert) -> bool:
    """Whether this expert may be in the directory: active, not restricted, not erased."""
    return (
        expert.status == Status.ACTIVE and expert.restricted_at is None and expert.erased_at is None
    )


def entry_of(expert: Expert) -> DirectoryEntry | None:
    return DirectoryEntry.objects.filter(expert=expert).first()


def is_listed(entry: DirectoryEntry | None, expert: Expert) -> bool:
    """Whether this entry shows in the directory (and so whether its expert may see it)."""
    return entry is not None and entry.hidden_at is None and may_join(expert)


def listed_entries() -> QuerySet[DirectoryEntry]:
    """Everyone in the directory, by first name. Only the three things they chose to show are
    read."""
    return (
        DirectoryEntry.objects.filter(LISTED)
        .only("id", "first_name", "interests", "photo")
        .order_by("first_name", "id")
    )


def entries_to_look_after() -> QuerySet[DirectoryEntry]:
    """Every entry of an active expert, hidden ones first, for the involvement lead."""
    return (
        DirectoryEntry.objects.filter(ACTIVE)
        .only("id", "first_name", "interests", "photo", "hidden_at", "hidden_reason")
        .order_by(F("hidden_at").desc(nulls_last=True), "first_name", "id")
    )


def entry_for_lead(pk: int) -> DirectoryEntry | None:
    return DirectoryEntry.objects.filter(ACTIVE, pk=pk).first()


def listed_entry(pk: int) -> DirectoryEntry | None:
    return DirectoryEntry.objects.filter(LISTED, pk=pk).first()


def suggested_first_name(expert: Expert) -> str:
    """The name they go by, or the first word of their full name."""
    name = (expert.preferred_name or expert.full_name or "").strip()
    return name.split()[0] if name else ""


# Events ---------------------------------------------------------------------------------


def _headcount_sum():
    return Coalesce(
        Sum(F("replies__guests") + Value(1), filter=Q(replies__answer=Answer.YES)), Value(0)
    )


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with its headcount (experts coming and their guests) and replies of each
    kind, in the same query."""
    return events.annotate(
        headcount=_headcount_sum(),
        coming=Count("replies", filter=Q(replies__answer=Answer.YES)),
        maybe=Count("replies", filter=Q(replies__answer=Answer.MAYBE)),
        not_coming=Count("replies", filter=Q(replies__answer=Answer.NO)),
    )


def upcoming_events(now: datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return with_counts(Event.objects.filter(ends_at__gte=now)).order_by("starts_at", "id")


def past_events(now: datetime | None = None, limit: int = 20) -> QuerySet[Event]:
    now = now or timezone.now()
    return with_counts(Event.objects.filter(ends_at__lt=now)).order_by("-starts_at", "-id")[:limit]


def event_with_counts(pk: int) -> Event | None:
    return with_counts(Event.objects.filter(pk=pk)).first()


def event(pk: int) -> Event | None:
    return Event.objects.filter(pk=pk).first()


def taken_places(event: Event, *, leaving_out: Expert | None = None) -> int:
    """Places taken by replies of yes (each expert and their guests), leaving out one
    expert's own reply when they are changing it."""
    replies = EventReply.objects.filter(event=event, answer=Answer.YES)
    if leaving_out is not None:
        replies = replies.exclude(expert=leaving_out)
    total = replies.aggregate(total=Coalesce(Sum(F("guests") + Value(1)), Value(0)))["total"]
    return int(total)


def replies_to(event: Event) -> QuerySet[EventReply]:
    """Every reply to an event with the expert's name, coming first, then maybe, then not."""
    order = {Answer.YES: 0, Answer.MAYBE: 1, Answer.NO: 2}
    return (
        EventReply.objects.filter(event=event)
        .select_related("expert")
        .only(
            "id",
            "answer",
            "guests",
            "dietary",
            "dietary_other",
            "access",
            "access_other",
            "updated_at",
            "event_id",
            "expert__id",
            "expert__full_name",
            "expert__preferred_name",
        )
        .annotate(rank=Case(*[When(answer=a, then=Value(n)) for a, n in order.items()], default=3))
        .order_by("rank", "expert__full_name", "id")
    )


@dataclass(frozen=True)
class NeedCount:
    label: str
    count: int


@dataclass(frozen=True)
class NeedsSummary:
    dietary: list[NeedCount]
    access: list[NeedCount]
    # Needs written in the person's own words: counted together, listed by name.
    dietary_other: int
    access_other: int
    people: list[EventReply]


def needs_of(replies: list[EventReply]) -> NeedsSummary:
    """The dietary and access needs of those coming or who may come, counted by need, and the
    replies that have any, for the organiser. Reads no more: the replies are given."""
    counted = [r for r in replies if r.answer in (Answer.YES, Answer.MAYBE)]
    dietary = [
        NeedCount(label, sum(1 for r in counted if code in r.dietary))
        for code, label in DietaryNeed.choices
    ]
    access = [
        NeedCount(label, sum(1 for r in counted if code in r.access))
        for code, label in AccessNeed.choices
    ]
    return NeedsSummary(
        dietary=[n for n in dietary if n.count],
        access=[n for n in access if n.count],
        dietary_other=sum(1 for r in counted if r.dietary_other),
        access_other=sum(1 for r in counted if r.access_other),
        people=[r for r in counted if r.has_needs],
    )


def events_for_expert(expert: Expert, now: datetime | None = None) -> QuerySet[Event]:
    """Events still to come, each with this expert's answer (or None) in the same query."""
    now = now or timezone.now()
    mine = EventReply.objects.filter(event=OuterRef("pk"), expert=expert)
    return (
        Event.objects.filter(ends_at__gte=now)
        .annotate(my_answer=Subquery(mine.values("answer")[:1]))
        .order_by("starts_at", "id")
    )


def reply_of(expert: Expert, event: Event) -> EventReply | None:
    return EventReply.objects.filter(event=event, expert=expert).first()


def replies_of_expert(expert: Expert) -> QuerySet[EventReply]:
    return EventReply.objects.filter(expert=expert).select_related("event").order_by("id")


@dataclass(frozen=True)
class PublicEvent:
    """An event open to the public, as the public pages show it: nothing about who replied."""

    id: int
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online: bool
    how_to_come: str


PUBLIC_FIELDS = [f for f in PublicEvent.__dataclass_fields__]


def upcoming_open_events(limit: int = 5, now: datetime | None = None) -> list[PublicEvent]:
    """The next events open to the public, soonest first (one query)."""
    now = now or timezone.now()
    rows = (
        Event.objects.filter(open_to=OpenTo.PUBLIC, ends_at__gte=now)
        .order_by("starts_at", "id")
        .values(*PUBLIC_FIELDS)[:limit]
    )
    return [PublicEvent(**row) for row in rows]
