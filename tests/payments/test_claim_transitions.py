"""The table of moves a claim's status may make (payments/transitions.py): every move from every
status, every change from every status to every other, and each service going through it."""

from decimal import Decimal
from itertools import product
from types import SimpleNamespace

import pytest

from coproduce.accounts.roles import Role
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim
from coproduce.payments.services.approval import (
    ApprovalError,
    approve_claim,
    check_claim,
    reject_claim,
    send_back_claim,
)
from coproduce.payments.services.expenses import ClaimError, ExpenseItem, send_claim_again
from coproduce.payments.services.runs import PaymentRunError, create_payment_run
from coproduce.payments.transitions import (
    CLAIM_MOVES,
    CLAIM_TRANSITIONS,
    ClaimMoveRefused,
    check_transition,
    may,
    move,
)
from tests.factories import UserFactory
from tests.payments.claim_helpers import (
    approved_claim,
    checked_claim,
    expense_claim,
    involvement_claim,
)
from tests.payments.helpers import attend

S = ClaimStatus
EVERY = list(ClaimStatus)

# Written out by hand, so a change to the table has to be made twice, on purpose.
ALLOWED_MOVES = {
    "check": {S.SUBMITTED},
    "approve": {S.SUBMITTED, S.CHECKED},
    "reject": {S.SUBMITTED, S.CHECKED},
    "send back": {S.SUBMITTED, S.CHECKED},
    "send again": {S.RETURNED},
    "pay": {S.APPROVED},
    "withdraw": {S.SUBMITTED, S.CHECKED, S.APPROVED, S.REJECTED, S.RETURNED},
    "adjust": {S.SUBMITTED, S.CHECKED, S.APPROVED, S.REJECTED, S.RETURNED, S.WITHDRAWN},
}
LEADS_TO = {
    "check": S.CHECKED,
    "approve": S.APPROVED,
    "reject": S.REJECTED,
    "send back": S.RETURNED,
    "send again": S.SUBMITTED,
    "pay": S.PAID,
    "withdraw": S.WITHDRAWN,
    "adjust": S.CHECKED,
}
ALLOWED_CHANGES = {
    S.SUBMITTED: {S.CHECKED, S.APPROVED, S.REJECTED, S.RETURNED, S.WITHDRAWN},
    S.CHECKED: {S.CHECKED, S.APPROVED, S.REJECTED, S.RETURNED, S.WITHDRAWN},
    S.APPROVED: {S.PAID, S.CHECKED, S.WITHDRAWN},
    S.REJECTED: {S.CHECKED, S.WITHDRAWN},
    S.RETURNED: {S.SUBMITTED, S.CHECKED, S.WITHDRAWN},
    S.WITHDRAWN: {S.CHECKED},
    S.PAID: set(),
}


def test_the_table_names_every_move_and_every_status():
    assert set(CLAIM_MOVES) == set(ALLOWED_MOVES)
    assert set(CLAIM_TRANSITIONS) == set(EVERY)


@pytest.mark.parametrize(("name", "status"), list(product(ALLOWED_MOVES, EVERY)))
def test_every_move_from_every_status(name, status):
    claim = SimpleNamespace(status=status)
    if status in ALLOWED_MOVES[name]:
        assert may(status, name)
        assert move(claim, name) == status
        assert claim.status == LEADS_TO[name]
    else:
        assert not may(status, name)
        with pytest.raises(ClaimMoveRefused):
            move(claim, name)
        assert claim.status == status


@pytest.mark.parametrize(("current", "to"), list(product(EVERY, EVERY)))
def test_every_change_from_every_status_to_every_other(current, to):
    if to in ALLOWED_CHANGES[current]:
        check_transition(current, to)
    else:
        with pytest.raises(ClaimMoveRefused, match="cannot become"):
            check_transition(current, to)


def test_a_paid_claim_never_moves():
    assert not any(may(S.PAID, name) for name in CLAIM_MOVES)


# Each service goes through the table, and refuses in the words people already see.


def paid_claim() -> Claim:
    claim = approved_claim()
    create_payment_run(actor=UserFactory(role=Role.FINANCE), claim_ids=[claim.pk])
    claim.refresh_from_db()
    assert claim.status == S.PAID
    return claim


