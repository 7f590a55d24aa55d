"""The pages of confidential work. Named staff: their list of confidential work, each piece's
page (named staff, papers and who opened them, check-ins), changing who is named, adding and
withdrawing papers, closing the work, and the check-ins due across all their work. Invited
experts: their own view of the work and its papers. Anyone else gets 404, whatever their
role: these pages do not say whether the work exists."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import count_of
from coproduce.core.stored_files import open_or_404
from coproduce.opportunities.confidential import queries, services
from coproduce.opportunities.confidential.files import CONTENT_TYPES
from coproduce.opportunities.confidential.forms import CheckInForm, NamedStaffForm, PaperForm
from coproduce.opportunities.models import Paper
from coproduce.opportunities.queries.confidential import is_named

PAGE_SIZE = 25
VIEW = "opportunities.view_confidential"


@permission_required(VIEW, raise_exception=True)
def work_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.named_work(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "opportunities/confidential/work_list.jinja", {"page": page})


@permission_required(VIEW, raise_exception=True)
def work_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.work_for_named_or_404(request.user, pk)
    today = timezone.localdate()
    return render(
        request,
        "opportunities/confidential/work_detail.jinja",
        {
            "opportunity": opportunity,
            "page": queries.work_page(opportunity),
            "closed": services.is_closed(opportunity),
            "today": today,
            "due_words": queries.due_words,
            "may_manage": request.user.has_perm("opportunities.manage"),
        },
    )


@permission_required(VIEW, raise_exception=True)
def named_staff(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.work_for_named_or_404(request.user, pk)
    form = NamedStaffForm(
        request.POST if request.method == "POST" else None, opportunity=opportunity
    )
    if request.method == "POST" and form.is_valid():
        changed = services.change_named_staff(
            actor=request.user, opportunity=opportunity, named_staff=form.named_staff()
        )
        messages.success(request, "Named staff saved." if changed else "Nothing changed.")
        if is_named(request.user, opportunity):
            return redirect("opportunities:confidential_work", pk=pk)
        return redirect("opportunities:confidential_list")
    return render(
        request,
        "opportunities/confidential/named_staff.jinja",
        {"form": form, "opportunity": opportunity},
        status=400 if form.errors else 200,
    )


@permission_required(VIEW, raise_exception=True)
def paper_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.work_for_named_or_404(request.user, pk)
    if services.is_closed(opportunity):
        messages.info(request, "This work is closed, so no more papers can be added.")
        return redirect("opportunities:confidential_work", pk=pk)
    posted = request.method == "POST"
    form = PaperForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_paper(
                actor=request.user,
                opportunity=opportunity,
                title=form.cleaned_data["title"],
                checked=form.checked,
            )
        except services.ConfidentialError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, "Paper added. Named staff and invited experts can open it.")
            return redirect("opportunities:confidential_work", pk=pk)
    if form.errors and "file" not in form.errors and request.FILES:
        form.add_error("file", "Choose the paper again: files are not kept when there is a problem")
    return render(
        request,
        "opportunities/confidential/paper_form.jinja",
        {"form": form, "opportunity": opportunity},
        status=400 if form.errors else 200,
    )


def _paper_response(paper: Paper) -> FileResponse:
    response = FileResponse(
        open_or_404(paper.file),
        as_attachment=True,
        filename=f"paper-{paper.pk}.{paper.kind}",
        content_type=CONTENT_TYPES.get(paper.kind, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def open_paper(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """Sends the paper to someone named on the work or invited to it, recording that they
    opened it. A withdrawn paper says so."""
    paper = queries.paper_for_or_404(request.user, pk)
    if paper.withdrawn:
        return render(
            request,
            "opportunities/confidential/paper_withdrawn.jinja",
            {"paper": paper},
        )
    response = _paper_response(paper)
    services.paper_opened(user=request.user, paper=paper)
    return response


@permission_required(VIEW, raise_exception=True)
def paper_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    paper = queries.paper_for_named_or_404(request.user, pk)
    if request.method == "POST":
        try:
            services.withdraw_paper(actor=request.user, paper=paper)
        except services.ConfidentialError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, "Paper withdrawn. Nobody can open it now.")
        return redirect("opportunities:confidential_work", pk=paper.opportunity_id)
    return render(request, "opportunities/confidential/paper_withdraw.jinja", {"paper": paper})


@permission_required(VIEW, raise_exception=True)
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.work_for_named_or_404(request.user, pk)
    if request.method == "POST":
        try:
            count = services.close_work(actor=request.user, opportunity=opportunity)
        except services.ConfidentialError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                f"Work closed. {count_of(count, 'paper')} withdrawn." if count else "Work closed.",
            )
        return redirect("opportunities:confidential_work", pk=pk)
    return render(request, "opportunities/confidential/close.jinja", {"opportunity": opportunity})


@permission_required(VIEW, raise_exception=True)
def check_ins(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.check_ins_to_do(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "opportunities/confidential/check_ins.jinja",
        {"page": page, "today": timezone.localdate(), "due_words": queries.due_words},
    )


@permission_required(VIEW, raise_exception=True)
def check_in_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    check_in = queries.check_in_for_named_or_404(request.user, pk)
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        initial={"outcome": check_in.outcome or None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_check_in(
                actor=request.user, check_in=check_in, outcome=form.cleaned_data["outcome"]
            )
        except services.ConfidentialError as error:
            form.add_error("outcome", str(error))
        else:
            messages.success(request, "Saved. Thank you for checking in.")
            back = request.POST.get("back")
            if back == "work":
                return redirect(
                    "opportunities:confidential_work",
                    pk=check_in.invitation.session.opportunity_id,
                )
            return redirect("opportunities:confidential_check_ins")
    return render(
        request,
        "opportunities/confidential/check_in_form.jinja",
        {
            "form": form,
            "check_in": check_in,
            "back": request.GET.get("back") or request.POST.get("back") or "",
        },
        status=400 if form.errors else 200,
    )


@permission_required("opportunities.answer_invitations", raise_exception=True)
def my_work(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The invited expert's view: their own sessions, the papers, their check-ins and who to
    contact. Nothing of other experts."""
    opportunity = queries.work_for_expert_or_404(request.user, pk)
    return render(
        request,
        "opportunities/confidential/my_work.jinja",
        {"opportunity": opportunity, "page": queries.expert_work_page(request.user, opportunity)},
    )
