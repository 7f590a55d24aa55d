"""The public "Get involved" form."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.people import services
from coproduce.people.forms import GetInvolvedForm


def get_involved(request: HttpRequest) -> HttpResponse:
    form = GetInvolvedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_up(
            values=form.profile_values(),
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        )
        # The same answer whether or not we already knew this person.
        return redirect("get_involved_done")
    return render(request, "people/get_involved.jinja", {"form": form})


def get_involved_done(request: HttpRequest) -> HttpResponse:
    return render(request, "people/get_involved_done.jinja")