def test_approving_a_paid_claim_is_refused(policy):
    claim = paid_claim()
    with pytest.raises(ApprovalError, match="^Only a claim waiting for approval can be approved$"):
        approve_claim(actor=UserFactory(role=Role.FINANCE), claim=claim)
    claim.refresh_from_db()
    assert claim.status == S.PAID


def test_checking_a_checked_claim_is_refused(policy):
    with pytest.raises(ApprovalError, match="already been checked or decided"):
        check_claim(actor=UserFactory(role=Role.COORDINATOR), claim=checked_claim())


def test_rejecting_an_approved_claim_is_refused(policy):
    with pytest.raises(ApprovalError, match="^Only a claim waiting for approval can be rejected$"):
        reject_claim(actor=UserFactory(role=Role.FINANCE), claim=approved_claim(), reason="No")


def test_sending_back_an_approved_claim_is_refused(policy):
    with pytest.raises(ApprovalError, match="waiting to be checked or approved can be sent back"):
        send_back_claim(
            actor=UserFactory(role=Role.COORDINATOR), claim=approved_claim(), reason="X"
        )


def test_sending_again_a_claim_that_was_not_sent_back_is_refused(policy):
    claim = checked_claim()
    items = [ExpenseItem(category="public_transport", amount=Decimal("6.20"), description="Bus")]
    with pytest.raises(ClaimError) as refused:
        send_claim_again(actor=claim.submitted_by, claim=claim, items=items, on_behalf=True)
    assert "has not been sent back" in str(refused.value)


def test_approval_asks_the_table(policy, monkeypatch):
    """Taking "checked" out of approve's starts makes a checked claim unapprovable."""
    monkeypatch.setitem(CLAIM_MOVES, "approve", (frozenset({S.SUBMITTED}), S.APPROVED))
    claim = checked_claim()
    with pytest.raises(ApprovalError, match="can be approved"):
        approve_claim(actor=UserFactory(role=Role.FINANCE), claim=claim)


def test_the_change_approval_writes_is_checked_against_the_table(policy, monkeypatch):
    monkeypatch.setitem(CLAIM_TRANSITIONS, S.CHECKED, frozenset())
    claim = checked_claim()
    with pytest.raises(ClaimMoveRefused, match="cannot become approved"):
        approve_claim(actor=UserFactory(role=Role.FINANCE), claim=claim)
    claim.refresh_from_db()
    assert claim.status == S.CHECKED


def test_a_payment_run_pays_only_what_the_table_lets_it(policy, monkeypatch):
    monkeypatch.setitem(CLAIM_MOVES, "pay", (frozenset(), S.PAID))
    claim = approved_claim()
    with pytest.raises(PaymentRunError, match="no approved claims to pay"):
        create_payment_run(actor=UserFactory(role=Role.FINANCE), claim_ids=[claim.pk])
    claim.refresh_from_db()
    assert claim.status == S.APPROVED


def test_withdrawing_an_involvement_payment_goes_through_the_table(policy, monkeypatch):
    claim = involvement_claim()
    monkeypatch.setitem(CLAIM_MOVES, "withdraw", (frozenset(), S.WITHDRAWN))
    with pytest.raises(ClaimMoveRefused):
        attend(claim.invitation, attendance="did_not_attend")
    claim.refresh_from_db()
    assert claim.status == S.CHECKED


def test_an_expense_claim_sent_again_goes_through_the_table(policy, monkeypatch):
    claim = send_back_claim(
        actor=UserFactory(role=Role.COORDINATOR), claim=expense_claim(), reason="Ticket missing"
    )
    monkeypatch.setitem(CLAIM_MOVES, "send again", (frozenset(), S.SUBMITTED))
    items = [ExpenseItem(category="public_transport", amount=Decimal("6.20"), description="Bus")]
    with pytest.raises(ClaimError):
        send_claim_again(actor=claim.submitted_by, claim=claim, items=items, on_behalf=True)
    claim.refresh_from_db()
    assert claim.status == S.RETURNED


def test_adjusting_an_involvement_payment_goes_through_the_table(policy, monkeypatch):
    claim = involvement_claim(hours="2")
    monkeypatch.setitem(CLAIM_MOVES, "adjust", (frozenset(), S.CHECKED))
    with pytest.raises(ClaimMoveRefused):
        attend(claim.invitation, hours="3")
    claim.refresh_from_db()
    assert claim.total == Decimal("30.00")
