"""Reads for badges, each with a fixed number of queries."""

from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from coproduce.onboarding.agreements.queries import agreements_for_expert as agreements_for_expert
from coproduce.onboarding.agreements.queries import current_by_kind as current_by_kind
from coproduce.onboarding.agreements.queries import signed_by as signed_by
from coproduce.onboarding.agreements.queries import signers as signers
from coproduce.onboarding.agreements.queries import to_sign as to_sign
from coproduce.onboarding.models import Badge, BadgePrint

# The support sheets for an audience, for the welcome pack.
from coproduce.onboarding.sheets.queries import sheets_for as sheets_for
from coproduce.people import queries as people_queries


def latest_badge(expert) -> Badge | None:
    """The expert's most recent badge, whatever its state (one query)."""
    return Badge.objects.filter(expert=expert).order_by("-issued_at", "-id").first()


def badge_for_check(token: str) -> Badge | None:
    """The badge with this check address, with only what the public page shows."""
    if not token or len(token) > 64:
        return None
    return (
        Badge.objects.select_related("expert")
        .only(
            "token",
            "expires_on",
            "revoked_at",
            "expert__full_name",
            "expert__photo",
            "expert__erased_at",
        )
        .filter(token=token, expert__erased_at__isnull=True)
        .first()
    )


def valid_badges(today: date, *, issued_since: date | None = None) -> QuerySet[Badge]:
    """Badges valid today (not revoked, not expired), with their experts, by name. People
    whose processing is restricted are left out: printing is processing."""
    badges = Badge.objects.filter(
        revoked_at__isnull=True,
        expires_on__gt=today,
        expert__erased_at__isnull=True,
        expert__restricted_at__isnull=True,
    )
    if issued_since is not None:
        badges = badges.filter(issued_on__gte=issued_since)
    return badges.select_related("expert").order_by("expert__full_name", "id")


def badges_to_print(badge_ids: list[int]) -> list[Badge]:
    """These badges with their experts, by name (one query)."""
    return list(
        Badge.objects.filter(pk__in=badge_ids, expert__erased_at__isnull=True)
        .select_related("expert")
        .order_by("expert__full_name", "id")
    )


def get_badge_for(user, pk: int) -> Badge:
    """A badge of an expert this user may see, or 404."""
    badge = Badge.objects.select_related("expert").filter(pk=pk).first()
    if badge is None:
        raise Http404
    people_queries.get_expert_for(user, badge.expert_id)
    return badge


def get_badge_print(pk: int) -> BadgePrint:
    run = BadgePrint.objects.select_related("created_by").filter(pk=pk).first()
    if run is None:
        raise Http404
    return run
