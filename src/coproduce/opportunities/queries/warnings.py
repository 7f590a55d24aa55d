"""Signs that involvement may be tokenistic, each said in plain English with why it matters.
They come from the seeds: "Involvement is not about … inviting ‘one or two’ service users or
carers onto committees or interview panels", and "Experts to be involved before decisions are
made, not as an afterthought." Warnings advise; they never stop anyone publishing."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from coproduce.core.formats import count_of
from coproduce.opportunities.choices import Rung, Stage
from coproduce.opportunities.models import Opportunity

MIN_EXPERTS = 2


@dataclass(frozen=True)
class TokenismWarning:
    code: str
    title: str
    why: str


def tokenism_warnings(
    *,
    experts: int,
    staff_expected: int,
    rung: int,
    stage: str,
    max_staff_per_expert: Decimal | None = None,
) -> list[TokenismWarning]:
    """Warnings for a piece of work with this many experts (places offered, or, once people
    have answered, experts who accepted) and staff, at this rung and stage."""
    limit = (
        settings.INVOLVEMENT_MAX_STAFF_PER_EXPERT
        if max_staff_per_expert is None
        else max_staff_per_expert
    )
    found = []
    if experts < MIN_EXPERTS:
        found.append(
            TokenismWarning(
                code="few_experts",
                title="Fewer than two experts",
                why=(
                    "One expert among staff is easily outnumbered and can feel alone. "
                    "“Involvement is not about inviting ‘one or two’ service users or carers "
                    "onto committees or interview panels.” Offer at least two places."
                ),
            )
        )
    if staff_expected and (experts == 0 or Decimal(staff_expected) / experts > limit):
        found.append(
            TokenismWarning(
                code="staff_ratio",
                title=f"More than {limit.normalize():f} staff for each expert",
                why=(
                    f"{staff_expected} staff and {count_of(experts, 'expert')}: when staff far "
                    "outnumber experts, experts' voices are lost. Offer more places, or bring "
                    "fewer staff."
                ),
            )
        )
    if rung <= Rung.INFORMING:
        found.append(
            TokenismWarning(
                code="low_rung",
                title=f"Involvement only at “{Rung(rung).label.lower()}”",
                why=(
                    "At informing or below, people are told about decisions rather than taking "
                    "part in them. Aim for consultation, engagement, co-design or co-production."
                ),
            )
        )
    if stage == Stage.REVIEW:
        found.append(
            TokenismWarning(
                code="review_only",
                title="Experts asked only at the review stage",
                why=(
                    "“Experts to be involved before decisions are made, not as an "
                    "afterthought.” By the review stage the decisions are made: involve "
                    "experts while the work is analysed or planned."
                ),
            )
        )
    return found


def warnings_for(opportunity: Opportunity, experts: int | None = None) -> list[TokenismWarning]:
    """Warnings for an opportunity. `experts` is the number taking part when known (accepted
    invitations); until then, the places offered."""
    return tokenism_warnings(
        experts=opportunity.places if experts is None else experts,
        staff_expected=opportunity.staff_expected,
        rung=opportunity.rung,
        stage=opportunity.stage,
    )
