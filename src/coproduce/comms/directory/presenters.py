"""Wording for the events pages and the list of replies: a reply's needs in words, and the
rows of the CSV the organiser downloads."""

import csv
import io

from coproduce.comms.directory.models import AccessNeed, Answer, DietaryNeed, Event, EventReply
from coproduce.core.formats import count_of, date_time, long_date, time_of_day
from coproduce.core.spreadsheets import neutralise

DIETARY = dict(DietaryNeed.choices)
ACCESS = dict(AccessNeed.choices)
ANSWER_WORDS: dict[str, str] = {
    Answer.YES: "Coming",
    Answer.MAYBE: "Maybe",
    Answer.NO: "Not coming",
}


def dietary_words(reply: EventReply) -> str:
    words = [DIETARY.get(code, code) for code in reply.dietary]
    if reply.dietary_other:
        words.append(reply.dietary_other)
    return "; ".join(words)


def access_words(reply: EventReply) -> str:
    words = [ACCESS.get(code, code) for code in reply.access]
    if reply.access_other:
        words.append(reply.access_other)
    return "; ".join(words)


def answer_words(answer: str | None) -> str:
    return ANSWER_WORDS.get(answer, "Not replied yet") if answer else "Not replied yet"


def when(event: Event) -> str:
    """ "Friday 3 July 2026, 6pm to 9pm"."""
    return f"{long_date(event.starts_at)}, {time_of_day(event.starts_at)} to {time_of_day(event.ends_at)}"


def where(event: Event) -> str:
    if event.place and event.online:
        return f"{event.place}, or online"
    return event.place or "Online"


def places_words(event: Event) -> str:
    """ "12 coming (with guests) of 40 places"."""
    coming = count_of(getattr(event, "headcount", 0), "person", "people")
    if event.capacity is None:
        return f"{coming} coming"
    return f"{coming} coming, of {count_of(event.capacity, 'place')}"


CSV_HEADINGS = [
    "Name",
    "Reply",
    "Guests",
    "Dietary needs",
    "Access needs",
    "Replied or changed",
]


def replies_csv(replies: list[EventReply]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADINGS)
    for reply in replies:
        writer.writerow(
            [
                neutralise(reply.expert.display_name),
                ANSWER_WORDS.get(reply.answer, reply.answer),
                reply.guests,
                neutralise(dietary_words(reply)),
                neutralise(access_words(reply)),
                date_time(reply.updated_at),
            ]
        )
    return out.getvalue()
