"""Reads for concerns, each with a fixed number of queries: the coordinators' list, an
expert's own, the settings, what the overview counts, and the figures a dashboard needs
(computed in the database)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.core.days import day_after, local_midnight
from coproduce.impact.concerns.models import Concern, ConcernSettings, Step
from coproduce.opportunities.models import Invitation
from coproduce.payments.models import Claim
from coproduce.people.models import Expert

# Settings ------------------------------------------------------------------------------------


def concern_settings() -> ConcernSettings:
    """The organisation's settings for concerns, with its contacts (two queries); the
    defaults, unsaved, before the lead has set any."""
    found = ConcernSettings.objects.prefetch_related(
        Prefetch("contacts", queryset=User.objects.order_by("full_name", "email"))
    ).first()
    return found if found is not None else ConcernSettings()


def named_contacts(found: ConcernSettings) -> list[User]:
    return list(found.contacts.all()) if found.pk else []


def reply_days() -> int:
    found = ConcernSettings.objects.values_list("reply_days", flat=True).first()
    return found if found is not None else ConcernSettings().reply_days


def is_safeguarding_contact(user) -> bool:
    """Whether the user is one of the named safeguarding contacts (one query)."""
    return ConcernSettings.contacts.through.objects.filter(user_id=user.pk).exists()


def safeguarding_addresses() -> list[str]:
    """Where a safeguarding concern goes: each named contact's email (active accounts only)
    and the safeguarding team's own address, once each; empty when none is named."""
    found = ConcernSettings.objects.first()
    if found is None:
        return []
    addresses = list(
        found.contacts.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if found.team_email:
        addresses.append(found.team_email)
    seen: dict[str, str] = {}
    for address in addresses:
        seen.setdefault(address.lower(), address)
    return list(seen.values())


def has_safeguarding_contacts() -> bool:
    found = ConcernSettings.objects.first()
    return found is not None and bool(found.team_email or found.contacts.exists())


def staff_to_name() -> QuerySet[User]:
    """Staff accounts the lead may name as safeguarding contacts: active, not experts."""
    return User.objects.filter(is_active=True).exclude(role=Role.EXPERT).order_by("full_name")


def handlers() -> QuerySet[User]:
    """Who may handle a concern: the involvement team's active accounts."""
    return User.objects.filter(
        is_active=True, role__in=[Role.COORDINATOR, Role.INVOLVEMENT_LEAD]
    ).order_by("full_name")


# The coordinators' list ------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilters:
    status: str = ""  # "", "waiting" (new or open), or a Concern.Status
    about: str = ""
    safeguarding: bool = False


def concern_list(user, filters: ListFilters) -> QuerySet[Concern]:
    """Open concerns first, safeguarding ones at the top of them, then the longest waiting;
    closed ones after, the latest closed first. A safeguarding contact who is not in the
    involvement team sees only the safeguarding concerns."""
    concerns = Concern.objects.select_related("expert", "handler")
    if not user.has_perm("concerns.manage_concerns"):
        concerns = concerns.filter(safeguarding=True)
    if filters.status == "waiting":
        concerns = concerns.exclude(status=Concern.Status.CLOSED)
    elif filters.status:
        concerns = concerns.filter(status=filters.status)
    if filters.about:
        concerns = concerns.filter(about=filters.about)
    if filters.safeguarding:
        concerns = concerns.filter(safeguarding=True)
    return concerns.annotate(
        closed_rank=Case(
            When(status=Concern.Status.CLOSED, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        urgent_rank=Case(
            When(Q(safeguarding=True) & ~Q(status=Concern.Status.CLOSED), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by(
        "closed_rank",
        "urgent_rank",
        # Open ones have no closed_at: the longest waiting first. Closed ones latest first.
        F("closed_at").desc(nulls_first=True),
        "raised_at",
        "id",
    )


def concern_for(user, pk: int) -> Concern:
    """The concern, for a member of staff who may see it; 404 for anyone else (they learn
    nothing, not even that it exists)."""
    concern = (
        Concern.objects.select_related(
            "expert",
            "handler",
            "raised_by",
            "invitation__session__opportunity",
            "claim__invitation__session__opportunity",
        )
        .filter(pk=pk)
        .first()
    )
    if concern is None or not user.has_perm("concerns.view_concern", concern):
        raise Http404
    return concern


def history(concern: Concern, *, for_expert: bool = False) -> list[Step]:
    steps = concern.steps.select_related("by")
    if for_expert:
        steps = steps.filter(kind__in=Step.SHOWN_TO_EXPERT)
    return list(steps)


# The expert's own --------------------------------------------------------------------------------


def own_concerns(expert: Expert) -> QuerySet[Concern]:
    """The expert's concerns, open ones first, latest first, each with its latest reply."""
    return (
        Concern.objects.filter(expert=expert)
        .annotate(
            last_reply_at=Max("steps__at", filter=Q(steps__kind=Step.Kind.RESPONSE)),
            replies=Count("steps", filter=Q(steps__kind=Step.Kind.RESPONSE)),
        )
        .select_related("invitation__session__opportunity")
        .order_by(
            Case(When(status=Concern.Status.CLOSED, then=Value(1)), default=Value(0)),
            "-raised_at",
            "-id",
        )
    )


def own_concern(expert: Expert, pk: int) -> Concern:
    concern = (
        Concern.objects.select_related(
            "invitation__session__opportunity", "claim__invitation__session__opportunity"
        )
        .filter(expert=expert, pk=pk)
        .first()
    )
    if concern is None:
        raise Http404
    return concern


def open_count(expert: Expert) -> int:
    return Concern.objects.filter(expert=expert).exclude(status=Concern.Status.CLOSED).count()


def meetings_of(expert: Expert, *, limit: int = 60) -> list[Invitation]:
    """The meetings the expert was invited to or went to, latest first."""
    return list(
        Invitation.objects.filter(expert=expert)
        .select_related("session__opportunity")
        .order_by("-session__starts_at", "-id")[:limit]
    )


def claims_of(expert: Expert, *, limit: int = 60) -> list[Claim]:
    """The expert's claims, latest first."""
    return list(
        Claim.objects.filter(expert=expert)
        .select_related("invitation__session__opportunity")
        .order_by("-session_date", "-id")[:limit]
    )


def concerns_of_for_export(expert: Expert) -> QuerySet[Concern]:
    return (
        Concern.objects.filter(expert=expert)
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=Step.objects.filter(kind__in=Step.SHOWN_TO_EXPERT).order_by("at", "id"),
            )
        )
        .order_by("raised_at", "id")
    )


def concern_of_expert_or_none(expert_id: int, pk: int) -> Concern | None:
    return Concern.objects.filter(expert_id=expert_id, pk=pk).first()


# The overview and the dashboard -----------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    total: int
    safeguarding: int
    new: int


def waiting() -> Waiting:
    """Concerns not yet closed, how many are safeguarding, how many nobody has looked at
    (one query)."""
    got = Concern.objects.exclude(status=Concern.Status.CLOSED).aggregate(
        total=Count("id"),
        safeguarding=Count("id", filter=Q(safeguarding=True)),
        new=Count("id", filter=Q(status=Concern.Status.NEW)),
    )
    return Waiting(total=got["total"], safeguarding=got["safeguarding"], new=got["new"])


@dataclass(frozen=True)
class Figures:
    raised: int
    raised_safeguarding: int
    closed: int
    # Median calendar days, to one decimal place; None when there is nothing to measure.
    median_days_to_first_response: Decimal | None
    median_days_to_close: Decimal | None


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return local_midnight(start), day_after(end)


def _median_days(concerns: QuerySet[Concern], until: str) -> Decimal | None:
    """The median of (until − raised_at), in days. One query whatever the rows, on SQLite and
    PostgreSQL alike: the database ranks the concerns by how long they took and returns only
    the middle one or two (to average); none when no concern has that moment yet."""
    count = F("everyone")
    middle = (
        concerns.filter(**{f"{until}__isnull": False})
        .order_by()
        .annotate(took=ExpressionWrapper(F(until) - F("raised_at"), output_field=DurationField()))
        .annotate(
            place=Window(RowNumber(), order_by=[F("took").asc(), F("pk").asc()]),
            everyone=Window(Count("*")),
        )
        .filter(Q(place=(count + 1) / 2) | Q(place=count / 2 + 1))
        .values_list("took", flat=True)
    )
    took = list(middle)
    if not took:
        return None
    seconds = sum(t.total_seconds() for t in took) / len(took)
    return (Decimal(seconds) / Decimal(86400)).quantize(Decimal("0.1"))


def figures(start: date, end: date) -> Figures:
    """Concerns raised from `start` to `end` (both included) and closed in that time; the
    median days from raising to the first reply (concerns raised in the period that have
    had one) and from raising to closing (concerns closed in the period)."""
    since, before = _bounds(start, end)
    raised = Concern.objects.filter(raised_at__gte=since, raised_at__lt=before)
    closed = Concern.objects.filter(closed_at__gte=since, closed_at__lt=before)
    counts = raised.aggregate(n=Count("id"), safeguarding=Count("id", filter=Q(safeguarding=True)))
    return Figures(
        raised=counts["n"],
        raised_safeguarding=counts["safeguarding"],
        closed=closed.count(),
        median_days_to_first_response=_median_days(raised, "first_response_at"),
        median_days_to_close=_median_days(closed, "closed_at"),
    )
