"""The directory's and events' part of a person's data: their entry in the directory (with its
photo) and their replies to events, with the needs they gave. Erasure deletes them all, and the
photo's file once the erasure has committed."""

from coproduce.comms.directory import presenters, queries
from coproduce.core.erasure import delete_file_after_commit
from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    entry = queries.entry_of(expert)
    replies = list(queries.replies_of_expert(expert))
    data: dict = {
        "directory_entry": None,
        "event_replies": [
            {
                "event": reply.event.title,
                "event_starts_at": reply.event.starts_at,
                "reply": presenters.answer_words(reply.answer),
                "guests": reply.guests,
                "dietary_needs": presenters.dietary_words(reply),
                "access_needs": presenters.access_words(reply),
                "replied_at": reply.replied_at,
                "last_changed_at": reply.updated_at,
            }
            for reply in replies
        ],
    }
    files = []
    if entry is not None:
        data["directory_entry"] = {
            "first_name": entry.first_name,
            "interests": entry.interests,
            "has_photo": bool(entry.photo),
            "joined_at": entry.joined_at,
            "last_changed_at": entry.updated_at,
            "hidden_by_the_involvement_lead_at": entry.hidden_at,
            "why_hidden": entry.hidden_reason,
        }
        if entry.photo:
            files.append(("directory-photo.jpg", entry.photo))
    return Section("directory_and_events", data, files)


def erase(expert) -> list[str]:
    from coproduce.comms.directory.models import DirectoryEntry, EventReply

    removed = []
    entry = DirectoryEntry.objects.filter(expert=expert).first()
    if entry is not None:
        delete_file_after_commit(entry.photo)
        entry.delete()
        removed.append("their entry in the directory of experts")
    count, _ = EventReply.objects.filter(expert=expert).delete()
    if count:
        removed.append("their replies to events")
    return removed
