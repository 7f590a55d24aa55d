from django.db import models


class RateUnit(models.TextChoices):
    HOUR = "hour", "Per hour"
    HALF_DAY = "half_day", "Per half day"
    DAY = "day", "Per day"


class ExpenseCategory(models.TextChoices):
    PUBLIC_TRANSPORT = "public_transport", "Public transport (bus, train, tram)"
    MILEAGE = "mileage", "Mileage in your own vehicle"
    PARKING = "parking", "Parking"
    TAXI = "taxi", "Taxi (where agreed beforehand)"
    CARE = "care", "Carer or childcare costs"
    SUBSISTENCE = "subsistence", "Food and drink (subsistence)"


# A claim line is either the involvement payment (the fee) or one expense.
FEE = "fee"
LINE_CATEGORIES = [(FEE, "Involvement payment"), *ExpenseCategory.choices]


class ClaimKind(models.TextChoices):
    INVOLVEMENT = "involvement", "Involvement payment"
    EXPENSES = "expenses", "Expenses"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    CHECKED = "checked", "Checked, waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    PAID = "paid", "Paid"
    # An involvement payment whose attendance was corrected before it was paid.
    WITHDRAWN = "withdrawn", "Withdrawn"
    # The involvement team sent an expense claim back to the expert to correct and send again.
    RETURNED = "returned", "Sent back to be corrected"


OPEN_STATUSES = (
    ClaimStatus.SUBMITTED,
    ClaimStatus.CHECKED,
    ClaimStatus.APPROVED,
    ClaimStatus.RETURNED,
)
# Claims that count as money owed or paid (for benefits totals and budgets).
COUNTED_STATUSES = (*OPEN_STATUSES, ClaimStatus.PAID)
NOT_COUNTED_STATUSES = (ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN)


class FeeChoice(models.TextChoices):
    """What the expert chose to take for a paid session, usually because of their benefits."""

    FULL = "full", "Take the full payment"
    REDUCED = "reduced", "Take a reduced payment"
    EXPENSES_ONLY = "expenses_only", "Take expenses only"
    DECLINED = "declined", "Decline the payment"


class FeeDecider(models.TextChoices):
    """Whose decision a fee choice is: the expert's own (made on their page, or told to the
    team), or the team going ahead past a benefits warning."""

    EXPERT = "expert", "The expert's choice"
    OVERRIDE = "override", "An override by the team"
