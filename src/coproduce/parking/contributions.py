"""What parking adds to people's pages (see people/contributions.py): on an expert's profile,
a link to their vehicles and permits for the involvement team. It reads nothing, so the
profile costs no more queries."""

from coproduce.people.contributions import ProfileSection


def parking_section(user, expert) -> ProfileSection | None:
    if not user.has_perm("parking.manage_parking"):
        return None
    return ProfileSection(template="parking/_expert_parking.jinja", data={})
