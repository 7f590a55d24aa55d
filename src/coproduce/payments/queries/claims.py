"""Reads for the staff claim pages: the approval queue, one claim, the sessions an expert can
claim for, and what a payment run would pay. Each takes a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coproduce.core.money import ZERO
from coproduce.core.periods import Period
from coproduce.opportunities.choices import Attendance
from coproduce.opportunities.models import Invitation
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE
from coproduce.payments.choices import COUNTED_STATUSES, ClaimKind, ClaimStatus, FeeChoice
from coproduce.payments.models import Claim, ClaimLine, PaymentRun
from coproduce.payments.queries.benefits import period_for
from coproduce.payments.queries.fees import FeeTable
from coproduce.people.choices import BenefitsDeclaration

# Queues of claims someone still has to act on read oldest first: the longest wait is on top.
WAITING = (ClaimStatus.SUBMITTED, ClaimStatus.CHECKED, ClaimStatus.APPROVED)
ALL = "all"


def default_status_for(user) -> str:
    """Finance sees what waits for approval; the involvement team, what waits for its check."""
    if user.has_perm("payments.approve_claims"):
        return ClaimStatus.CHECKED
    return ClaimStatus.SUBMITTED


def claim_queue(
    *, status: str, team_id: int | None = None, kind: str | None = None
) -> QuerySet[Claim]:
    """Claims with `status` (or every claim for "all"), with what a row of the queue shows."""
    claims = Claim.objects.select_related(
        "expert",
        "invitation__session__opportunity",
        "invitation__fee_decision",
        "team",
        "submitted_by",
    )
    if status != ALL:
        claims = claims.filter(status=status)
    if team_id:
        claims = claims.filter(team_id=team_id)
    if kind:
        claims = claims.filter(kind=kind)
    if status in WAITING:
        return claims.order_by("submitted_at", "id")
    if status == ALL:
        # A claim's id grows with its submission, and the primary key needs no sort: the
        # index on (status, submitted_at) cannot order every status at once.
        return claims.order_by("-id")
    return claims.order_by("-submitted_at", "-id")


def benefits_flags(claims: list[Claim]) -> set[int]:
    """The ids of the claims in `claims` (one page of the queue) whose payment would take the
    expert past a declared benefits limit, in one query for the whole page.

    It counts the involvement payments already claimed in the benefits period (the claim
    itself included), so a payment the expert chose to reduce or decline is not flagged. The
    claim's page gives the full warning (approval_warning), which also counts places accepted
    for meetings not yet held; approving past it always needs a reason."""
    candidates: list[tuple[Claim, Period | None]] = []
    for claim in claims:
        if claim.kind != ClaimKind.INVOLVEMENT or claim.status not in (
            ClaimStatus.SUBMITTED,
            ClaimStatus.CHECKED,
        ):
            continue
        decision = getattr(claim.invitation, "fee_decision", None)
        if decision is not None and decision.choice != FeeChoice.FULL:
            continue
        expert = claim.expert
        if expert.benefits_declaration == BenefitsDeclaration.EXPENSES_ONLY:
            candidates.append((claim, None))
            continue
        period = period_for(expert, claim.session_date)
        if period is not None and expert.earnings_limit is not None:
            candidates.append((claim, period))
    flagged = {c.pk for c, period in candidates if period is None and c.total > 0}
    dated = [(c, period) for c, period in candidates if period is not None]
    if not dated:
        return flagged
    near = Q()
    for claim, period in dated:
        near |= Q(expert_id=claim.expert_id, session_date__range=(period.first, period.last))
    earned: dict[int, list[tuple]] = defaultdict(list)
    for expert_id, day, invitation_id, total in Claim.objects.filter(
        near, kind=ClaimKind.INVOLVEMENT, status__in=COUNTED_STATUSES
    ).values_list("expert_id", "session_date", "invitation_id", "total"):
        earned[expert_id].append((day, invitation_id, total))
    for claim, period in dated:
        counted = sum(
            (
                total
                for day, invitation_id, total in earned[claim.expert_id]
                if day in period and invitation_id != claim.invitation_id
            ),
            ZERO,
        )
        if counted + claim.total > claim.expert.earnings_limit:
            flagged.add(claim.pk)
    return flagged


def claim_for_page(pk: int) -> Claim | None:
    """One claim with everyone and everything its page names, and its lines."""
    return (
        Claim.objects.select_related(
            "expert",
            "team",
            "invitation__session__opportunity",
            "invitation__fee_decision",
            "submitted_by",
            "checked_by",
            "decided_by",
            "returned_by",
            "resubmitted_by",
            "payment_run__created_by",
        )
        .prefetch_related("lines")
        .filter(pk=pk)
        .first()
    )


def attended_places(expert, *, months: int = 12) -> QuerySet[Invitation]:
    """The sessions the expert attended in about the last `months` months, newest first."""
    since = timezone.now() - timedelta(days=round(months * 30.5))
    return (
        Invitation.objects.filter(
            expert=expert, attendance=Attendance.ATTENDED, session__starts_at__gte=since
        )
        .select_related("session__opportunity")
        .annotate(claim_count=Count("claims"))
        .order_by("-session__starts_at", "-id")
    )


def claim_deadlines(invitations) -> dict[int, date]:
    """The last day to claim expenses for each invitation's session, by invitation id (two
    queries: policies are few); a session with no policy has none."""
    table = FeeTable()
    deadlines = {i.pk: table.claim_deadline(i.session) for i in invitations}
    return {pk: day for pk, day in deadlines.items() if day is not None}


@dataclass(frozen=True)
class RunPreview:
    """What a new payment run would pay now, and what it would leave out."""

    count: int
    total: Decimal
    held_back: list[Claim]  # approved, but the expert has no payee reference
    held_back_count: int
    held_back_total: Decimal


def payable_claims() -> QuerySet[Claim]:
    """Approved claims not yet in a run, for experts finance can pay (with a payee reference)."""
    return Claim.objects.filter(status=ClaimStatus.APPROVED, payment_run__isnull=True).exclude(
        expert__payee_reference=""
    )


def run_preview(*, held_back_shown: int = 50) -> RunPreview:
    payable = payable_claims().aggregate(count=Count("id"), total=Sum("total"))
    held = Claim.objects.filter(
        status=ClaimStatus.APPROVED, payment_run__isnull=True, expert__payee_reference=""
    )
    held_sums = held.aggregate(count=Count("id"), total=Sum("total"))
    return RunPreview(
        count=payable["count"] or 0,
        total=payable["total"] or ZERO,
        held_back=list(
            held.select_related("expert", "invitation__session__opportunity").order_by(
                "expert__full_name", "submitted_at", "id"
            )[:held_back_shown]
        ),
        held_back_count=held_sums["count"] or 0,
        held_back_total=held_sums["total"] or ZERO,
    )


def payment_runs() -> QuerySet[PaymentRun]:
    return PaymentRun.objects.select_related("created_by").order_by("-created_at", "-id")


def run_or_404(pk: int) -> PaymentRun:
    return get_object_or_404(PaymentRun.objects.select_related("created_by"), pk=pk)


def receipt_line_or_404(claim_pk: int, line_pk: int) -> ClaimLine:
    """A line of a claim, with the claim's expert (for the record of who opened its receipt)."""
    return get_object_or_404(
        ClaimLine.objects.select_related("claim__expert"), pk=line_pk, claim_id=claim_pk
    )


