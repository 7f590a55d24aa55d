"""Claims for staff: the queue, one claim with its history, checking and sending back to be
corrected (the involvement team), approving and rejecting (finance), and the receipts."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coproduce.audit.services import record_view
from coproduce.core.formats import money
from coproduce.payments.choices import ClaimKind, ClaimStatus
from coproduce.payments.exports import claim_reference
from coproduce.payments.forms.claims import (
    STATUS_TABS,
    ApproveForm,
    CheckForm,
    ClaimFilterForm,
    RejectForm,
    SendBackForm,
)
from coproduce.payments.queries import claims as queries
from coproduce.payments.receipts import receipt_response
from coproduce.payments.services.approval import (
    ApprovalError,
    approval_warning,
    approve_claim,
    check_claim,
    reject_claim,
    send_back_claim,
)

PAGE_SIZE = 50
WAITING = (ClaimStatus.SUBMITTED, ClaimStatus.CHECKED)


@permission_required("payments.view_claims", raise_exception=True)
def claim_list(request: HttpRequest) -> HttpResponse:
    default = queries.default_status_for(request.user)
    form = ClaimFilterForm(request.GET or None)
    status, team, kind = default, None, ""
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"] or default
        team = form.cleaned_data["team"]
        kind = form.cleaned_data["kind"]
    claims = queries.claim_queue(status=status, team_id=team.pk if team else None, kind=kind)
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    flagged = queries.benefits_flags(rows)
    filters = request.GET.copy()
    filters.pop("page", None)
    filters.pop("status", None)
    return render(
        request,
        "payments/claim_list.jinja",
        {
            "form": form,
            "page": page,
            "rows": [(claim, claim.pk in flagged) for claim in rows],
            "status": status,
            "status_label": dict(STATUS_TABS)[status],
            "tabs": STATUS_TABS,
            "filters": filters.urlencode(),
            "page_query": _without(request, "page"),
            "oldest_first": status in queries.WAITING,
            "reference": claim_reference,
        },
    )


def _without(request: HttpRequest, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


def _claim_or_404(pk: int):
    claim = queries.claim_for_page(pk)
    if claim is None:
        raise Http404
    return claim


def _render_detail(
    request: HttpRequest,
    claim,
    *,
    check_form=None,
    approve_form=None,
    reject_form=None,
    send_back_form=None,
    status: int = 200,
) -> HttpResponse:
    waiting = claim.status in WAITING
    warning = approval_warning(claim) if waiting else None
    approve_form = approve_form or ApproveForm()
    reject_form = reject_form or RejectForm()
    check_form = check_form or CheckForm()
    send_back_form = send_back_form or SendBackForm()
    # The layout's error summary reads `form`: the one that was sent and has problems.
    failed = next(
        (f for f in (approve_form, reject_form, check_form, send_back_form) if f.errors), None
    )
    user = request.user
    own = claim.submitted_by_id is not None and claim.submitted_by_id == user.pk
    return render(
        request,
        "payments/claim_detail.jinja",
        {
            "claim": claim,
            "reference": claim_reference(claim.pk),
            "lines": list(claim.lines.all()),
            "session": claim.invitation.session,
            "decision": getattr(claim.invitation, "fee_decision", None),
            "warning": warning,
            "history": _history(claim),
            "form": failed,
            "check_form": check_form,
            "approve_form": approve_form,
            "reject_form": reject_form,
            "send_back_form": send_back_form,
            "can_send_back": claim.kind == ClaimKind.EXPENSES
            and claim.may("send back")
            and user.has_perm("payments.check_claims"),
            "can_correct": claim.may("send again") and user.has_perm("payments.submit_for_experts"),
            "can_check": claim.may("check") and user.has_perm("payments.check_claims") and not own,
            "own_entry": claim.status == ClaimStatus.SUBMITTED
            and own
            and user.has_perm("payments.check_claims"),
            "can_decide": waiting and user.has_perm("payments.approve_claims") and not own,
            "own_submission": waiting and own and user.has_perm("payments.approve_claims"),
        },
        status=status,
    )


def _history(claim) -> list[tuple[str, str, object]]:
    """What happened to the claim, in order: what, who, when."""
    submitted = "Submitted on the expert's behalf" if claim.on_behalf else "Submitted"
    if claim.kind == ClaimKind.INVOLVEMENT:
        submitted = "Made from attendance"
    events = [(submitted, _name(claim.submitted_by), claim.submitted_at)]
    if claim.returned_at:
        events.append(
            (f"Sent back: {claim.return_reason}", _name(claim.returned_by), claim.returned_at)
        )
        if claim.resubmitted_at and claim.resubmitted_at > claim.returned_at:
            events.append(
                ("Corrected and sent again", _name(claim.resubmitted_by), claim.resubmitted_at)
            )
    if claim.checked_at:
        events.append(("Checked", _name(claim.checked_by), claim.checked_at))
    if claim.decided_at:
        what = "Rejected" if claim.status == ClaimStatus.REJECTED else "Approved"
        events.append((what, _name(claim.decided_by), claim.decided_at))
    if claim.payment_run_id:
        run = claim.payment_run
        events.append(
            (f"Paid in payment run {run.reference}", _name(run.created_by), claim.paid_on)
        )
    if claim.status == ClaimStatus.WITHDRAWN:
        events.append(("Withdrawn: attendance was corrected", "", claim.updated_at))
    return events


def _name(user) -> str:
    return user.display_name if user is not None else "Someone no longer here"


@permission_required("payments.view_claims", raise_exception=True)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_or_404(pk)
    # The page shows the expert's benefits position and the money they are owed.
    record_view(viewer=request.user, instance=claim.expert, what=f"claim {claim_reference(pk)}")
    return _render_detail(request, claim)


@require_POST
@permission_required("payments.check_claims", raise_exception=True)
def claim_check(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_or_404(pk)
    form = CheckForm(request.POST)
    form.is_valid()
    try:
        check_claim(actor=request.user, claim=claim)
    except ApprovalError as error:
        form.add_error(None, str(error))
        return _render_detail(request, _claim_or_404(pk), check_form=form, status=400)
    messages.success(
        request, f"Claim {claim_reference(pk)} checked. It now waits for finance to approve it."
    )
    return redirect("payments:claims")


@require_POST
@permission_required("payments.check_claims", raise_exception=True)
def claim_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_or_404(pk)
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            send_back_claim(actor=request.user, claim=claim, reason=form.cleaned_data["reason"])
        except ApprovalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Claim {claim_reference(pk)} sent back to {claim.expert.full_name} to correct. "
                "They can read what needs correcting.",
            )
            return redirect("payments:claims")
    return _render_detail(request, _claim_or_404(pk), send_back_form=form, status=400)


@require_POST
@permission_required("payments.approve_claims", raise_exception=True)
def claim_approve(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_or_404(pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            approve_claim(
                actor=request.user,
                claim=claim,
                override_reason=form.cleaned_data["override_reason"],
            )
        except ApprovalError as error:
            # A missing reason belongs beside the reason box; anything else is about the claim.
            reason_missing = not form.cleaned_data["override_reason"].strip()
            field = (
                "override_reason"
                if reason_missing and approval_warning(claim) is not None
                else None
            )
            form.add_error(field, str(error))
        else:
            messages.success(
                request,
                f"Claim {claim_reference(pk)} for {claim.expert.full_name} approved: "
                f"{money(claim.total)}. It will be paid in the next payment run.",
            )
            return redirect("payments:claims")
    return _render_detail(request, _claim_or_404(pk), approve_form=form, status=400)


@require_POST
@permission_required("payments.approve_claims", raise_exception=True)
def claim_reject(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_or_404(pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            reject_claim(actor=request.user, claim=claim, reason=form.cleaned_data["reason"])
        except ApprovalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Claim {claim_reference(pk)} for {claim.expert.full_name} rejected. "
                "The expert can read your reason.",
            )
            return redirect("payments:claims")
    return _render_detail(request, _claim_or_404(pk), reject_form=form, status=400)


@permission_required("payments.view_claims", raise_exception=True)
def claim_receipt(request: HttpRequest, pk: int, line_pk: int) -> FileResponse:
    """Receipts are private: streamed only to those who may see claims, and each opening is
    recorded."""
    line = queries.receipt_line_or_404(pk, line_pk)
    response = receipt_response(line, claim_reference(pk))
    record_view(
        viewer=request.user, instance=line.claim.expert, what=f"receipt for {claim_reference(pk)}"
    )
    return response
