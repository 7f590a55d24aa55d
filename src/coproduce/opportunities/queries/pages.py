"""The one opportunity, session or invite run a team page is about, or 404 (one query
each). `related` names what the page shows beside it, read in the same query."""

from django.shortcuts import get_object_or_404

from coproduce.opportunities.models import InviteRun, Opportunity, Session


def opportunity_or_404(pk: int, *related: str) -> Opportunity:
    return get_object_or_404(Opportunity.objects.select_related(*related), pk=pk)


def session_or_404(pk: int, *related: str) -> Session:
    return get_object_or_404(Session.objects.select_related(*related), pk=pk)


def invite_run_or_404(pk: int) -> InviteRun:
    return get_object_or_404(InviteRun.objects.select_related("opportunity", "created_by"), pk=pk)
