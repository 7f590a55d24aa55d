"""Photo ID badges, as the involvement team works with them: issuing one from an expert's
profile, revoking it, printing one, and printing many at once in the background."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import long_date
from coproduce.core.stored_files import open_or_404
from coproduce.onboarding import queries, services
from coproduce.onboarding.badge_cards import badges_pdf, card_for
from coproduce.onboarding.forms import (
    IssueBadgeForm,
    PrintChosenForm,
    PrintSinceForm,
    RevokeBadgeForm,
)
from coproduce.onboarding.models import BadgePrint, BadgeStatus
from coproduce.people import queries as people_queries

MANAGE = "onboarding.manage_badges"


def _expert(request: AuthenticatedHttpRequest, pk: int):
    """The record, or 404 for someone who may not see it; then 403 without the permission."""
    expert = people_queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return expert


def _badge(request: AuthenticatedHttpRequest, pk: int):
    badge = queries.get_badge_for(request.user, pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return badge


def issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    current = queries.latest_badge(expert)
    form = IssueBadgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            badge = services.issue_badge(
                actor=request.user, expert=expert, expires_on=form.cleaned_data["expires_on"]
            )
        except services.BadgeError as error:
            messages.error(request, str(error))
            return redirect("people:expert_detail", pk=expert.pk)
        messages.success(
            request,
            f"Badge {badge.number} issued to {expert.full_name}, valid until "
            f"{long_date(badge.expires_on)}.",
        )
        return redirect("people:expert_detail", pk=expert.pk)
    replacing = current if current and current.revoked_at is None else None
    return render(
        request,
        "onboarding/badge_issue.jinja",
        {"expert": expert, "form": form, "replacing": replacing},
        status=400 if form.errors else 200,
    )


def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    badge = _badge(request, pk)
    expert = badge.expert
    if badge.revoked_at is not None:
        messages.info(request, f"Badge {badge.number} has already been revoked.")
        return redirect("people:expert_detail", pk=expert.pk)
    form = RevokeBadgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_badge(
                actor=request.user, badge=badge, reason=form.cleaned_data["reason"]
            )
        except services.BadgeError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request, f"Badge {badge.number} is revoked. Its check page now says so."
            )
        return redirect("people:expert_detail", pk=expert.pk)
    return render(
        request,
        "onboarding/badge_revoke.jinja",
        {"expert": expert, "badge": badge, "form": form},
        status=400 if form.errors else 200,
    )


def print_one(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One expert's badge as a PDF, made at once: a single card is quick."""
    badge = _badge(request, pk)
    if badge.status_on(timezone.localdate()) != BadgeStatus.VALID:
        messages.info(request, f"Badge {badge.number} is no longer valid, so it cannot be printed.")
        return redirect("people:expert_detail", pk=badge.expert_id)
    pdf = badges_pdf([card_for(badge)])
    services.record_badge_printed(actor=request.user, badge=badge)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badge-{badge.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required(MANAGE, raise_exception=True)
def print_many(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The badges valid today, to choose from; or everyone issued a badge since a day."""
    today = timezone.localdate()
    badges = list(queries.valid_badges(today))
    ids = [badge.pk for badge in badges]
    how = request.POST.get("how") if request.method == "POST" else None
    since_form = PrintSinceForm(request.POST if how == "since" else None)
    chosen_form = PrintChosenForm(request.POST if how == "chosen" else None, badge_ids=ids)
    chosen_ids: list[int] = []
    if how == "since" and since_form.is_valid():
        since = since_form.cleaned_data["since"]
        chosen_ids = [b.pk for b in badges if b.issued_on >= since]
        if not chosen_ids:
            since_form.add_error(
                "since", f"No badge valid today was issued on or after {long_date(since)}"
            )
    elif how == "chosen" and chosen_form.is_valid():
        chosen_ids = chosen_form.cleaned_data["badge"]
    if chosen_ids:
        run = services.start_badge_print(actor=request.user, badge_ids=chosen_ids)
        return redirect("onboarding:badge_print_progress", pk=run.pk)
    form = since_form if since_form.errors else chosen_form if chosen_form.errors else None
    return render(
        request,
        "onboarding/badge_print.jinja",
        {
            "badges": badges,
            "since_form": since_form,
            "chosen_form": chosen_form,
            "form": form,
            "today": today,
        },
        status=400 if form else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def print_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = queries.get_badge_print(pk)
    return render(request, "onboarding/badge_print_progress.jinja", {"run": run})


@permission_required(MANAGE, raise_exception=True)
def print_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    run = queries.get_badge_print(pk)
    if run.state != BadgePrint.State.DONE or not run.file:
        raise Http404
    response = FileResponse(
        open_or_404(run.file),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"badges-{run.created_at:%Y-%m-%d}-{run.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
