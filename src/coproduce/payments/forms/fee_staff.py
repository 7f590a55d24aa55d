"""The involvement team records an expert's choice of payment for them (told by phone, say),
or goes ahead with the full payment past a benefits warning: either way with the reason."""

from django import forms

from coproduce.core.lengths import too_long
from coproduce.payments.choices import FeeDecider
from coproduce.payments.forms.fee_choice import FeeChoiceForm
from coproduce.payments.services.decisions import REASON_LENGTH

# Whose decision it is has its own field (FeeDecision.decided_by): the reason keeps its room.
REASON_ROOM = REASON_LENGTH


class StaffFeeChoiceForm(FeeChoiceForm):
    decided_by = forms.ChoiceField(
        label="Whose decision is this?",
        widget=forms.RadioSelect,
        choices=[
            (FeeDecider.EXPERT, "The expert told us what they want"),
            (FeeDecider.OVERRIDE, "Our decision: go ahead despite the warning (an override)"),
        ],
        error_messages={"required": "Choose whose decision this is"},
    )
    reason = forms.CharField(
        label="Reason, for the record",
        help_text="For example: told us by phone on 3 March, or why the warning does not apply.",
        max_length=REASON_ROOM,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the reason, for the record",
            "max_length": too_long("the reason", REASON_ROOM),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].label = "What is to be paid for this meeting?"
        self.fields["choice"].error_messages["required"] = "Choose what is to be paid"
        self.fields["reduced_amount"].label = "Reduced payment, in pounds"
