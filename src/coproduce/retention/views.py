"""The retention page: how long each kind of record is kept, for the involvement lead to
change, and what the nightly task did the last time it ran."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.retention.forms import RetentionForm
from coproduce.retention.kinds import KINDS, period_words
from coproduce.retention.models import COUNT_FOR, RetentionPeriods
from coproduce.retention.queries import last_retention_run
from coproduce.retention.services import set_periods


@permission_required("retention.set_periods", raise_exception=True)
def settings(request: HttpRequest) -> HttpResponse:
    current = RetentionPeriods.current()
    form = RetentionForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        set_periods(actor=request.user, values=form.values())
        messages.success(request, "The retention periods are saved. They apply from tonight.")
        return redirect("retention:settings")
    last_run = last_retention_run()
    return render(
        request,
        "retention/settings.jinja",
        {
            "form": form,
            "current": current,
            "kinds": [
                {
                    "kind": kind,
                    "field": form[kind.field],
                    "period": period_words(kind, getattr(current, kind.field)),
                    "count": getattr(last_run, COUNT_FOR[kind.field]) if last_run else None,
                }
                for kind in KINDS
            ],
            "last_run": last_run,
        },
        status=400 if form.errors else 200,
    )
