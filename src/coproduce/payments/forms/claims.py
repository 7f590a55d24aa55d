"""Forms for the staff claim pages: the queue's filters, the decisions on a claim, and the
confirmation of a payment run. Decisions are made by the services; these only carry words."""

from django import forms

from coproduce.accounts.models import Team
from coproduce.core.forms import NHSFormMixin
from coproduce.payments.choices import ClaimKind, ClaimStatus
from coproduce.payments.queries.claims import ALL
from coproduce.payments.services.approval import REASON_LENGTH, REASON_TOO_LONG

STATUS_TABS = [
    (ClaimStatus.SUBMITTED, "Waiting to be checked"),
    (ClaimStatus.CHECKED, "Waiting for approval"),
    (ClaimStatus.APPROVED, "Approved, not yet paid"),
    (ClaimStatus.PAID, "Paid"),
    (ClaimStatus.RETURNED, "Sent back to be corrected"),
    (ClaimStatus.REJECTED, "Rejected"),
    (ClaimStatus.WITHDRAWN, "Withdrawn"),
    (ALL, "All claims"),
]


class ClaimFilterForm(NHSFormMixin, forms.Form):
    status = forms.ChoiceField(choices=STATUS_TABS, required=False, widget=forms.HiddenInput)
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.select_related("organisation").order_by("name"),
        required=False,
        empty_label="All teams",
    )
    kind = forms.ChoiceField(
        label="Kind of claim",
        choices=[("", "Payments and expenses"), *ClaimKind.choices],
        required=False,
    )


class ApproveForm(NHSFormMixin, forms.Form):
    override_reason = forms.CharField(
        label="Why pay it in full?",
        help_text="Needed because of the benefits warning above. It is recorded with the claim.",
        required=False,
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": REASON_TOO_LONG},
    )


class RejectForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is the claim rejected?",
        help_text="The expert will read this.",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the claim is rejected: the expert will read it",
            "max_length": REASON_TOO_LONG,
        },
    )


class SendBackForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        label="What needs correcting?",
        help_text="The expert will read this. Say what to change, for example the receipt "
        "that is missing.",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what needs correcting: the expert will read it",
            "max_length": REASON_TOO_LONG,
        },
    )


class CheckForm(NHSFormMixin, forms.Form):
    """Nothing to type: marking as checked is the button."""


class RunForm(NHSFormMixin, forms.Form):
    """Confirms the run: the count seen on the page must still be the count to pay, so a run
    made by someone else meanwhile is noticed rather than paid blind."""

    expected_count = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
