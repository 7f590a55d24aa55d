"""What reminders adds to other pages: a link on the expert's home page to choose their
reminders; on the team's view of an expert, the reminders they turned off; and the switches training asks before it sends its own
reminder (training sits below comms, so it is handed them here)."""

from coproduce.comms.reminders import queries
from coproduce.comms.reminders.models import Kind
from coproduce.opportunities.portal_parts import PortalSection
from coproduce.people.contributions import ProfileSection


def profile_part(user, expert) -> ProfileSection | None:
    """On the involvement team's view of an expert: the reminders they turned off, so the
    team knows not to expect them to have been reminded (one query)."""
    if not user.has_perm("reminders.see_experts_choices"):
        return None
    off = queries.kinds_off_for_expert(expert)
    return ProfileSection(
        template="reminders/_profile.jinja",
        data={"off": [Kind(k).label for k in Kind if k in off]},
    )


def portal_part(expert) -> PortalSection | None:
    return PortalSection(template="reminders/_portal.jinja", data={}, order=95)


def training_switch(record) -> bool:
    """Whether training reminders go at all (`record` None), and to this record's person:
    the organisation's switch and theirs."""
    if not queries.current_settings().training_on:
        return False
    if record is None:
        return True
    if record.expert_id is not None:
        return queries.expert_wants(record.expert_id, Kind.TRAINING)
    return queries.user_wants(record.staff_id, Kind.TRAINING)
