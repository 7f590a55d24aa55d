"""The calendar of meetings, for everyone signed in: a month, a list of the next twelve
months, an .ics download, and each expert's private feed of their own meetings. Experts see
only the meetings open to them; staff see every team's."""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from coproduce.accounts import queries as account_queries
from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.forms import NHSFormMixin
from coproduce.opportunities.ics import build_calendar
from coproduce.opportunities.queries import calendar as queries
from coproduce.opportunities.queries.groups import active_groups
from coproduce.opportunities.queries.portal import feed_sessions

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def opportunity_link(pk: int) -> str:
    """The opportunity's page, linked for the involvement team."""
    return reverse("opportunities:opportunity_detail", args=[pk])


class CalendarFilterForm(NHSFormMixin, forms.Form):
    team = forms.ModelChoiceField(
        queryset=account_queries.teams(),
        required=False,
        empty_label="All teams",
        label="Team",
    )
    group = forms.ModelChoiceField(
        queryset=active_groups(),
        required=False,
        empty_label="All groups",
        label="Group",
    )
    month = forms.CharField(required=False, widget=forms.HiddenInput)

    def filters(self) -> queries.CalendarFilters:
        if not self.is_valid():
            return queries.CalendarFilters()
        team, group = self.cleaned_data.get("team"), self.cleaned_data.get("group")
        return queries.CalendarFilters(
            team_id=team.pk if team else None, group_id=group.pk if group else None
        )


def _filter_params(filters: queries.CalendarFilters) -> dict[str, int]:
    params = {}
    if filters.team_id:
        params["team"] = filters.team_id
    if filters.group_id:
        params["group"] = filters.group_id
    return params


def _query(params: dict, **more) -> str:
    return "?" + urlencode({**params, **more}) if params or more else ""


def _expert_user_id(request: AuthenticatedHttpRequest) -> int | None:
    """Whose meetings to limit the calendar to: an expert's own, or None for staff."""
    return request.user.pk if request.user.is_expert else None


def _context(request: AuthenticatedHttpRequest, first: date) -> dict:
    form = CalendarFilterForm(request.GET or None)
    filters = form.filters()
    params = _filter_params(filters)
    return {
        "form": form if form.is_bound else CalendarFilterForm(),
        "filters": filters,
        "params": params,
        "query": lambda **more: _query(params, **more),
        "month_param": f"{first:%Y-%m}",
        "link_to_opportunity": (
            opportunity_link if request.user.has_perm("opportunities.manage") else None
        ),
        "this_month": queries.month_start(queries.today_local()),
        "for_expert": request.user.is_expert,
    }


@permission_required("opportunities.view_calendar", raise_exception=True)
def calendar_month(request: AuthenticatedHttpRequest) -> HttpResponse:
    first = queries.parse_month(request.GET.get("month")) or queries.month_start(
        queries.today_local()
    )
    context = _context(request, first)
    context["month"] = queries.month_view(
        first, context["filters"], expert_user_id=_expert_user_id(request)
    )
    return render(request, "opportunities/calendar_month.jinja", context)


@permission_required("opportunities.view_calendar", raise_exception=True)
def calendar_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    first = queries.parse_month(request.GET.get("month")) or queries.month_start(
        queries.today_local()
    )
    context = _context(request, first)
    context["months"] = queries.list_view(
        first, context["filters"], expert_user_id=_expert_user_id(request)
    )
    context["last_month"] = queries.add_months(first, queries.LIST_MONTHS - 1)
    return render(request, "opportunities/calendar_list.jinja", context)


@permission_required("opportunities.view_calendar", raise_exception=True)
def calendar_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The next twelve months of meetings (from this month, or ?month=), as an .ics file."""
    first = queries.parse_month(request.GET.get("month")) or queries.month_start(
        queries.today_local()
    )
    filters = CalendarFilterForm(request.GET or None).filters()
    sessions = queries.sessions_between(
        first,
        queries.add_months(first, queries.LIST_MONTHS),
        filters,
        expert_user_id=_expert_user_id(request),
    )
    body = build_calendar(sessions, name="Involvement meetings", details=False)
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    return response


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """An expert's private feed, opened by their calendar app without signing in: the secret
    address is the key, and a reset address answers 404."""
    feed = queries.feed_with_token(token)
    if feed is None or not token:
        raise Http404
    sessions = [invitation.session for invitation in feed_sessions(feed.expert)]
    body = build_calendar(sessions, name="My meetings")
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
