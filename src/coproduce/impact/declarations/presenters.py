"""Shaping for the declarations pages: a status as an NHS tag, how late a follow-up is, the
title of a piece of work the reader may not see; and the declarations figure as a Section for
the dashboard and the annual report."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from coproduce.core.charts import Series, bar_chart
from coproduce.core.figures import Filters, Section, Table
from coproduce.core.formats import count_of
from coproduce.impact.declarations import queries
from coproduce.impact.declarations.models import FollowUp, Status
from coproduce.opportunities.choices import Rung, Stage
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE

# NHS.UK tag colours by status.
TAG_CLASSES = {
    Status.DRAFT: "nhsuk-tag--grey",
    Status.WAITING: "nhsuk-tag--blue",
    Status.AGREED: "nhsuk-tag--green",
    Status.FOLLOW_UPS: "nhsuk-tag--aqua-green",
    Status.NEEDS_WORK: "nhsuk-tag--orange",
}


def status_tag(status: str) -> dict:
    """The NHS tag macro's parameters for a status."""
    return {"text": Status(status).label, "classes": TAG_CLASSES[Status(status)]}


def stage_label(stage: str) -> str:
    return Stage(stage).label


def rung_label(rung: int) -> str:
    return Rung(rung).label


def how_late(follow_up: FollowUp, today: date | None = None) -> str:
    """ "Overdue by 3 days", "Due today", "Due in 2 weeks", or "Done"."""
    if follow_up.done:
        return "Done"
    today = today or timezone.localdate()
    days = (follow_up.due_on - today).days
    if days == 0:
        return "Due today"
    if days <= -14:
        return f"Overdue by {count_of(-days // 7, 'week')}"
    if days < 0:
        return f"Overdue by {count_of(-days, 'day')}"
    if days >= 14:
        return f"Due in {count_of(days // 7, 'week')}"
    return f"Due in {count_of(days, 'day')}"


def is_overdue(follow_up: FollowUp, today: date | None = None) -> bool:
    return not follow_up.done and follow_up.due_on < (today or timezone.localdate())


def work_title(work) -> str:
    """A linked piece of work's title, or "Confidential work" where the reader may not see
    it (the queries mark each with `may_see`)."""
    return work.title if getattr(work, "may_see", False) else CONFIDENTIAL_TITLE


def _percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"


def section(filters: Filters) -> Section:
    """The dashboard's and the annual report's "Co-production declarations" figure: the
    entries declared by rung of the ladder (highest first), with the share at co-design or
    co-production, and the declarations by status, in words. Two queries."""
    got = queries.figures(filters)
    rungs = list(reversed(Rung))
    share = got.doing_with_share
    status_words = ", ".join(
        f"{n} {Status(status).label.lower()}" for status, n in got.by_status.items() if n
    )
    summary = (
        f"{count_of(got.declarations, 'declaration')} started"
        + (f" ({status_words})" if status_words else "")
        + f". {count_of(got.entries, 'place')} where co-production took place or is planned"
        + (
            f", {_percent(share)} of them at co-design or co-production."
            if share is not None
            else "."
        )
    )
    return Section(
        slug="declarations-by-rung",
        title="Co-production declarations",
        summary=summary,
        chart=bar_chart(
            chart_id="declarations-by-rung",
            title="Places declared, by rung of the ladder of co-production",
            description=summary,
            categories=[r.label for r in rungs],
            series=[Series(name="Places declared", values=[got.by_rung[r.value] for r in rungs])],
        )
        if got.entries
        else None,
        table=Table(
            caption="Places declared, by rung of the ladder of co-production",
            headers=["Rung", "Places declared"],
            rows=[[r.label, f"{got.by_rung[r.value]:,}"] for r in rungs],
        ),
    )
