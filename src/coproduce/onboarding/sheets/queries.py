"""Reads of support sheets, each with a fixed number of queries."""

from django.db.models import QuerySet
from django.http import Http404

from coproduce.onboarding.models import SupportSheet


def sheets_for(audience: str) -> QuerySet[SupportSheet]:
    """The sheets shown to this audience ("staff" or "experts"), in the lead's order, without
    retired ones (one query). The welcome pack reads them here."""
    return SupportSheet.objects.filter(
        audience=SupportSheet.Audience(audience), retired_at=None
    ).order_by("position", "title", "id")


def all_sheets() -> QuerySet[SupportSheet]:
    """Every sheet, retired ones too, for the lead to manage (one query)."""
    # "staff" sorts after "experts": descending puts the sheets for staff first.
    return SupportSheet.objects.order_by("-audience", "position", "title", "id")


def sheet(pk: int) -> SupportSheet:
    """The sheet, retired or not; 404 if there is none. The caller applies the rules."""
    found = SupportSheet.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such support sheet.")
    return found
