"""The readable copy of a subject access download: the same gathered sections as data.json,
laid out as a tagged PDF with plain headings, lists of facts and tables.

It is made from the very `Section`s that data.json is made from, by a generic renderer: a
dict becomes a list of facts (its field names turned into words), a list of records becomes a
table, and anything nested gets its own heading. So the two can never disagree, and a new
field in any app's `personal_data.py` shows up here without a change."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from coproduce.core import formats
from coproduce.core.pdf import render_pdf

# Each part's heading, as the person would call it. A part not named here is titled from its
# name ("new_part" as "New part").
HEADINGS = {
    "register": "About you",
    "account": "How you sign in",
    "onboarding": "Agreements you signed, badges and welcome packs",
    "training": "Your training",
    "parking": "Your vehicles and parking permits",
    "involvement": "Meetings and invitations",
    "payments": "Payments",
    "audit": "Changes to your record, and who opened it",
}

# Friendlier words for some field names; the rest read as "field_name" → "Field name".
LABELS = {
    "profile": "Your details",
    "status_history": "Changes to your status",
    "full_name": "Name",
    "preferred_channel": "How you like to be contacted",
    "notice_days": "Days' notice you need",
    "benefits_declaration": "Benefits",
    "assessment_period_start_day": "Benefit assessment period starts on day",
    "consent_given_at": "Consent given",
    "consent_privacy_notice_version": "Privacy notice version agreed to",
    "internal_notes": "Notes the team keeps",
    "created_at": "Record made",
    "updated_at": "Record last changed",
    "sign_in_email": "Sign-in email",
    "account_made_at": "Account made",
    "last_signed_in_at": "Last signed in",
    "can_sign_in": "Can sign in",
    "has_an_account": "Has an account",
    "open_sessions": "Sessions still open",
    "sessions": "When your open sessions end",
    "ends_at": "Ends",
    "second_factor": "Second factor (authenticator app and recovery codes)",
    "kind": "Kind",
    "set_up_at": "Set up",
    "last_used_at": "Last used",
    "sign_ins": "Sign-ins",
    "signed_out_at": "Signed out",
    "failed_sign_ins": "Recent failed sign-ins",
    "last_tried_at": "Last tried",
    "browser": "Browser and device",
    "address": "Address",
    "at": "When",
    "by": "By",
    "for": "For",
    "session_starts": "Meeting starts",
    "session_ends": "Meeting ends",
    "session_date": "Meeting date",
    "answered_at": "Answered",
    "has_private_calendar_feed": "Has a private calendar link",
    "claims": "Claims",
    "lines": "What was claimed",
    "fee_choices": "Payment choices",
    "submitted_on_their_behalf": "Sent in by the team for you",
    "record_opened": "Times staff opened your record",
    "agreements_signed": "Agreements you signed",
    "agreement": "Agreement",
    "signed_at": "Signed",
    "how_signed": "How it was signed",
    "typed_name": "Name typed or written",
    "welcome_packs_sent": "Welcome packs sent",
    "training_completed": "Training you completed",
    "course": "Course",
    "runs_out_on": "Runs out on",
    "reminded_at": "Reminded that it runs out",
    "check_ins": "Debriefs and check-ins offered to you",
    "due_on": "Due",
    "outcome": "What happened",
    "papers_opened": "Papers you opened",
    "paper": "Paper",
    "opened_at": "Opened",
}

# Decimal fields that are money (others, such as hours, read as plain numbers).
MONEY = {"amount", "total", "unit_rate", "reduced_amount", "earnings_limit"}

NOTHING = "None recorded"


@dataclass
class Block:
    """One piece of the document: a heading, a list of facts, a table, or a line of text."""

    kind: str  # "heading", "facts", "table" or "text"
    text: str = ""
    level: int = 2
    rows: list = field(default_factory=list)
    headers: list[str] = field(default_factory=list)


def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").strip().capitalize()


def shown(value, name: str = "") -> str:
    """A value as words: dates and money as every page writes them, yes or no, lists joined."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return formats.date_time(value)
    if isinstance(value, date):
        return formats.short_date(value)
    if name == "phone" and isinstance(value, str):
        return formats.phone(value)
    if isinstance(value, Decimal):
        return formats.money(value) if name in MONEY else formats.hours(value)
    if isinstance(value, list | tuple):
        return ", ".join(text for item in value if (text := shown(item)))
    if isinstance(value, dict):
        return "; ".join(f"{label(k)}: {_change(v, k)}" for k, v in value.items())
    return str(value)


def _change(value, name: str) -> str:
    """A recorded change is [before, after]: "was 'x', now 'y'"."""
    if isinstance(value, list) and len(value) == 2:
        return f"was {shown(value[0], name) or 'blank'}, now {shown(value[1], name) or 'blank'}"
    return shown(value, name)


def _flat(value) -> bool:
    """Whether a value fits in one line or cell (lists of plain values and small dicts do)."""
    if isinstance(value, list):
        return all(not isinstance(item, dict | list) for item in value)
    if isinstance(value, dict):
        return all(_flat(v) and not isinstance(v, dict) for v in value.values())
    return True


def _one_line(value) -> bool:
    """Whether a field of a record is one fact: a part of its own (a dict, or a list of
    records) gets a heading instead."""
    return not isinstance(value, dict) and _flat(value)


def _record_table(records: list[dict]) -> Block:
    headers = list(dict.fromkeys(key for record in records for key in record))
    return Block(
        "table",
        headers=[label(key) for key in headers],
        rows=[[shown(record.get(key), key) for key in headers] for record in records],
    )


def blocks_for(value, level: int) -> list[Block]:
    """The blocks for one value under a heading of `level`."""
    if isinstance(value, dict):
        # Beside parts of their own, every list is a part too, even an empty one.
        has_parts = not all(_one_line(v) for v in value.values())
        parts = {
            k for k, v in value.items() if not _one_line(v) or has_parts and isinstance(v, list)
        }
        facts = [(label(k), shown(v, k)) for k, v in value.items() if k not in parts]
        out = [Block("facts", rows=facts)] if facts else []
        for key, nested in value.items():
            if key in parts:
                out.append(Block("heading", label(key), level=min(level + 1, 6)))
                out.extend(blocks_for(nested, level + 1))
        return out
    if isinstance(value, list):
        if not value:
            return [Block("text", NOTHING)]
        if all(isinstance(item, dict) for item in value):
            if all(_flat(v) for item in value for v in item.values()):
                return [_record_table(value)]
            out = []
            for number, item in enumerate(value, start=1):
                first = next(iter(item.items()), ("", number))
                out.append(
                    Block(
                        "heading",
                        f"{label(first[0])}: {shown(first[1], first[0])}",
                        level=min(level + 1, 6),
                    )
                )
                out.extend(blocks_for(item, level + 1))
            return out
    return [Block("text", shown(value) or NOTHING)]


def document_blocks(sections) -> list[tuple[str, list[Block]]]:
    """Each part under its heading: "About you" first, then in the order of HEADINGS, then any
    part it does not name."""
    order = list(HEADINGS)
    ranked = sorted(
        sections,
        key=lambda s: order.index(s.name) if s.name in order else len(order),
    )
    return [
        (HEADINGS.get(section.name) or label(section.name), blocks_for(section.data, 2))
        for section in ranked
    ]


def as_pdf(expert, sections, *, made_at: datetime) -> bytes:
    """The tagged PDF of everything held about the expert, from the gathered sections."""
    return render_pdf(
        "core/subject_access_pdf.jinja",
        {"expert": expert, "parts": document_blocks(sections), "made_at": made_at},
    )
