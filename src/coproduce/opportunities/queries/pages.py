"""The one opportunity, session or invite run a team page is about, or 404 (one query
each). `related` names what the page shows beside it, read in the same query. `user` is the
person asking: confidential work they are not named on (or invited to) answers 404, the same
as work that does not exist."""

from django.shortcuts import get_object_or_404

from coproduce.opportunities.models import InviteRun, Opportunity, Session


def opportunity_or_404(pk: int, *related: str, user) -> Opportunity:
    return get_object_or_404(Opportunity.objects.visible_to(user).select_related(*related), pk=pk)


def session_or_404(pk: int, *related: str, user) -> Session:
    return get_object_or_404(Session.objects.visible_to(user).select_related(*related), pk=pk)


def invite_run_or_404(pk: int, *, user) -> InviteRun:
    from coproduce.opportunities.visibility import opportunity_q

    return get_object_or_404(
        InviteRun.objects.filter(opportunity_q(user, "opportunity__")).select_related(
            "opportunity", "created_by"
        ),
        pk=pk,
    )
