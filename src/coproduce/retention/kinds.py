"""The kinds of record the organisation keeps for a set time, each with its default period,
the least the law (or the product) allows, and why. The page, the form, the task and the
README's table all read this one list."""

from dataclasses import dataclass

from coproduce.core.formats import count_of

MONTHS, DAYS = "months", "days"


@dataclass(frozen=True)
class Kind:
    field: str  # the RetentionPeriods field that holds the period
    name: str  # what a coordinator calls it
    unit: str  # MONTHS or DAYS
    default: int
    least: int
    most: int
    counted_from: str
    what_happens: str
    why: str
    # Why the period cannot be shorter than `least`, where the law sets it ("" if it does not).
    least_why: str = ""


SIX_YEARS = 72

KINDS: tuple[Kind, ...] = (
    Kind(
        field="people_who_left_months",
        name="People who left",
        unit=MONTHS,
        default=SIX_YEARS,
        least=1,
        most=1200,
        counted_from="from the day their status changed to left",
        what_happens="Their personal details are erased. Payments and claims stay, with "
        "amounts and dates but no name.",
        why="Payments to them may be questioned by HMRC, or in a legal claim, for six years.",
    ),
    Kind(
        field="enquiries_months",
        name="Enquiries that never went further",
        unit=MONTHS,
        default=12,
        least=1,
        most=1200,
        counted_from="from when they enquired or their record was last changed",
        what_happens="Their personal details are erased.",
        why="A year gives time to follow up; after that we have no reason to hold their details.",
    ),
    Kind(
        field="receipts_months",
        name="Receipts",
        unit=MONTHS,
        default=SIX_YEARS,
        least=SIX_YEARS,
        most=1200,
        counted_from="from the day the claim was paid",
        what_happens="The receipt file is deleted. The claim stays, with a note that its "
        "receipt was deleted under these rules.",
        why="HMRC can ask to see the records behind a payment for six years.",
        least_why="HMRC can ask to see the records behind a payment for six years",
    ),
    Kind(
        field="audit_months",
        name="Audit records",
        unit=MONTHS,
        default=SIX_YEARS,
        least=SIX_YEARS,
        most=1200,
        counted_from="from when they were made",
        what_happens="Records of who changed or opened what are deleted.",
        why="They show who checked, approved and paid each claim, which must be shown for "
        "as long as the payment records are kept.",
        least_why="they show who approved and paid each claim, which must be shown for six "
        "years, as long as the payment records are kept",
    ),
    Kind(
        field="abandoned_imports_days",
        name="Spreadsheet uploads nobody finished importing",
        unit=DAYS,
        default=1,
        least=1,
        most=30,
        counted_from="from when the upload was last worked on",
        what_happens="The upload and its stored file are deleted.",
        why="A spreadsheet of people's details is kept no longer than the import needs it.",
    ),
)

BY_FIELD = {kind.field: kind for kind in KINDS}


def period_words(kind: Kind, value: int) -> str:
    """12 months as "12 months", 72 as "6 years", 1 day as "1 day"."""
    if kind.unit == DAYS:
        return count_of(value, "day")
    if value % 12 == 0:
        return count_of(value // 12, "year")
    return count_of(value, "month")
