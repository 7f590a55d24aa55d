"""Reads of standing groups: the list with how many belong, a group's members past and
present, and finding active experts to add by name."""

from django.db.models import Count, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coproduce.opportunities.models import Group, Membership, Opportunity
from coproduce.people.choices import Status
from coproduce.people.models import Expert

SEARCH_LIMIT = 20


def group_or_404(pk: int) -> Group:
    return get_object_or_404(Group.objects.select_related("team"), pk=pk)


def membership_or_404(group_pk: int, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("expert", "group"), pk=pk, group_id=group_pk
    )


def active_groups() -> QuerySet[Group]:
    """The groups still meeting, by name (for choosing one)."""
    return Group.objects.filter(active=True).order_by("name")


def groups_with_counts() -> QuerySet[Group]:
    return Group.objects.select_related("team").annotate(
        member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True))
    )


def memberships_of(group: Group) -> tuple[list[Membership], list[Membership]]:
    """Current members, then those who have left."""
    rows = list(group.memberships.select_related("expert").order_by("expert__full_name", "id"))
    return [m for m in rows if m.left_on is None], [m for m in rows if m.left_on is not None]


def series_of(group: Group) -> QuerySet[Opportunity]:
    # A group's page lists its series, never confidential work (opportunities.visibility).
    return (
        group.opportunities.filter(confidential=False)
        .annotate(
            first_session=Min("sessions__starts_at"),
            next_session=Min(
                "sessions__starts_at", filter=Q(sessions__starts_at__gte=timezone.now())
            ),
            session_count=Count("sessions"),
        )
        .order_by("-created_at")
    )


def experts_to_add(group: Group, text: str) -> list[Expert]:
    """Active experts whose name matches, who are not current members."""
    text = text.strip()
    if not text:
        return []
    current = group.memberships.filter(left_on__isnull=True).values("expert_id")
    return list(
        Expert.objects.processable()
        .filter(status=Status.ACTIVE)
        .filter(Q(full_name__icontains=text) | Q(preferred_name__icontains=text))
        .exclude(pk__in=current)
        .select_related("locality")
        .order_by("full_name", "id")[:SEARCH_LIMIT]
    )
