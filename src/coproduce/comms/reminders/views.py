"""Reminder pages: the organisation's settings (the involvement lead's), an expert's own
reminders, and a member of staff's own."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.accounts.roles import Role
from coproduce.comms.reminders import queries, services
from coproduce.comms.reminders.forms import EXPERT_LABELS, STAFF_LABELS, OwnForm, SettingsForm
from coproduce.comms.reminders.models import EXPERT_KINDS, Kind
from coproduce.people.queries import signed_in_expert

EXPERT_HINT = (
    "Untick any you do not want. We will still tell you about new invitations and changes to "
    "your meetings."
)
STAFF_HINT = "Untick any you do not want. Each reminder lists what is new since the last one."


@permission_required("reminders.set_reminders", raise_exception=True)
def organisation(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = queries.current_settings()
    initial = {name: getattr(current, name) for name in services.SETTING_FIELDS}
    initial["session_days"] = ", ".join(str(d) for d in current.session_days)
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_reminders(actor=request.user, values=form.cleaned_data)
        messages.success(request, "The reminders are saved.")
        return redirect("reminders:settings")
    return render(
        request,
        "reminders/settings.jinja",
        {"form": form, "current": current, "training_days": settings.TRAINING_REMINDER_DAYS},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required("reminders.choose_own", raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The expert's own reminders: each on unless they turned it off."""
    expert = signed_in_expert(request.user)
    off = queries.kinds_off_for_expert(expert)
    form = OwnForm(
        request.POST if request.method == "POST" else None,
        initial={"kinds_on": [str(k) for k in EXPERT_KINDS if k not in off]},
        kinds=EXPERT_KINDS,
        labels={str(k): v for k, v in EXPERT_LABELS.items()},
        hint=EXPERT_HINT,
    )
    if request.method == "POST" and form.is_valid():
        services.set_expert_reminders(
            actor=request.user,
            expert=expert,
            kinds_on=set(form.cleaned_data["kinds_on"]),
            kinds=EXPERT_KINDS,
        )
        messages.success(request, "Your reminders are saved.")
        return redirect("reminders:mine")
    return render(
        request,
        "reminders/mine.jinja",
        {"form": form, "channel": expert.get_preferred_channel_display(), "expert": expert},
        status=400 if form.errors else 200,
    )


def staff_kinds(role: str) -> tuple:
    """The reminders a member of staff in this role can get."""
    if role in (Role.INVOLVEMENT_LEAD, Role.COORDINATOR):
        return (Kind.CLAIM_CHECK, Kind.OUTCOME, Kind.TRAINING)
    if role == Role.FINANCE:
        return (Kind.CLAIM_APPROVE, Kind.TRAINING)
    if role == Role.STAFF:
        return (Kind.OUTCOME, Kind.TRAINING)
    return (Kind.TRAINING,)


@never_cache
@permission_required("reminders.choose_own_staff", raise_exception=True)
def mine_staff(request: AuthenticatedHttpRequest) -> HttpResponse:
    kinds = staff_kinds(request.user.role)
    off = queries.kinds_off_for_user(request.user)
    form = OwnForm(
        request.POST if request.method == "POST" else None,
        initial={"kinds_on": [str(k) for k in kinds if k not in off]},
        kinds=kinds,
        labels={str(k): v for k, v in STAFF_LABELS.items()},
        hint=STAFF_HINT,
    )
    if request.method == "POST" and form.is_valid():
        services.set_staff_reminders(
            actor=request.user,
            user=request.user,
            kinds_on=set(form.cleaned_data["kinds_on"]),
            kinds=kinds,
        )
        messages.success(request, "Your reminders are saved.")
        return redirect("reminders:mine_staff")
    return render(
        request,
        "reminders/mine_staff.jinja",
        {"form": form},
        status=400 if form.errors else 200,
    )
