"""Expense claims, by the expert in their portal or by staff on their behalf."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.audit.services import record_change
from coproduce.core.formats import count_of, long_date, money
from coproduce.core.lengths import file_name_for, limit_of, too_long
from coproduce.core.money import pounds
from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.queries.confidential import work_title
from coproduce.payments.calculations import mileage, total
from coproduce.payments.choices import ClaimKind, ClaimStatus, ExpenseCategory
from coproduce.payments.models import Claim, ClaimLine
from coproduce.payments.queries.fees import expense_rules, policy_on
from coproduce.payments.transitions import move

# No single expense is more than this, whatever the policy says: a typing slip, not a claim.
MOST_PER_LINE = Decimal("1000.00")
MOST_MILES = Decimal("1000")
# What a person types is refused when too long, never cut: the same words in the form.
DESCRIPTION_LENGTH = limit_of(ClaimLine, "description")
DESCRIPTION_TOO_LONG = too_long("description", DESCRIPTION_LENGTH)
AGREED_BY_LENGTH = limit_of(ClaimLine, "agreed_by")
AGREED_BY_TOO_LONG = too_long("the name of who agreed it", AGREED_BY_LENGTH)


class ClaimError(Exception):
    """A claim that cannot be made as asked. `errors` maps a field (or "" for the whole claim)
    to messages in words, so a form can show each beside its field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class ExpenseItem:
    category: str
    amount: Decimal | None = None
    miles: Decimal | None = None
    description: str = ""
    agreed_by: str = ""
    receipt: ContentFile | None = None
    receipt_name: str = ""
    # When a claim sent back is corrected: the receipt already stored for this row, kept
    # unless a new one is added.
    kept_receipt: str = ""
    # Which form field each error belongs to, when the form has several items.
    prefix: str = field(default="", compare=False)


def _line_for(item: ExpenseItem, rules, policy) -> tuple[ClaimLine | None, dict[str, str]]:
    p = item.prefix
    rule = rules.get(item.category)
    if rule is None:
        return None, {f"{p}category": "Choose a kind of expense the payment policy covers"}
    label = ExpenseCategory(item.category).label
    short = label.split(" (")[0].lower()  # "taxi", not "taxi (where agreed beforehand)"
    errors: dict[str, str] = {}
    quantity = unit_rate = None
    if item.category == ExpenseCategory.MILEAGE:
        miles = item.miles
        if miles is None:
            return None, {f"{p}miles": "Enter how many miles you travelled"}
        if miles <= 0:
            return None, {f"{p}miles": "Miles must be more than 0"}
        if miles > MOST_MILES or (rule.limit is not None and miles > rule.limit):
            most = rule.limit if rule.limit is not None else MOST_MILES
            return None, {f"{p}miles": f"Miles must be {most.normalize():f} or fewer"}
        quantity, unit_rate = miles, policy.mileage_rate
        amount = mileage(miles=miles, rate=policy.mileage_rate)
        description = item.description or f"Mileage: {count_of(miles, 'mile')}"
    else:
        if item.amount is None:
            return None, {f"{p}amount": "Enter the amount you paid"}
        amount = pounds(item.amount)
        if amount <= 0:
            return None, {f"{p}amount": "Amount must be more than £0"}
        most = min(rule.limit, MOST_PER_LINE) if rule.limit is not None else MOST_PER_LINE
        if amount > most:
            return None, {f"{p}amount": f"{label} can be at most {money(most)} for one claim"}
        description = item.description or label
    needs_receipt = rule.receipt_over is not None and amount > rule.receipt_over
    if needs_receipt and item.receipt is None and not item.kept_receipt:
        if rule.receipt_over == 0:
            errors[f"{p}receipt"] = f"Add a photo or PDF of the receipt for {short}"
        else:
            errors[f"{p}receipt"] = (
                f"Add a photo or PDF of the receipt: it is needed for more than "
                f"{money(rule.receipt_over)}"
            )
    if rule.needs_agreement and not item.agreed_by.strip():
        errors[f"{p}agreed_by"] = f"Enter who agreed the {short} beforehand"
    if len(item.agreed_by.strip()) > AGREED_BY_LENGTH:
        errors[f"{p}agreed_by"] = AGREED_BY_TOO_LONG
    if len(description) > DESCRIPTION_LENGTH:
        errors[f"{p}description"] = DESCRIPTION_TOO_LONG
    line = ClaimLine(
        category=item.category,
        description=description,
        quantity=quantity,
        unit_rate=unit_rate,
        amount=amount,
        agreed_by=item.agreed_by.strip(),
        # The uploaded file's own name, shown beside the receipt: shortened on purpose.
        receipt_name=file_name_for(ClaimLine, "receipt_name", item.receipt_name),
    )
    return line, errors


def expense_problems(items: list[ExpenseItem], policy) -> dict[str, str]:
    """What is wrong with each expense against the payment policy, by field: every line's
    problems at once, so that a form can show each beside its own line."""
    rules = expense_rules(policy)
    problems: dict[str, str] = {}
    for item in items:
        problems.update(_line_for(item, rules, policy)[1])
    return problems


