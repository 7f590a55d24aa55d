"""Reads of staff accounts and teams, for accounts' pages and other apps' (one query each)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role


def staff_accounts() -> QuerySet[User]:
    """Everyone who is not an expert, with their team, in name order."""
    return (
        User.objects.exclude(role=Role.EXPERT)
        .select_related("team__organisation")
        .order_by("full_name", "id")
    )


def staff_account_or_404(pk: int) -> User:
    return get_object_or_404(User.objects.exclude(role=Role.EXPERT), pk=pk)


def teams() -> QuerySet[Team]:
    """Every team with its organisation, by organisation then team name."""
    return Team.objects.select_related("organisation").order_by("organisation__name", "name")


def team_or_404(pk: int) -> Team:
    return get_object_or_404(Team.objects.select_related("organisation"), pk=pk)
