"""Declarations with entries, for the declarations tests."""

from datetime import date
from typing import Any

from coproduce.accounts.roles import Role
from coproduce.impact.declarations import services
from coproduce.impact.declarations.services import About, EntryWords
from coproduce.opportunities.choices import Rung, Stage
from tests.factories import TeamFactory, UserFactory


def entry_words(**kwargs) -> EntryWords:
    fields: dict[str, Any] = {
        "where": "Designing the new crisis line",
        "happened": True,
        "on": date(2026, 5, 12),
        "stage": Stage.PLAN,
        "rung": Rung.CO_DESIGN,
        "with_whom": "People who have used the crisis line, and their carers",
        "effect": "The line now answers in two rings, as people asked",
    }
    fields.update(kwargs)
    return EntryWords(**fields)


def declaration(*, owner=None, team=None, name="Crisis care", entries=1, submit=False, **about):
    """A declaration by `owner` (a new member of staff in `team` when not given) with
    `entries` entries (a number, or a list of EntryWords), submitted when asked."""
    team = team or (owner.team if owner is not None and owner.team else TeamFactory())
    owner = owner or UserFactory(role=Role.STAFF, team=team)
    made = services.start_declaration(
        actor=owner,
        owner=owner,
        about=About(
            name=name,
            team=team,
            description=about.get("description", "Changing how people in crisis get help."),
        ),
    )
    words = [entry_words() for _ in range(entries)] if isinstance(entries, int) else entries
    for each in words:
        services.add_entry(actor=owner, declaration=made, words=each)
    if submit:
        made = services.submit(actor=owner, declaration=made)
    return made
