"""Checks on what people type, shared by forms and the spreadsheet import."""

import re

import phonenumbers
from django.core.exceptions import ValidationError

from coproduce.core.formats import phone

# The shape of a UK postcode, e.g. "SY2 6ND", "M1 1AE", "EC1A 1BB".
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def clean_postcode(value: str) -> str:
    value = (value or "").strip().upper()
    if not value:
        return ""
    match = POSTCODE.match(value)
    if not match:
        raise ValidationError("Enter a real postcode, like SY2 6ND")
    return f"{match.group(1)} {match.group(2)}"


def clean_phone(value: str) -> str:
    """A UK or international phone number, stored as +447700900123."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            "Enter a phone number, like 01632 960 001 or 07700 900 982"
        ) from error
    if not (phonenumbers.is_valid_number(number) or _uk_shaped(number)):
        raise ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _uk_shaped(number: phonenumbers.PhoneNumber) -> bool:
    """A UK number of the right length and prefix. libphonenumber's list of allocated ranges
    lags behind (and leaves out Ofcom's ranges for fiction): refusing a real number loses a
    person, so the shape is enough."""
    national = str(number.national_number)
    return number.country_code == 44 and len(national) in (9, 10) and national[0] in "123578"


# How a stored number reads on a page ("07700 900123"): one way, in core, for texts too.
display_phone = phone
