"""The involvement lead names the safeguarding contacts and the working days within which an
expert hears back."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.impact.concerns import queries, services
from coproduce.impact.concerns.forms import SettingsForm


@permission_required("concerns.set_safeguarding_contacts", raise_exception=True)
def safeguarding_contacts(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = queries.concern_settings()
    staff = list(queries.staff_to_name())
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        staff=staff,
        initial={
            "contacts": [u.pk for u in queries.named_contacts(current)],
            "team_email": current.team_email,
            "reply_days": current.reply_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["contacts"])
        services.set_settings(
            actor=request.user,
            contacts=[u for u in staff if u.pk in chosen],
            team_email=form.cleaned_data["team_email"],
            reply_days=form.cleaned_data["reply_days"],
        )
        messages.success(request, "The safeguarding contacts are saved.")
        return redirect("concerns:safeguarding_contacts")
    return render(
        request,
        "concerns/safeguarding_contacts.jinja",
        {"form": form, "current": current, "contacts": queries.named_contacts(current)},
        status=400 if form.errors else 200,
    )
