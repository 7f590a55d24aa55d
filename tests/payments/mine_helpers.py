"""Set-up for the expert's own money pages: claims made, decided and paid through the services,
as they would be in use."""

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile

from coproduce.accounts.roles import Role
from coproduce.payments.choices import ExpenseCategory
from coproduce.payments.services.approval import approve_claim, reject_claim
from coproduce.payments.services.expenses import ExpenseItem, claim_expenses
from coproduce.payments.services.runs import create_payment_run
from tests.factories import UserFactory
from tests.payments.helpers import accepted_place, attend


def finance():
    return UserFactory(role=Role.FINANCE)


def attended(expert, *, paid: bool = False, hours: str = "2", **session_options):
    """A place the expert came to: a paid one makes its involvement payment."""
    return attend(accepted_place(expert=expert, paid=paid, **session_options), hours=hours)


def expense_claim(expert, *, amount: str = "4.50", invitation=None, category=None):
    invitation = invitation or attended(expert)
    return claim_expenses(
        actor=expert.user or UserFactory(role=Role.EXPERT),
        invitation=invitation,
        items=[
            ExpenseItem(
                category=category or ExpenseCategory.PUBLIC_TRANSPORT, amount=Decimal(amount)
            )
        ],
        on_behalf=False,
    )


def involvement_claim(expert, *, hours: str = "2", **session_options):
    """The payment attendance makes at a paid session (the policy's rate per hour)."""
    place = attended(expert, paid=True, hours=hours, **session_options)
    return place.claims.get(kind="involvement")


def pay(claim, *, paid_on: date, by=None):
    """Approves the claim and pays it in a payment run of its own on `paid_on`."""
    by = by or finance()
    if claim.status != "approved":
        approve_claim(actor=by, claim=claim)
    run = create_payment_run(actor=by, claim_ids=[claim.pk], paid_on=paid_on)
    claim.refresh_from_db()
    return run


def reject(claim, reason: str):
    reject_claim(actor=finance(), claim=claim, reason=reason)
    claim.refresh_from_db()
    return claim


def png_upload(name: str = "bus-ticket.png") -> SimpleUploadedFile:
    """A small real PNG, as a phone would send a photo of a receipt."""
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 24), "white").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
