"""Welcome packs for many experts at once, made into one PDF in the background: everyone made
active since a day, or chosen experts."""

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import long_date
from coproduce.core.stored_files import open_or_404
from coproduce.welcome import queries, services
from coproduce.welcome.forms import ChosenExpertsForm, MadeActiveSinceForm
from coproduce.welcome.models import WelcomePrint

MAKE = "welcome.make_packs"


@permission_required(MAKE, raise_exception=True)
def print_many(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    experts = list(queries.experts_to_choose())
    ids = [expert.pk for expert in experts]
    how = request.POST.get("how") if request.method == "POST" else None
    since_form = MadeActiveSinceForm(
        request.POST if how == "since" else None,
        prefix="since",
        initial={"since": today.replace(day=1)},
    )
    chosen_form = ChosenExpertsForm(
        request.POST if how == "chosen" else None, prefix="chosen", expert_ids=ids
    )
    chosen_ids: list[int] = []
    fmt = WelcomePrint.FORMAT_BY_NEEDS
    if how == "since" and since_form.is_valid():
        since = since_form.cleaned_data["since"]
        fmt = since_form.cleaned_data["format"]
        chosen_ids = queries.made_active_since(since)
        if not chosen_ids:
            since_form.add_error("since", f"Nobody was made active on or after {long_date(since)}")
    elif how == "chosen" and chosen_form.is_valid():
        chosen_ids = chosen_form.cleaned_data["expert"]
        fmt = chosen_form.cleaned_data["format"]
    if chosen_ids:
        run = services.start_welcome_print(actor=request.user, expert_ids=chosen_ids, format=fmt)
        return redirect("welcome:print_progress", pk=run.pk)
    form = since_form if since_form.errors else chosen_form if chosen_form.errors else None
    return render(
        request,
        "welcome/print.jinja",
        {"experts": experts, "since_form": since_form, "chosen_form": chosen_form, "form": form},
        status=400 if form else 200,
    )


@permission_required(MAKE, raise_exception=True)
def print_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "welcome/print_progress.jinja", {"run": queries.get_print(pk)})


@permission_required(MAKE, raise_exception=True)
def print_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    run = queries.get_print(pk)
    if run.state != WelcomePrint.State.DONE or not run.file:
        raise Http404
    response = FileResponse(
        open_or_404(run.file),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"welcome-packs-{run.created_at:%Y-%m-%d}-{run.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