def _checked_lines(
    invitation, items: list[ExpenseItem], *, deadline_applies: bool = True
) -> tuple[date, list[tuple[ClaimLine, ExpenseItem]]]:
    """The session's day and a line for each item, checked against the payment policy in
    force on that day; ClaimError with every problem at once otherwise."""
    session = invitation.session
    day = timezone.localdate(session.starts_at)
    if invitation.attendance != Attendance.ATTENDED:
        raise ClaimError({"": "Expenses can only be claimed for a meeting the expert attended"})
    policy = policy_on(day)
    if policy is None:
        raise ClaimError(
            {"": "There is no payment policy for the date of this meeting. Ask the team."}
        )
    deadline = day + timedelta(days=policy.claim_deadline_days)
    if deadline_applies and timezone.localdate() > deadline:
        raise ClaimError(
            {
                "": f"The last day to claim for this meeting was {long_date(deadline)}. "
                "Contact the involvement team if you could not claim in time."
            }
        )
    if not items:
        raise ClaimError({"": "Add at least one expense"})
    rules = expense_rules(policy)
    lines: list[tuple[ClaimLine, ExpenseItem]] = []
    errors: dict[str, str] = {}
    for item in items:
        line, problems = _line_for(item, rules, policy)
        errors.update(problems)
        if line is not None:
            lines.append((line, item))
    if errors:
        raise ClaimError(errors)
    return day, lines


def _save_lines(claim: Claim, lines: list[tuple[ClaimLine, ExpenseItem]]) -> None:
    for line, item in lines:
        line.claim = claim
        if item.receipt is None and item.kept_receipt:
            line.receipt.name = item.kept_receipt
        line.save()
        if item.receipt is not None:
            line.receipt.save(item.receipt.name, item.receipt, save=True)


def claim_expenses(*, actor, invitation, items: list[ExpenseItem], on_behalf: bool) -> Claim:
    """Makes one expense claim for a session the expert attended, with a line per expense,
    checked against the payment policy in force on the session's date. Either every line is
    saved, with its receipt, or nothing is."""
    day, lines = _checked_lines(invitation, items)
    session = invitation.session
    now = timezone.now()
    with transaction.atomic():
        claim = Claim.objects.create(
            expert=invitation.expert,
            invitation=invitation,
            kind=ClaimKind.EXPENSES,
            status=ClaimStatus.SUBMITTED,
            session_date=day,
            team_id=session.opportunity.team_id,
            total=total(line.amount for line, _ in lines),
            submitted_by=actor,
            submitted_at=now,
            on_behalf=on_behalf,
        )
        _save_lines(claim, lines)
        record_change(
            actor=actor,
            instance=claim,
            action=AuditEvent.Action.CLAIM_SUBMITTED,
            changes={"total": [None, str(claim.total)]},
            subject=invitation.expert,
            summary=f"Expenses of {money(claim.total)} for {work_title(session.opportunity)} on "
            f"{long_date(day)}" + (" (submitted on their behalf)" if on_behalf else ""),
        )
    return claim


def send_claim_again(*, actor, claim: Claim, items: list[ExpenseItem], on_behalf: bool) -> Claim:
    """Sends again an expense claim the involvement team sent back, corrected: its expenses
    become those given (a row keeps its receipt unless a new one is added), and it waits to be
    checked again. The claim deadline does not apply: the claim was first sent in time."""
    day, lines = _checked_lines(claim.invitation, items, deadline_applies=False)
    with transaction.atomic():
        locked = Claim.objects.select_for_update().select_related("expert").get(pk=claim.pk)
        if not locked.may("send again"):
            raise ClaimError({"": "This claim has not been sent back, so it cannot be changed"})
        kept = {item.kept_receipt for _, item in lines if item.receipt is None}
        old = list(locked.lines.all())
        dropped = [line.receipt for line in old if line.receipt and line.receipt.name not in kept]
        before = {"status": locked.status, "total": str(locked.total)}
        locked.lines.all().delete()
        _save_lines(locked, lines)
        locked.total = total(line.amount for line, _ in lines)
        move(locked, "send again")
        locked.resubmitted_by, locked.resubmitted_at = actor, timezone.now()
        locked.save()
        # Receipts no longer part of the claim are not kept (private files, kept no longer
        # than needed), once the change is saved.
        for receipt in dropped:
            transaction.on_commit(partial(receipt.delete, save=False))
        record_change(
            actor=actor,
            instance=locked,
            action=AuditEvent.Action.CLAIM_SENT_AGAIN,
            changes={
                "status": [before["status"], locked.status],
                "total": [before["total"], str(locked.total)],
            },
            subject=locked.expert,
            summary=f"Expenses of {money(locked.total)} for "
            f"{work_title(claim.invitation.session.opportunity)} "
            f"on {long_date(day)}, corrected" + (" on their behalf" if on_behalf else ""),
        )
    return locked
