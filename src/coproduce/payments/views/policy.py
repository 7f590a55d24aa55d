"""The payment policy: the one in force today in full, those to come and those past, and the
involvement lead's form for new rates from a date."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.core.formats import long_date
from coproduce.payments.forms.policy import PolicyForm
from coproduce.payments.queries.policy import policies_oldest_first, policy_in_force
from coproduce.payments.services.policy import PolicyError, set_policy


@permission_required("payments.view_policy", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    policies = policies_oldest_first()
    # Each policy runs until the day before the next one starts.
    periods = []
    for position, policy in enumerate(policies):
        following = policies[position + 1] if position + 1 < len(policies) else None
        last_day = following.effective_from - timedelta(days=1) if following else None
        periods.append((policy, last_day))
    started = [p for p in periods if p[0].effective_from <= today]
    current = started[-1] if started else None
    return render(
        request,
        "payments/policy.jinja",
        {
            "current": current,
            "upcoming": [p for p in periods if p[0].effective_from > today],
            "past": list(reversed(started[:-1])),
            "can_set": request.user.has_perm("payments.set_policy"),
            "today": today,
        },
    )


@permission_required("payments.set_policy", raise_exception=True)
def new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current = policy_in_force(today)
    form = PolicyForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        replaced = form.replaces()
        try:
            policy = set_policy(actor=request.user, **form.values())
        except PolicyError as error:
            form.add_error(None, str(error))
        else:
            words = f"The new rates start on {long_date(policy.effective_from)}."
            if replaced is not None:
                words += " They replace the rates you had set earlier for that day."
            messages.success(request, words)
            return redirect("payments:policy")
    return render(
        request,
        "payments/policy_form.jinja",
        {"form": form, "current": current},
        status=400 if form.errors else 200,
    )
