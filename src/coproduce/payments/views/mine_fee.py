"""The expert chooses what to be paid for a meeting: the full payment, a smaller one, expenses
only, or no payment. Offered with the benefits warning when a payment would take them over
the limit they told us about, and at any time before the meeting's payment is made."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from coproduce.payments.choices import FeeChoice
from coproduce.payments.forms.fee_choice import FeeChoiceForm
from coproduce.payments.queries.benefits import check, warnings_for_invitations
from coproduce.payments.queries.fee_choice import Closed, why_no_fee_choice
from coproduce.payments.queries.fees import FeeTable
from coproduce.payments.queries.mine import own_invitation
from coproduce.payments.services.decisions import DecisionError, record_fee_choice
from coproduce.payments.views.mine import PERMISSION
from coproduce.payments.views.mine_words import choice_words
from coproduce.people.queries import signed_in_expert

# Where the page was opened from, and so where "Back" and saving go. Names, not addresses:
# nothing typed into the address bar can send the expert to another site.
BACK_TO = {
    "involvement": ("opportunities:my_involvement", "Back to my meetings"),
    "money": ("payments:my_claims", "Back to my money"),
}


@permission_required(PERMISSION, raise_exception=True)
def my_fee_choice(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    expert = signed_in_expert(request.user)
    invitation = own_invitation(expert, invitation_pk)
    back_key = request.GET.get("from", "")
    back_name, back_text = BACK_TO.get(back_key, BACK_TO["money"])
    session = invitation.session
    worked = FeeTable().fee_for(session.opportunity, session, hours=invitation.hours)
    decision = getattr(invitation, "fee_decision", None)
    context = {
        "expert": expert,
        "invitation": invitation,
        "session": session,
        "fee": worked,
        "decision": decision,
        "choice_words": choice_words,
        "back_href": reverse(back_name),
        "back_text": back_text,
    }
    problem = why_no_fee_choice(invitation, worked)
    if problem or worked is None:  # (with no fee it is closed: NOT_PAID)
        return render(
            request,
            "payments/my_fee_choice_closed.jinja",
            {**context, "problem": problem or Closed.NOT_PAID},
        )
    # Warned against the full fee, whatever the expert chose before, so they see the full
    # picture when they change their mind.
    warning = warnings_for_invitations([invitation]).get(invitation.pk)
    if decision is not None and decision.choice != FeeChoice.FULL and warning is None:
        warning = _warning_ignoring_choice(invitation, worked)
    initial = {}
    if decision is not None:
        initial = {"choice": decision.choice, "reduced_amount": decision.reduced_amount}
    form = FeeChoiceForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        fee=worked.amount,
        room=getattr(warning, "room", None),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = record_fee_choice(
                actor=request.user,
                invitation=invitation,
                choice=form.cleaned_data["choice"],
                reduced_amount=form.cleaned_data["reduced_amount"],
                by_expert=True,
            )
        except DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Thank you. We have saved your choice for {session.opportunity.title}: "
                f"{choice_words(saved.choice, saved.reduced_amount)}.",
            )
            return redirect(back_name)
    return render(
        request,
        "payments/my_fee_choice.jinja",
        {**context, "form": form, "warning": warning},
        status=400 if form.errors else 200,
    )


def _warning_ignoring_choice(invitation, worked):
    """The warning the full fee would have, for an expert who has already chosen something
    else (the guard no longer warns once they have chosen)."""
    return check(
        invitation.expert,
        day=timezone.localdate(invitation.session.starts_at),
        fee=worked.amount,
        invitation_id=invitation.pk,
    )
