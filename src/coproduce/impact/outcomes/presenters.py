"""Shaping for the outcomes pages: the work waiting for an outcome, grouped by team, in words."""

from dataclasses import dataclass, field

from coproduce.core.formats import count_of
from coproduce.impact.outcomes.queries import TeamCount, Waiting
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE


@dataclass
class TeamGroup:
    team: str
    rows: list[Waiting] = field(default_factory=list)


def by_team(rows: list[Waiting]) -> list[TeamGroup]:
    """Rows come sorted by team: one group for each team, in that order."""
    groups: list[TeamGroup] = []
    for row in rows:
        if not groups or groups[-1].team != row.team:
            groups.append(TeamGroup(team=row.team))
        groups[-1].rows.append(row)
    return groups


def how_late(row: Waiting) -> str:
    """ "3 weeks overdue", "5 days overdue"."""
    days = row.overdue_days
    if days >= 14:
        return count_of(days // 7, "week") + " overdue"
    return count_of(days, "day") + " overdue"


def title_of(row: Waiting) -> str:
    return row.title if row.title is not None else CONFIDENTIAL_TITLE


def chosen_team(value: str | None, teams: list[TeamCount]) -> TeamCount | None:
    """The team asked for in the address, if it has work waiting (anything else: all teams)."""
    for team in teams:
        if value == str(team.team_id):
            return team
    return None