def claims_in_run(run: PaymentRun) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(payment_run=run)
        .select_related("expert", "team", "invitation__session__opportunity")
        .order_by("expert__full_name", "session_date", "id")
    )


def run_lines(run: PaymentRun):
    """Every line of every claim in the run, as plain values (one query, iterated in chunks),
    ordered by expert and claim: the rows of the export."""
    return (
        ClaimLine.objects.filter(claim__payment_run=run)
        .order_by("claim__expert__full_name", "claim__expert_id", "claim_id", "id")
        .values_list(
            "claim_id",
            "claim__expert__payee_reference",
            "claim__expert__full_name",
            "claim__session_date",
            # Finance never sees the title of confidential work.
            Case(
                When(
                    claim__invitation__session__opportunity__confidential=True,
                    then=Value(CONFIDENTIAL_TITLE),
                ),
                default=F("claim__invitation__session__opportunity__title"),
            ),
            "description",
            "category",
            "quantity",
            "unit_rate",
            "amount",
            "claim__team_id",
            "claim__team__name",
        )
        .iterator(chunk_size=2000)
    )


def payments_for_session(session) -> list[Claim]:
    """The involvement payments attendance made for a session, by expert (one query)."""
    return list(
        Claim.objects.filter(invitation__session=session, kind=ClaimKind.INVOLVEMENT)
        .select_related("expert")
        .order_by("expert__full_name", "pk")
    )
