"""Parts of the expert's home page ("My involvement") that apps above opportunities fill in:
sessions to give feedback on, what happened next because they took part, concerns they raised.

Apps depend one way (DESIGN.md): feedback and outcomes read opportunities, never the reverse.
So each hands its part over here when Django starts (its AppConfig.ready), as people's pages
do (people/contributions.py). Each part reads with a fixed number of queries and returns None
when it has nothing to show."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PortalSection:
    """A section of the expert's home page: the template that shows it and what it reads.
    `order` places it among the others (lower first), whichever app adds it."""

    template: str
    data: Any
    order: int = 50


PortalPart = Callable[[Any], PortalSection | None]

_portal_parts: list[PortalPart] = []


def add_portal_part(part: PortalPart) -> PortalPart:
    """`part(expert)` gives a section of the expert's home page, or None to show none."""
    if part not in _portal_parts:
        _portal_parts.append(part)
    return part


def portal_sections_for(expert) -> list[PortalSection]:
    sections = [s for s in (part(expert) for part in _portal_parts) if s is not None]
    return sorted(sections, key=lambda section: section.order)
