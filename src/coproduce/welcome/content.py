"""The welcome pack's content, shaped for its one template (welcome/_pack.jinja), which makes
the page and the PDF alike. What is the same for every expert (the wording, the picture, the
year's meetings, the rates, the places, the sheets) is read once, as `Shared`, so that a
print of many packs reads it once; `Pack` adds the expert's name and format.

Reads: wording, settings, meetings, places, groups, the payment policy (three) and the
sheets: nine queries, whatever the number of rows."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from markupsafe import Markup

from coproduce.core.formats import long_date, time_of_day
from coproduce.core.terms import current_terms
from coproduce.onboarding import queries as onboarding_queries
from coproduce.onboarding.markdown import render as markdown_to_html
from coproduce.opportunities.choices import Format
from coproduce.opportunities.queries import welcome as meeting_queries
from coproduce.payments.queries.policy import policy_in_force
from coproduce.welcome import diagram, queries
from coproduce.welcome.sections import SECTIONS, filled


def expert_term() -> str:
    """The organisation's word for experts (its own term when one is set: core.terms)."""
    from coproduce.core.terms import current_terms

    return current_terms().expert


def organisation_name() -> str:
    return str(settings.ORGANISATION_NAME)


@dataclass(frozen=True)
class ShownSection:
    key: str
    title: str
    easy_title: str
    html: Markup
    easy_html: Markup
    adds: str
    changed: bool


@dataclass(frozen=True)
class Meeting:
    day: str
    time: str
    title: str
    where: str


@dataclass(frozen=True)
class Month:
    name: str
    meetings: list[Meeting]


@dataclass(frozen=True)
class Place:
    name: str
    address: str
    parking: str


@dataclass(frozen=True)
class Sheet:
    title: str
    summary: str
    html: Markup


@dataclass
class Shared:
    today: date
    term: str
    organisation: str
    slogan: str
    sections: list[ShownSection]
    signatures: list[tuple[str, str]]
    tree: diagram.Node
    picture: Markup
    picture_url: str
    months: list[Month]
    meetings_cut: bool
    policy: object
    places: list[Place]
    sheets: list[Sheet]


@dataclass
class Pack:
    shared: Shared
    name: str
    greeting: str
    format: str
    expert_id: int | None = None

    @property
    def format_label(self) -> str:
        return queries.FORMATS[self.format]

    @property
    def easy_read(self) -> bool:
        return self.format == queries.EASY_READ

    @property
    def large_print(self) -> bool:
        return self.format == queries.LARGE_PRINT

    @property
    def title(self) -> str:
        return f"Welcome pack for {self.name}"


def _html(markdown: str) -> Markup:
    # Sanitised by the support sheets' Markdown renderer: only the tags Markdown makes.
    return Markup(markdown_to_html(markdown))  # noqa: S704  # nosec B704


def _one_level_down(html: Markup) -> Markup:
    """A sheet's headings start at h2 on its own page; in the pack its title is the h2."""
    for level in (4, 3, 2):
        html = Markup(  # noqa: S704 - tags of sanitised HTML renamed  # nosec B704
            str(html)
            .replace(f"<h{level}>", f"<h{level + 1}>")
            .replace(f"</h{level}>", f"</h{level + 1}>")
        )
    return html


def signatures_from(text: str) -> list[tuple[str, str]]:
    """ "Name, Role" on each line as (name, role); a line with no comma is a name alone."""
    found = []
    for line in (text or "").splitlines():
        name, _, role = line.strip().partition(",")
        if name.strip():
            found.append((name.strip(), role.strip()))
    return found


def shown_sections(*, term: str, organisation: str) -> list[ShownSection]:
    """Every section with the lead's wording where they changed it, else the default."""
    changed = queries.wordings()
    shown = []
    for section in SECTIONS:
        own = changed.get(section.key)

        def fill(text: str) -> str:
            return filled(text, term=term, organisation=organisation)

        shown.append(
            ShownSection(
                key=section.key,
                title=fill(section.title),
                easy_title=fill(section.easy_title),
                html=_html(own.body if own else fill(section.body)),
                easy_html=_html(own.easy_read if own else fill(section.easy_read)),
                adds=section.adds,
                changed=own is not None,
            )
        )
    return shown


def _where(session) -> str:
    venue = session.venue or session.opportunity.venue
    if session.opportunity.format == Format.ONLINE or venue is None:
        return "Online"
    if session.opportunity.format == Format.HYBRID:
        return f"{venue.name} or online"
    return venue.name


def months_of(sessions) -> list[Month]:
    months: list[Month] = []
    for session in sessions:
        starts = timezone.localtime(session.starts_at)
        name = f"{starts:%B %Y}"
        if not months or months[-1].name != name:
            months.append(Month(name, []))
        title = session.opportunity.title
        if session.opportunity.group is not None:
            title = f"{title} ({session.opportunity.group.name})"
        months[-1].meetings.append(
            Meeting(
                day=long_date(starts),
                time=f"{time_of_day(session.starts_at)} to {time_of_day(session.ends_at)}",
                title=title,
                where=_where(session),
            )
        )
    return months


MOST_MEETINGS = 120


def shared_content(today: date | None = None) -> Shared:
    """What every pack made today says."""
    today = today or timezone.localdate()
    term, organisation = expert_term(), organisation_name()
    pack_settings = queries.pack_settings()
    tree = diagram.tree_of(
        meeting_queries.groups_with_teams(), term=term, organisation=organisation
    )
    picture = diagram.svg(tree, title=f"How you fit into {organisation}")
    sessions = meeting_queries.year_of_meetings(today, limit=MOST_MEETINGS + 1)
    chosen = [int(pk) for pk in pack_settings.sheet_ids or []]
    sheets = [
        Sheet(sheet.title, sheet.summary, _one_level_down(_html(sheet.body)))
        for sheet in onboarding_queries.sheets_for("experts")
        if sheet.pk in chosen
    ]
    return Shared(
        today=today,
        term=term,
        organisation=organisation,
        slogan=current_terms().slogan,
        sections=shown_sections(term=term, organisation=organisation),
        signatures=signatures_from(pack_settings.signed_by)
        or [("The involvement team", organisation)],
        tree=tree,
        picture=picture,
        picture_url=diagram.data_url(picture),
        months=months_of(sessions[:MOST_MEETINGS]),
        meetings_cut=len(sessions) > MOST_MEETINGS,
        policy=policy_in_force(today),
        places=[
            Place(v.name, ", ".join(p for p in (v.address.strip(), v.postcode) if p), v.parking)
            for v in meeting_queries.meeting_places()
        ],
        sheets=sheets,
    )


def pack_for(expert, fmt: str, shared: Shared) -> Pack:
    if fmt not in queries.FORMATS:
        fmt = queries.STANDARD
    return Pack(
        shared=shared,
        name=expert.full_name,
        greeting=expert.preferred_name or expert.full_name,
        format=fmt,
        expert_id=expert.pk if expert is not None else None,
    )
