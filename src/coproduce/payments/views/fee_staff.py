"""The involvement team records what an expert is to be paid for a place: the expert's choice
told to the team, or an override of a benefits warning. Recorded with the reason, never
silent."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.models import Invitation
from coproduce.payments.forms.fee_staff import StaffFeeChoiceForm
from coproduce.payments.queries.benefits import check
from coproduce.payments.queries.fees import fee_for
from coproduce.payments.services.decisions import DecisionError, record_fee_choice


@permission_required("payments.submit_for_experts", raise_exception=True)
def fee_choice_for_expert(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("expert", "session__opportunity", "fee_decision"),
        pk=invitation_pk,
    )
    session = invitation.session
    worked = fee_for(session.opportunity, session, hours=invitation.hours)
    places = ("opportunities:session_places", session.pk)
    if worked is None or invitation.attendance != Attendance.NOT_RECORDED:
        messages.info(
            request,
            "There is no payment to choose for this place: the work is unpaid or attendance "
            "has been recorded (correct the claim instead).",
        )
        return redirect(*places)
    warning = check(
        invitation.expert,
        day=timezone.localdate(session.starts_at),
        fee=worked.amount,
        invitation_id=invitation.pk,
    )
    decision = getattr(invitation, "fee_decision", None)
    initial = {}
    if decision is not None:
        initial = {
            "choice": decision.choice,
            "reduced_amount": decision.reduced_amount,
            "decided_by": "expert" if decision.by_expert else "override",
            "reason": decision.reason,
        }
    form = StaffFeeChoiceForm(
        request.POST or None,
        initial=initial,
        fee=worked.amount,
        room=getattr(warning, "room", None),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_fee_choice(
                actor=request.user,
                invitation=invitation,
                choice=data["choice"],
                reduced_amount=data["reduced_amount"],
                by_expert=False,
                reason=("Override: " if data["decided_by"] == "override" else "Told us: ")
                + data["reason"],
            )
        except DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Payment choice saved for {invitation.expert}.")
            return redirect(*places)
    return render(
        request,
        "payments/fee_staff.jinja",
        {
            "invitation": invitation,
            "session": session,
            "fee": worked,
            "warning": warning,
            "decision": decision,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
