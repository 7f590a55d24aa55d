"""Parts of people's pages that other apps fill in: what needs doing on the staff overview,
the month's involvement figures, and sections of an expert's profile.

Apps depend one way (DESIGN.md): opportunities and payments read people, never the reverse.
So each of them hands its parts over here when Django starts (its AppConfig.ready), and these
pages ask for them without importing those apps. Each part reads with a fixed number of
queries, and decides for itself, by the rules, whether the person may act on it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Task:
    """Something waiting for the person who signed in: "3 requests to review"."""

    order: int  # where it goes among the others (lower first), whichever app adds it
    title: str  # "Requests to review"
    count: int
    describe: str  # the count in words: "3 requests waiting for a decision"
    link: Link  # the page where they act on it
    notes: tuple[str, ...] = ()  # "2 are for sessions in the next 7 days"
    # The first few things to act on, each with its own page (a session's places).
    items: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Figure:
    """One of the month's involvement figures, already in words: "12", "£1,234.50"."""

    label: str
    value: str


@dataclass
class Overview:
    tasks: list[Task] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True)
class ProfileSection:
    """A section of an expert's profile: the template that shows it and what it reads."""

    template: str
    data: Any


OverviewPart = Callable[[Any, date], Overview]
ProfilePart = Callable[[Any, Any], ProfileSection | None]

_overview_parts: list[OverviewPart] = []
_profile_parts: list[ProfilePart] = []


def add_overview_part(part: OverviewPart) -> OverviewPart:
    """`part(user, today)` gives the tasks this user may act on and its month's figures."""
    if part not in _overview_parts:
        _overview_parts.append(part)
    return part


def add_profile_part(part: ProfilePart) -> ProfilePart:
    """`part(user, expert)` gives a section of the expert's profile, or None to show none."""
    if part not in _profile_parts:
        _profile_parts.append(part)
    return part


def overview_for(user, today: date) -> Overview:
    overview = Overview()
    for part in _overview_parts:
        got = part(user, today)
        overview.tasks += got.tasks
        overview.figures += got.figures
    overview.tasks.sort(key=lambda task: task.order)
    return overview


def profile_sections_for(user, expert) -> list[ProfileSection]:
    return [s for s in (part(user, expert) for part in _profile_parts) if s is not None]
