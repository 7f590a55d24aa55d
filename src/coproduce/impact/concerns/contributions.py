"""What concerns adds to other apps' pages: "Concerns waiting" on the staff overview (with how
many are safeguarding), a link on an expert's profile to record a concern they raised by phone
or in person, and the expert's open concerns on their home page."""

from datetime import date

from django.urls import reverse

from coproduce.core.formats import count_of
from coproduce.impact.concerns import queries
from coproduce.opportunities.portal_parts import PortalSection
from coproduce.people.contributions import Link, Overview, ProfileSection, Task


def overview_part(user, today: date) -> Overview:
    part = Overview()
    if not user.has_perm("concerns.manage_concerns"):
        return part
    waiting = queries.waiting()
    notes = []
    if waiting.safeguarding:
        notes.append(count_of(waiting.safeguarding, "is safeguarding", "are safeguarding"))
    if waiting.new:
        notes.append(
            count_of(waiting.new, "has not been looked at yet", "have not been looked at yet")
        )
    part.tasks.append(
        Task(
            # Safeguarding comes before everything else on the overview.
            order=5 if waiting.safeguarding else 30,
            title="Concerns waiting",
            count=waiting.total,
            describe=count_of(waiting.total, "concern is", "concerns are") + " not closed yet"
            if waiting.total
            else "No concerns are waiting.",
            link=Link("See concerns", reverse("concerns:list") + "?status=waiting"),
            notes=tuple(notes),
        )
    )
    return part


def profile_part(user, expert) -> ProfileSection | None:
    if not user.has_perm("concerns.manage_concerns"):
        return None
    return ProfileSection(template="concerns/_expert_profile.jinja", data={})


def portal_part(expert) -> PortalSection | None:
    n = queries.open_count(expert)
    if not n:
        return None
    return PortalSection(template="concerns/_portal.jinja", data={"open": n}, order=80)
