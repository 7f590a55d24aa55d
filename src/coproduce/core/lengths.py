"""Text that must fit a model field, with nothing cut silently (DESIGN.md). What a person
writes is checked, in the form and again in the service, and refused when too long, with a
message for the person: "Description must be 200 characters or fewer". Text the product
makes itself (a file name kept from an upload, a description built from parts) may be
shortened on purpose, with "…" to show that it goes on, by `shorten_for` or `file_name_for`.

How to use it::

    DESCRIPTION_TOO_LONG = too_long("description", limit_of(ClaimLine, "description"))
    if len(text) > limit_of(ClaimLine, "description"):
        raise ClaimError({"description": DESCRIPTION_TOO_LONG})

    line.receipt_name = file_name_for(ClaimLine, "receipt_name", upload.name)
"""

from django.db import models

MARK = "…"


def limit_of(model: type[models.Model], field: str) -> int:
    """The most characters `model.field` holds (its max_length)."""
    found = model._meta.get_field(field)
    length = found.max_length if isinstance(found, models.Field) else None
    if length is None:
        raise ValueError(f"{model.__name__}.{field} has no max_length to fit text to.")
    return length


def too_long(subject: str, limit: int) -> str:
    """The message for text over the limit, worded as the NHS design system's are:
    "Description must be 200 characters or fewer"."""
    return f"{subject[:1].upper()}{subject[1:]} must be {limit:,} characters or fewer"


def shorten(text: str, length: int) -> str:
    """`text` whole if it has at most `length` characters, otherwise its start and "…"."""
    if len(text) <= length:
        return text
    return text[: length - len(MARK)].rstrip() + MARK


def shorten_for(model: type[models.Model], field: str, text: str, *, end: str = "") -> str:
    """Text the product makes, shortened on purpose to fit `model.field`: `text` is shortened
    (with "…") as far as needed for `end` to follow it whole. For a name built from parts,
    such as an opportunity's title followed by the fee in words."""
    room = limit_of(model, field) - len(end)
    if room < len(MARK) + 1:
        raise ValueError(f"{end!r} leaves no room in {model.__name__}.{field}.")
    return shorten(text, room) + end


def file_name_for(model: type[models.Model], field: str, name: str) -> str:
    """A file name as it was uploaded, shortened on purpose to fit `model.field`, keeping
    its extension (".pdf") so that it still says what kind of file it is."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        return shorten_for(model, field, name)
    return shorten_for(model, field, stem, end=f".{extension}")
