"""Postcodes, and the public constituency a postcode's district is in. A UK postcode is an
outward code (the district, "LS6") and an inward code ("2AB"); constituencies by postcode
district list outward codes, so only that half is compared."""

import re

# The shape of a full UK postcode, once spaces are taken out: "LS62AB", "SW1A1AA", "M11AE".
FULL = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise(text: str) -> str:
    """ "ls6 2ab", "LS62AB" and " LS6  2AB " all become "LS6 2AB"; anything else, upper-cased."""
    squashed = re.sub(r"\s+", "", text or "").upper()
    if FULL.match(squashed):
        return f"{squashed[:-3]} {squashed[-3:]}"
    return squashed


def is_postcode(text: str) -> bool:
    return bool(FULL.match(re.sub(r"\s+", "", text or "").upper()))


def district(postcode: str) -> str:
    """The outward code: "LS6" from "LS6 2AB". Blank when it is not a postcode."""
    squashed = re.sub(r"\s+", "", postcode or "").upper()
    if not FULL.match(squashed):
        return ""
    return squashed[:-3]


def clean_districts(values: list[str]) -> list[str]:
    """Districts as typed by the office ("ls6, LS7 ") made into a sorted list without repeats."""
    return sorted({re.sub(r"\s+", "", v).upper() for v in values if v and v.strip()})


def bad_districts(values: list[str]) -> list[str]:
    return [v for v in values if not DISTRICT.match(v)]
