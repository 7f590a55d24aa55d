"""The organisation's own words for its public page about involvement: one row, written by
the involvement lead (core.terms holds the short words, such as what it calls its experts;
these are paragraphs, so they live here)."""

from django.db import models

from coproduce.core.models import TimeStamped


class InvolvementWords(TimeStamped):
    """What involvement is here, and how to get involved, in the organisation's words. Blank
    means the page's own words are shown."""

    what_involvement_is = models.TextField(max_length=4000, blank=True)
    how_to_get_involved = models.TextField(max_length=4000, blank=True)

    class Meta:
        verbose_name_plural = "involvement words"

    def __str__(self) -> str:
        return "Our words about involvement"
