"""The shortlist for an opportunity, or one of its sessions: experts ranked by fit, each with
the reasons in words."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from coproduce.core.forms import NHSFormMixin
from coproduce.onboarding.models import Prerequisite
from coproduce.opportunities.matching.reasons import describe_sessions
from coproduce.opportunities.matching.rules import rules_in_words
from coproduce.opportunities.matching.shortlist import shortlist as shortlist_for
from coproduce.opportunities.models import Opportunity
from coproduce.opportunities.queries.pages import opportunity_or_404

PAGE = 50
MOST = 500  # "show more" stops here: past it, a name filter finds people faster


class ShortlistFilterForm(NHSFormMixin, forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    apart = forms.BooleanField(label="Show who is listed apart, and why", required=False)
    show = forms.IntegerField(required=False)
    # The session to find experts for; none for every upcoming session. The page lists the
    # choices itself, from the sessions the shortlist read.
    session = forms.IntegerField(required=False, min_value=1)

    def count_apart(self, total: int) -> None:
        """Words the "show" checkbox with how many are listed apart."""
        if total:
            who = "the expert" if total == 1 else f"the {total:,} experts"
            # The bound field keeps the label it was made with: word both.
            self.fields["apart"].label = self["apart"].label = f"Show {who} listed apart, and why"


def invite_url(opportunity: Opportunity) -> str:
    """Where the chosen experts are posted (the page shows no checkboxes without it)."""
    return reverse("opportunities:invite", kwargs={"pk": opportunity.pk})


@permission_required("opportunities.manage", raise_exception=True)
def shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_or_404(pk, "team", "venue__locality", user=request.user)
    form = ShortlistFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    limit = max(PAGE, min(data.get("show") or PAGE, MOST))
    result = shortlist_for(
        opportunity, limit=limit, text=data.get("q") or "", session_id=data.get("session")
    )
    form.count_apart(result.apart_total)
    more = request.GET.copy()
    more["show"] = str(min(limit + PAGE, MOST))
    with_apart = request.GET.copy()
    with_apart["apart"] = "on"
    return render(
        request,
        "opportunities/shortlist.jinja",
        {
            "opportunity": opportunity,
            "shortlist": result,
            "session_words": describe_sessions(result.sessions),
            "upcoming_words": describe_sessions(result.upcoming),
            "rules": rules_in_words(),
            "filter_form": form,
            "show_apart": bool(data.get("apart")),
            "text": data.get("q") or "",
            "more_query": more.urlencode() if limit < MOST else "",
            "apart_query": with_apart.urlencode(),
            "prerequisites": [
                Prerequisite(p).label for p in opportunity.prerequisites if p in Prerequisite.values
            ],
            "invite_url": invite_url(opportunity),
        },
    )
