"""The public "Get involved" form."""

import logging
from urllib.parse import urlencode

from allauth.core import ratelimit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from coproduce.people import services
from coproduce.people.choices import Channel
from coproduce.people.forms import GetInvolvedForm
from coproduce.people.presenters import GetInvolvedThanks

logger = logging.getLogger(__name__)


def _thanks(values: dict) -> HttpResponse:
    # The same answer whether or not we already knew this person. The thank-you page is told
    # only the way they chose and whether an email is on its way.
    query = {"by": values["preferred_channel"]}
    if values["email"]:
        query["emailed"] = "yes"
    return redirect(f"{reverse('get_involved_done')}?{urlencode(query)}")


def get_involved(request: HttpRequest) -> HttpResponse:
    form = GetInvolvedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.profile_values()
        if form.looks_automated:
            logger.info("Get involved: a sending filled in the robots' trap and was not kept")
            return _thanks(values)
        if not ratelimit.consume(request, action="get_involved"):
            return render(
                request,
                "people/get_involved.jinja",
                {"form": form, "too_many": True, "team_email": settings.INVOLVEMENT_TEAM_EMAIL},
                status=429,
            )
        services.sign_up(values=values, privacy_notice_version=settings.PRIVACY_NOTICE_VERSION)
        return _thanks(values)
    return render(request, "people/get_involved.jinja", {"form": form})


def get_involved_done(request: HttpRequest) -> HttpResponse:
    channel = request.GET.get("by", "")
    thanks = GetInvolvedThanks(
        channel if channel in Channel.values else "", emailed=request.GET.get("emailed") == "yes"
    )
    return render(request, "people/get_involved_done.jinja", {"thanks": thanks})
