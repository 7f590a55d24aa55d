"""Vehicle registrations, checked loosely and written one way.

Most UK plates are "AB12 CDE" (since 2001), older ones "A123 BCD" or "ABC 123D", and cherished
or Northern Irish plates come in many shapes. So the check is loose: letters and numbers only,
2 to 8 of them, with at least one of each. What it does do is write every plate the same way,
capitals with the one space where the plate has it, so an attendant reads the same thing the
expert typed and the same car is never registered twice."""

import re

CURRENT = re.compile(r"^([A-Z]{2}[0-9]{2})([A-Z]{3})$")  # AB12CDE -> AB12 CDE
PREFIX = re.compile(r"^([A-Z][0-9]{1,3})([A-Z]{3})$")  # A123BCD -> A123 BCD
SUFFIX = re.compile(r"^([A-Z]{3})([0-9]{1,3}[A-Z])$")  # ABC123D -> ABC 123D


class PlateError(ValueError):
    """A registration that cannot be a plate, with a message for the person."""


def normalise(text: str) -> str:
    """The registration in capitals with its usual space: " ab12cde " -> "AB12 CDE"."""
    squeezed = re.sub(r"[\s\-.]", "", text or "").upper()
    if not squeezed:
        raise PlateError("Enter the registration number, as it is on the number plate")
    if not squeezed.isascii() or not squeezed.isalnum():
        raise PlateError("The registration number can only have letters and numbers, like AB12 CDE")
    if not 2 <= len(squeezed) <= 8:
        raise PlateError(
            "The registration number must have between 2 and 8 letters and numbers, like AB12 CDE"
        )
    if squeezed.isalpha() or squeezed.isdigit():
        raise PlateError("The registration number must have letters and numbers, like AB12 CDE")
    for pattern in (CURRENT, PREFIX, SUFFIX):
        found = pattern.match(squeezed)
        if found:
            return f"{found.group(1)} {found.group(2)}"
    return squeezed
