"""Claims in each state, made through the services as the pages make them."""

from decimal import Decimal

from coproduce.accounts.roles import Role
from coproduce.payments.choices import ClaimKind
from coproduce.payments.models import Claim
from coproduce.payments.services.approval import approve_claim, check_claim, send_back_claim
from coproduce.payments.services.expenses import ExpenseItem, claim_expenses
from tests.factories import ExpertFactory, UserFactory
from tests.payments.helpers import accepted_place, attend


def attended_unpaid_place(*, expert=None, **session_options):
    """A place attended at unpaid work: no involvement payment, expenses only."""
    return attend(
        accepted_place(
            expert=expert or ExpertFactory(payee_reference="P-100"), paid=False, **session_options
        )
    )


def expense_claim(
    *,
    expert=None,
    invitation=None,
    actor=None,
    amount: str = "8.40",
    category: str = "public_transport",
    on_behalf: bool = True,
    description: str = "Bus there and back",
) -> Claim:
    invitation = invitation or attended_unpaid_place(expert=expert)
    return claim_expenses(
        actor=actor or UserFactory(role=Role.COORDINATOR),
        invitation=invitation,
        items=[ExpenseItem(category=category, amount=Decimal(amount), description=description)],
        on_behalf=on_behalf,
    )


def checked_claim(**options) -> Claim:
    claim = expense_claim(**options)
    return check_claim(actor=UserFactory(role=Role.COORDINATOR), claim=claim)


def returned_claim(*, reason: str = "The bus ticket is missing.", **options) -> Claim:
    """An expense claim the involvement team sent back to the expert to correct."""
    claim = expense_claim(**options)
    return send_back_claim(actor=UserFactory(role=Role.COORDINATOR), claim=claim, reason=reason)


def approved_claim(*, finance=None, **options) -> Claim:
    claim = checked_claim(**options)
    return approve_claim(actor=finance or UserFactory(role=Role.FINANCE), claim=claim)


def involvement_claim(*, expert=None, hours: str = "2") -> Claim:
    """The involvement payment attendance makes (checked, waiting for finance)."""
    place = attend(
        accepted_place(expert=expert or ExpertFactory(payee_reference="P-200")), hours=hours
    )
    return Claim.objects.get(invitation=place, kind=ClaimKind.INVOLVEMENT)
