"""What the welcome pack adds to an expert's profile (see people/contributions.py): the
version their needs ask for, when a pack last went to them, and links to make it."""

from coproduce.people.contributions import ProfileSection
from coproduce.welcome import queries


def welcome_section(user, expert) -> ProfileSection | None:
    if not user.has_perm("welcome.make_packs") or expert.erased_at is not None:
        return None
    needed = queries.format_for(expert)
    return ProfileSection(
        template="welcome/_expert_welcome.jinja",
        data={
            "needed": needed,
            "needed_label": queries.FORMATS[needed],
            "last": queries.last_sent(expert),
            "formats": queries.FORMATS,
        },
    )
