"""What the directory and events add to the expert's home page: the events still to come, with
their reply to each (one query), and the directory of experts: whether they are in it (one
query)."""

from coproduce.comms.directory import queries
from coproduce.opportunities.portal_parts import PortalSection

PORTAL_EVENTS = 5


def events_part(expert) -> PortalSection | None:
    events = list(queries.events_for_expert(expert)[:PORTAL_EVENTS])
    if not events:
        return None
    return PortalSection(template="directory/_portal_events.jinja", data=events, order=60)


def directory_part(expert) -> PortalSection | None:
    if not queries.may_join(expert):
        return None
    entry = queries.entry_of(expert)
    return PortalSection(
        template="directory/_portal_directory.jinja",
        data={"entry": entry, "listed": queries.is_listed(entry, expert)},
        order=85,
    )
