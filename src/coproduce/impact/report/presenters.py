"""The Experts Report shaped for its page and its PDF alike: the foreword in paragraphs, each
case study with the words the report uses, and what to say of a year with nothing in it."""

import re
from dataclasses import dataclass, field

from django.conf import settings

from coproduce.core.figures import Section
from coproduce.impact.report import queries
from coproduce.impact.report.models import CaseStudy, Report

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Paragraphs split at blank lines, each with its lines joined."""
    return [" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text or "") if part.strip()]


@dataclass(frozen=True)
class Story:
    """A case study as the report tells it."""

    pk: int
    title: str
    team: str
    summary: str
    changed: bool
    pairs: list[dict[str, str]]
    why_nothing: str
    own_words: bool  # the report's own title or summary, not the outcome's

    @classmethod
    def of(cls, case: CaseStudy) -> "Story":
        outcome = case.outcome
        work = outcome.opportunity
        return cls(
            pk=case.pk,
            title=case.title or work.title,
            team=work.team.name if work.team_id else "",
            summary=case.summary or outcome.summary,
            changed=outcome.changed,
            pairs=list(outcome.pairs),
            why_nothing=outcome.why_nothing,
            own_words=bool(case.title or case.summary),
        )


@dataclass(frozen=True)
class Contents:
    slug: str
    title: str


@dataclass
class YearReport:
    """Everything the page and the PDF show for one year."""

    year: int
    report: Report | None
    sections: list[Section]
    stories: list[Story]
    activity: queries.YearActivity
    organisation: str = field(default_factory=lambda: settings.ORGANISATION_NAME)

    @property
    def title(self) -> str:
        return f"Experts Report {self.year} to {self.year + 1}"

    @property
    def period(self) -> str:
        return f"1 April {self.year} to 31 March {self.year + 1}"

    @property
    def foreword(self) -> list[str]:
        return paragraphs(self.report.foreword) if self.report else []

    @property
    def highlights(self) -> list[str]:
        return list(self.report.highlights) if self.report else []

    @property
    def empty_year(self) -> bool:
        return not self.activity.any

    @property
    def nothing_to_report(self) -> str:
        return (
            f"No sessions were held and no outcomes were recorded from {self.period}, so "
            "there are no figures or case studies to report for this year yet."
        )

    @property
    def contents(self) -> list[Contents]:
        parts = []
        if self.foreword or self.highlights:
            parts.append(Contents("foreword", "Foreword and highlights"))
        parts.append(Contents("figures", "The year in figures"))
        parts += [Contents(f"figure-{s.slug}", s.title) for s in self.sections]
        parts.append(Contents("case-studies", "What changed: case studies"))
        return parts


def year_report(year: int, report: Report | None) -> YearReport:
    """The year's report with its figures and case studies (the dashboard's queries, plus three
    of its own)."""
    return YearReport(
        year=year,
        report=report,
        sections=queries.figures_for(year),
        stories=[Story.of(case) for case in queries.case_studies_of(report)] if report else [],
        activity=queries.activity_in(year),
    )
