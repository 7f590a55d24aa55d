"""The involvement team records what an expert is to be paid for a place: the expert's choice
told to the team, or an override of a benefits warning. Recorded with the reason, never
silent."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.opportunities.queries.places import place_or_404
from coproduce.payments.forms.fee_staff import StaffFeeChoiceForm
from coproduce.payments.queries.benefits import check
from coproduce.payments.queries.fee_choice import Closed, why_no_fee_choice
from coproduce.payments.queries.fees import fee_for
from coproduce.payments.services.decisions import DecisionError, record_fee_choice

# Why there is nothing to record for a place, said to the team.
CLOSED_WORDS = {
    Closed.NOT_PAID: "There is no payment to choose for this place: the work is unpaid or no "
    "rate is set for it.",
    Closed.NOT_WANTED: "{expert} does not take payment for their time, so there is no payment "
    "to choose. If that has changed, change it on their profile first.",
    Closed.CANCELLED: "This session is cancelled, so there is no payment to choose.",
    Closed.RECORDED: "Attendance has been recorded for this place, so the payment is settled: "
    "correct the claim instead.",
    Closed.WAITING: "{expert} is on the waiting list. Record a payment choice once they have a "
    "place.",
    Closed.NOT_GOING: "{expert} is not going to this session, so there is no payment to choose.",
}


@permission_required("payments.submit_for_experts", raise_exception=True)
def fee_choice_for_expert(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    invitation = place_or_404(invitation_pk, also=("fee_decision",))
    session = invitation.session
    worked = fee_for(session.opportunity, session, hours=invitation.hours)
    places = ("opportunities:session_places", session.pk)
    closed = why_no_fee_choice(invitation, worked)
    if closed is not None or worked is None:  # (with no fee it is closed: NOT_PAID)
        reason = closed or Closed.NOT_PAID
        messages.info(request, CLOSED_WORDS[reason].format(expert=invitation.expert))
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
            "decided_by": decision.decided_by,
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
                decided_by=data["decided_by"],
                reason=data["reason"],
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
