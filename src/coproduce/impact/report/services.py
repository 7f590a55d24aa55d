"""Writing the Experts Report: starting a year's report, the lead's foreword and highlights,
the case studies chosen from the year's outcomes (and their order, titles and summaries), and
publishing it. Each change is one transaction with its audit record; nothing is half-saved."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.impact.report import queries
from coproduce.impact.report.models import MOST_CASE_STUDIES, CaseStudy, Report

ALREADY_STARTED = "The report for {years} has already been started."
NOT_A_YEAR = "Choose a year from the list: a report is for this year or one of the {n} before it."
NOT_CHANGED = "You have not changed anything."
NOT_CHOOSABLE = (
    "That outcome cannot be chosen: it is already in the report, was recorded in another "
    "year, or is about confidential work."
)
TOO_MANY = "The report already has {n} case studies. Remove one before choosing another."
ALREADY_PUBLISHED = "The report is already published."


class ReportError(Exception):
    """A change refused, with the words to show the person."""


def _years(year: int) -> str:
    return f"{year} to {year + 1}"


def start_report(*, actor, year: int) -> Report:
    """Starts the year's report as a draft that only the involvement team can read."""
    latest = queries.this_year()
    if not latest - queries.YEARS_BACK <= year <= latest:
        raise ReportError(NOT_A_YEAR.format(n=queries.YEARS_BACK))
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = Report.objects.create(year=year, started_by=actor)
        except IntegrityError:
            raise ReportError(ALREADY_STARTED.format(years=_years(year))) from None
        audit.record_change(
            actor=actor,
            instance=report,
            action=AuditEvent.Action.REPORT_WRITTEN,
            changes={"Year": [None, _years(year)]},
            summary=f"Experts Report for {_years(year)} started",
        )
    return report


def write_report(*, actor, report: Report, foreword: str, highlights: list[str]) -> Report:
    """Saves the lead's foreword and highlights."""
    before = {"Foreword": report.foreword, "Highlights": "\n".join(report.highlights)}
    after = {"Foreword": foreword, "Highlights": "\n".join(highlights)}
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if not changes:
        raise ReportError(NOT_CHANGED)
    with transaction.atomic():
        report.foreword = foreword
        report.highlights = highlights
        report.save(update_fields=["foreword", "highlights", "updated_at"])
        audit.record_change(
            actor=actor,
            instance=report,
            action=AuditEvent.Action.REPORT_WRITTEN,
            changes=changes,
            summary=f"Foreword and highlights of the Experts Report for {report.years} changed",
        )
    return report


def choose_case_study(*, actor, report: Report, outcome_pk: int) -> CaseStudy:
    """Adds an outcome of the report's year as its last case study."""
    with transaction.atomic():
        # Locks the report, so two choices at once are numbered one after the other.
        Report.objects.select_for_update().filter(pk=report.pk).first()
        outcome = queries.choosable_outcome(report, outcome_pk)
        if outcome is None:
            raise ReportError(NOT_CHOOSABLE)
        chosen = CaseStudy.objects.filter(report=report)
        if chosen.count() >= MOST_CASE_STUDIES:
            raise ReportError(TOO_MANY.format(n=MOST_CASE_STUDIES))
        last = chosen.aggregate(last=Max("position"))["last"] or 0
        try:
            with transaction.atomic():
                case = CaseStudy.objects.create(report=report, outcome=outcome, position=last + 1)
        except IntegrityError:
            raise ReportError(NOT_CHOOSABLE) from None
        audit.record_change(
            actor=actor,
            instance=case,
            subject=report,
            action=AuditEvent.Action.REPORT_WRITTEN,
            changes={"Case study": [None, outcome.opportunity.title]},
            summary=f"Case study chosen for the Experts Report for {report.years}",
        )
    return case


def change_case_study(*, actor, case: CaseStudy, title: str, summary: str) -> CaseStudy:
    """Saves the case study's title and summary for the report (either may be left empty:
    the work's title and the outcome's own words are used instead)."""
    changes = {
        name: [old, new]
        for name, old, new in (("Title", case.title, title), ("Summary", case.summary, summary))
        if old != new
    }
    if not changes:
        raise ReportError(NOT_CHANGED)
    with transaction.atomic():
        case.title, case.summary = title, summary
        case.save(update_fields=["title", "summary"])
        audit.record_change(
            actor=actor,
            instance=case,
            subject=case.report,
            action=AuditEvent.Action.REPORT_WRITTEN,
            changes=changes,
            summary=f"Case study changed in the Experts Report for {case.report.years}",
        )
    return case


def move_case_study(*, actor, case: CaseStudy, earlier: bool) -> bool:
    """Moves the case study one place earlier or later; False when it is already first or
    last."""
    with transaction.atomic():
        order = list(
            CaseStudy.objects.select_for_update()
            .filter(report_id=case.report_id)
            .order_by("position", "pk")
        )
        index = next(i for i, one in enumerate(order) if one.pk == case.pk)
        other = index - 1 if earlier else index + 1
        if not 0 <= other < len(order):
            return False
        order[index], order[other] = order[other], order[index]
        for position, one in enumerate(order, start=1):
            one.position = position
        CaseStudy.objects.bulk_update(order, ["position"])
        audit.record_change(
            actor=actor,
            instance=case,
            subject=case.report,
            action=AuditEvent.Action.REPORT_WRITTEN,
            changes={"Place": [index + 1, other + 1]},
            summary=f"Case study moved in the Experts Report for {case.report.years}",
        )
    return True


def remove_case_study(*, actor, case: CaseStudy) -> None:
    """Takes the case study out of the report (the outcome itself stays as it was)."""
    with transaction.atomic():
        title = case.outcome.opportunity.title
        audit.record_change(
            actor=actor,
            instance=case,
            subject=case.report,
            action=AuditEvent.Action.REPORT_WRITTEN,
            changes={"Case study": [title, None]},
            summary=f"Case study removed from the Experts Report for {case.report.years}",
        )
        case.delete()


def publish_report(*, actor, report: Report) -> Report:
    """Publishes the report: staff and experts can read it, and experts are shown it on
    their home page."""
    with transaction.atomic():
        now = timezone.now()
        done = Report.objects.filter(pk=report.pk, state=Report.State.DRAFT).update(
            state=Report.State.PUBLISHED, published_at=now, published_by=actor, updated_at=now
        )
        if not done:
            raise ReportError(ALREADY_PUBLISHED)
        report.refresh_from_db()
        audit.record_change(
            actor=actor,
            instance=report,
            action=AuditEvent.Action.REPORT_PUBLISHED,
            changes={"State": ["Draft", "Published"]},
            summary=f"Experts Report for {report.years} published",
        )
    return report
