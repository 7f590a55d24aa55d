"""What outcomes adds to other pages: the task "Outcomes overdue" on the staff overview (see
people/contributions.py), and "What happened next" on the expert's home page (see
opportunities/portal_parts.py). Each reads with a fixed number of queries."""

from datetime import date

from django.urls import reverse

from coproduce.core.formats import count_of
from coproduce.impact.outcomes import queries
from coproduce.opportunities.portal_parts import PortalSection
from coproduce.people.contributions import Link, Overview, Task

# The newest outcomes shown on the expert's home page; the rest are a link away.
ON_HOME_PAGE = 3


def overview_part(user, today: date) -> Overview:
    part = Overview()
    if not user.has_perm("outcomes.view_all_overdue"):
        return part
    n = queries.overdue_count()
    weeks = queries.current_weeks().weeks
    part.tasks.append(
        Task(
            order=60,
            title="Outcomes overdue",
            count=n,
            describe=count_of(n, "piece of work has", "pieces of work have")
            + f" no outcome recorded {count_of(weeks, 'week')} after the last session"
            if n
            else "Every piece of work has its outcome recorded on time.",
            link=Link("See outcomes overdue", reverse("outcomes:waiting")),
        )
    )
    return part


def what_happened_next(expert) -> PortalSection | None:
    """The newest outcomes of the work the expert took part in (two queries), or nothing
    when there are none."""
    newest = queries.outcomes_for_expert(expert, limit=ON_HOME_PAGE)
    if not newest:
        return None
    total = len(newest) if len(newest) < ON_HOME_PAGE else queries.count_for_expert(expert)
    return PortalSection(
        template="outcomes/_portal_what_happened.jinja",
        data={"outcomes": newest, "total": total},
        order=40,
    )
