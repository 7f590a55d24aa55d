"""How dates, times, money and phone numbers read on every page: "Tuesday 3 March 2026",
"2:30pm", "£12.50", "07700 900123"; counts as "1 hour", "2.5 hours", "1,204 rows"."""

from datetime import date, datetime
from decimal import Decimal

import phonenumbers
from django.template.defaultfilters import pluralize
from django.utils import timezone

from coproduce.core.money import pounds


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return f"{value.day} {value:%B %Y}"


def time_of_day(value: datetime | None) -> str:
    if value is None:
        return ""
    value = _local(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def date_time(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{short_date(value)} at {time_of_day(value)}"


def money(value: Decimal | int | str | None) -> str:
    if value is None or value == "":
        return ""
    amount = pounds(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def hours(value: Decimal | int | str | None) -> str:
    """Hours as people say them: "2", "1.5", "1.75" (no trailing zeros)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"


def count_of(n: Decimal | int | None, one: str, many: str = "") -> str:
    """A number with its word in the right form, by Django's `pluralize`: "1 hour", "2.5 hours",
    "1,204 rows". `many` is for words that do not just add an s: count_of(n, "person",
    "people"). Where the number is not shown, templates use `pluralize` itself."""
    if n is None or n == "":
        return ""
    number = f"{n:,}" if isinstance(n, int) else f"{Decimal(n).normalize():,f}"
    if "," in one + many:
        raise ValueError("pluralize splits its words at a comma: use words without one")
    word = pluralize(n, f"{one},{many or one + 's'}")
    return f"{number} {word}"


def lower_first(text: str) -> str:
    """Text to go mid-sentence: "Easy read" as "easy read" and "A companion or carer" as "a
    companion or carer", but "BSL interpreter" and "NHS number" keep their capitals."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper() or first == "I" or first.startswith("I'"):
        return text
    return text[:1].lower() + text[1:]


def phone(value: str) -> str:
    """A number stored as +447700900123 as people know it: "07700 900123" for a UK number,
    "+33 6 12 34 56 78" for one abroad."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return value
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)
