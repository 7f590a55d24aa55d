"""Reads for the public pages: the organisation's words, and what the page shows from the
other comms apps (published stories, upcoming open events), as plain data."""

from coproduce.comms.public.models import InvolvementWords


def words() -> InvolvementWords:
    """The saved words, or an empty row (not saved) when the lead has written none."""
    return InvolvementWords.objects.order_by("pk").first() or InvolvementWords()
