"""Joining, changing and leaving the directory, looking after its entries, arranging events and
replying to them: each in one transaction with its audit record. The audit trail says what was
done, never the line an expert wrote or the needs they gave."""

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.comms.directory import queries
from coproduce.comms.directory.models import Answer, DirectoryEntry, Event, EventReply
from coproduce.core.erasure import delete_file_after_commit
from coproduce.core.formats import count_of, long_date
from coproduce.people.models import Expert


class DirectoryError(Exception):
    """A change refused, with the words to show the person."""


# Which photo an entry shows.
KEEP_PHOTO = "keep"
PROFILE_PHOTO = "profile"
NEW_PHOTO = "new"
NO_PHOTO = "none"


PHOTO_SIDE = 400


def _square(content: bytes) -> ContentFile:
    """The photo cut to a square from its middle, 400 pixels a side, so that every card in the
    directory is the same shape. The photo has already been checked and re-encoded
    (core.images)."""
    with Image.open(io.BytesIO(content), formats=["JPEG", "PNG"]) as image:
        square = ImageOps.fit(image.convert("RGB"), (PHOTO_SIDE, PHOTO_SIDE))
    out = io.BytesIO()
    square.save(out, format="JPEG", quality=85)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _profile_photo(expert: Expert) -> ContentFile | None:
    if not expert.photo:
        return None
    with expert.photo.open("rb") as stored:
        return _square(stored.read())


def set_entry(
    *,
    actor,
    expert: Expert,
    first_name: str,
    interests: str,
    photo: str,
    upload: ContentFile | None = None,
) -> DirectoryEntry:
    """Puts the expert in the directory, or changes their entry: the first name and line they
    chose, and their photo: a copy of the one on their profile (with their consent, given by
    choosing it), one they upload, the one already there, or none."""
    if not queries.may_join(expert):
        raise DirectoryError("Only experts who are active with us can be in the directory")
    now = timezone.now()
    with transaction.atomic():
        entry = DirectoryEntry.objects.select_for_update().filter(expert=expert).first()
        created = entry is None
        if entry is None:
            entry = DirectoryEntry(expert=expert, joined_at=now)
        entry.first_name = first_name.strip()
        entry.interests = interests.strip()
        entry.updated_at = now
        new_file = None
        if photo == PROFILE_PHOTO:
            new_file = _profile_photo(expert)
            if new_file is None:
                raise DirectoryError("There is no photo on your profile to use")
        elif photo == NEW_PHOTO:
            if upload is None:
                raise DirectoryError("Choose a photo to upload")
            upload.seek(0)
            new_file = _square(upload.read())
        if photo in (PROFILE_PHOTO, NEW_PHOTO, NO_PHOTO) and entry.photo:
            delete_file_after_commit(entry.photo)
            entry.photo = ""
        if new_file is not None:
            entry.photo.save(new_file.name or "photo.jpg", new_file, save=False)
        entry.save()
        audit.record_change(
            actor=actor,
            instance=entry,
            subject=expert,
            action=AuditEvent.Action.DIRECTORY_ENTRY_SET,
            changes={},
            summary="Joined the directory of experts"
            if created
            else "Changed their entry in the directory of experts",
        )
    return entry


def leave_directory(*, actor, expert: Expert) -> bool:
    """Takes the expert out of the directory: their entry and its photo are deleted."""
    with transaction.atomic():
        entry = DirectoryEntry.objects.select_for_update().filter(expert=expert).first()
        if entry is None:
            return False
        delete_file_after_commit(entry.photo)
        audit.record_change(
            actor=actor,
            instance=entry,
            subject=expert,
            action=AuditEvent.Action.DIRECTORY_ENTRY_SET,
            changes={},
            summary="Left the directory of experts: their entry and photo are deleted",
        )
        entry.delete()
    return True


def hide_entry(*, actor, entry: DirectoryEntry, reason: str) -> None:
    """The involvement lead hides an entry; its expert sees the reason."""
    with transaction.atomic():
        entry.hidden_at = timezone.now()
        entry.hidden_reason = reason.strip()
        entry.hidden_by = actor
        entry.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        audit.record_change(
            actor=actor,
            instance=entry,
            subject=entry.expert,
            action=AuditEvent.Action.DIRECTORY_ENTRY_SET,
            changes={"hidden": [False, True]},
            summary="Entry in the directory of experts hidden by the involvement lead",
        )


def show_entry(*, actor, entry: DirectoryEntry) -> None:
    with transaction.atomic():
        entry.hidden_at = None
        entry.hidden_reason = ""
        entry.hidden_by = None
        entry.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        audit.record_change(
            actor=actor,
            instance=entry,
            subject=entry.expert,
            action=AuditEvent.Action.DIRECTORY_ENTRY_SET,
            changes={"hidden": [True, False]},
            summary="Entry in the directory of experts shown again by the involvement lead",
        )


# Events ---------------------------------------------------------------------------------

EVENT_FIELDS = [
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online",
    "how_to_come",
    "open_to",
    "capacity",
    "reply_by",
    "ask_dietary",
    "ask_access",
    "guests_allowed",
]


def save_event(*, actor, values: dict[str, Any], event: Event | None = None) -> Event:
    """Adds an event, or changes one; the audit trail keeps what changed."""
    with transaction.atomic():
        created = event is None
        if event is None:
            event = Event(created_by=actor)
            before: dict[str, Any] = {}
        else:
            event = Event.objects.select_for_update().get(pk=event.pk)
            before = audit.snapshot(event, EVENT_FIELDS)
        for name in EVENT_FIELDS:
            setattr(event, name, values[name])
        event.updated_at = timezone.now()
        event.save()
        audit.record_change(
            actor=actor,
            instance=event,
            action=AuditEvent.Action.EVENT_SET,
            changes=audit.diff(before, audit.snapshot(event, EVENT_FIELDS)),
            summary=("Event added: " if created else "Event changed: ")
            + audit.shortened(event.title, 120),
        )
    return event


@dataclass(frozen=True)
class ReplyValues:
    answer: str
    guests: int = 0
    dietary: tuple[str, ...] = ()
    dietary_other: str = ""
    access: tuple[str, ...] = ()
    access_other: str = ""


def replies_closed(event: Event, *, now: datetime | None = None) -> str:
    """Why replies can no longer be given, in words for the expert, or "" while they can."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    if event.starts_at <= now:
        return "This event has started, so replies are closed."
    if event.reply_by is not None and today > event.reply_by:
        return (
            f"Replies closed on {long_date(event.reply_by)}. If you would still like to come, "
            "contact the involvement team."
        )
    return ""


RESTRICTED_REPLY = (
    "You asked us to stop using your information for now, so we cannot take your reply. "
    "To start again, or to tell us you are coming, contact the involvement team."
)


def reply_to_event(
    *, actor, expert: Expert, event: Event, values: ReplyValues, now: datetime | None = None
) -> EventReply:
    """Keeps the expert's reply (replacing any they gave before). Refused after the reply-by
    date (but for a no), once the event has started, and when a yes would take more places
    than are left."""
    now = now or timezone.now()
    if Expert.objects.filter(pk=expert.pk, restricted_at__isnull=False).exists():
        # UK GDPR article 18: while they asked us to stop using their information, we do not
        # take new information from them either (their needs and diet are health data).
        raise DirectoryError(RESTRICTED_REPLY)
    with transaction.atomic():
        # The event row is locked so that two last replies cannot both take the last place.
        event = Event.objects.select_for_update().get(pk=event.pk)
        closed = replies_closed(event, now=now)
        # Someone who can no longer come may always say so, until the event starts.
        if closed and not (values.answer == Answer.NO and event.starts_at > now):
            raise DirectoryError(closed)
        guests = values.guests if values.answer == Answer.YES else 0
        if guests > event.guests_allowed:
            raise DirectoryError(
                f"You can bring {count_of(event.guests_allowed, 'guest')} at most"
                if event.guests_allowed
                else "This event is for experts only, without guests"
            )
        if values.answer == Answer.YES and event.capacity is not None:
            left = event.capacity - queries.taken_places(event, leaving_out=expert)
            if 1 + guests > left:
                raise DirectoryError(_no_room(left))
        reply = EventReply.objects.filter(event=event, expert=expert).first()
        before = reply.answer if reply else ""
        if reply is None:
            reply = EventReply(event=event, expert=expert, replied_at=now)
        reply.answer = values.answer
        reply.guests = guests
        reply.dietary = list(values.dietary) if event.ask_dietary else []
        reply.dietary_other = values.dietary_other.strip() if event.ask_dietary else ""
        reply.access = list(values.access) if event.ask_access else []
        reply.access_other = values.access_other.strip() if event.ask_access else ""
        reply.updated_at = now
        reply.save()
        audit.record_change(
            actor=actor,
            instance=reply,
            subject=expert,
            action=AuditEvent.Action.EVENT_REPLIED,
            changes={"answer": [before, reply.answer]} if before != reply.answer else {},
            summary=f"Replied {Answer(reply.answer).label.lower()} to "
            + audit.shortened(event.title, 120),
        )
    return reply


def _no_room(left: int) -> str:
    if left <= 0:
        return (
            "Sorry, this event is full. You can reply ‘Maybe’ and we will tell you if a place "
            "comes up."
        )
    return (
        f"Only {count_of(left, 'place is', 'places are')} left. "
        "Bring fewer guests, or reply ‘Maybe’."
    )


def record_replies_download(*, actor, event: Event, rows: int) -> None:
    """The list of replies leaving the product: who downloaded it, and when."""
    audit.record_export(
        actor=actor,
        action=AuditEvent.Action.EVENT_REPLIES_EXPORTED,
        what=event,
        summary="Replies downloaded: " + audit.shortened(event.title, 120),
        details={"format": "csv", "rows": rows},
    )
