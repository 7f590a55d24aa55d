"""Shapes an expert's record into the rows a profile page shows, and the register's table rows."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from markupsafe import Markup

from coproduce.core.formats import count_of, long_date, money
from coproduce.people import queries, readiness
from coproduce.people.choices import (
    BenefitsDeclaration,
    Channel,
    CommunicationNeed,
    Status,
    TimeOfDay,
    Weekday,
)
from coproduce.people.models import Expert
from coproduce.people.validation import display_phone


def _names(items) -> str:
    return ", ".join(i.name for i in items) or "None recorded"


CONTACT_WAYS: dict[str, str] = {
    Channel.EMAIL: "by email",
    Channel.PHONE: "by phone",
    Channel.TEXT: "by text message",
    Channel.POST: "by letter",
}


def how_we_will_contact(channel: str) -> str:
    """The words that end "Someone will contact you …", such as "by letter"."""
    return CONTACT_WAYS.get(channel, "in the way you asked")


class GetInvolvedThanks:
    """What the thank-you page says about how the person will hear from us. It knows only the
    way they chose and whether a confirming email went: nothing else they typed."""

    def __init__(self, channel: str, emailed: bool):
        self.how = how_we_will_contact(channel)
        self.emailed = emailed
        # Opened without the form (a bookmark), the page cannot say whether an email went.
        self.no_email = channel in CONTACT_WAYS and not emailed


@dataclass(frozen=True)
class SignIn:
    """Whether an expert can sign in and, when not, why and what to do about it."""

    answer: str
    why: str = ""
    other: Expert | None = None  # the expert who signs in with the same email


class ExpertPresenter:
    def __init__(self, expert: Expert):
        self.expert = expert

    @property
    def sign_in(self) -> SignIn:
        e = self.expert
        if e.user and e.user.is_active:
            return SignIn(f"Yes, with a code sent to {e.user.email}")
        if e.user and e.status == Status.LEFT:
            return SignIn(
                "No",
                "Their sign-in was switched off when their status changed to left. "
                "Change their status to let them sign in again.",
            )
        if e.user:
            return SignIn(
                "No", "Their sign-in has been switched off. Ask an administrator to turn it on."
            )
        if not e.email:
            return SignIn(
                "No",
                "There is no email address on their record. Add one and they can sign in "
                "with a code sent to it.",
            )
        holder = queries.account_with_email(e.email)
        if holder is None:
            return SignIn("No", "Save their details again to set up their sign-in.")
        other = getattr(holder, "expert", None)
        whose = "a member of staff" if other is None else other.full_name
        return SignIn(
            "No",
            f"{e.email} is already how {whose} signs in, and only one person can sign in "
            "with an email address. To let them sign in, change their email address to one "
            "of their own.",
            other,
        )

    @property
    def phone(self) -> str:
        return display_phone(self.expert.phone)

    @property
    def lived_experience(self) -> str:
        return _names(self.expert.lived_experience.all())

    @property
    def skills(self) -> str:
        return _names(self.expert.skills.all())

    @property
    def access_needs(self) -> str:
        return _names(self.expert.access_needs.all())

    @property
    def communication_needs(self) -> str:
        """How they need what we send them, in words (issue 14)."""
        chosen = self.expert.communication_needs or []
        labels = [str(need.label) for need in CommunicationNeed if need.value in chosen]
        return ", ".join(labels) or "None recorded"

    @property
    def carer(self) -> str:
        e = self.expert
        return ", ".join(part for part in (e.carer_name, e.carer_email) if part)

    @property
    def availability(self) -> str:
        e = self.expert
        days = [Weekday(d).label for d in Weekday.values if d in (e.available_days or [])]
        times = [
            TimeOfDay(t).label.lower() for t in TimeOfDay.values if t in (e.available_times or [])
        ]
        parts = []
        parts.append(", ".join(days) if days else "Days not recorded")
        if times:
            parts.append(", ".join(times))
        notice = count_of(e.notice_days, "day's", "days'")
        parts.append(f"needs {notice} notice")
        return "; ".join(parts)

    @property
    def benefits(self) -> str:
        e = self.expert
        if e.benefits_declaration == BenefitsDeclaration.WEEKLY_LIMIT:
            return f"Earnings limit of {money(e.earnings_limit)} a week (Monday to Sunday)"
        if e.benefits_declaration == BenefitsDeclaration.MONTHLY_LIMIT:
            return (
                f"Earnings limit of {money(e.earnings_limit)} each monthly assessment period, "
                f"starting on day {e.assessment_period_start_day}"
            )
        return e.get_benefits_declaration_display()

    @cached_property
    def consent(self) -> str:
        """When they agreed, to which version of the privacy notice, and whether that is the
        one in force now (asked of onboarding through people.readiness: one query)."""
        e = self.expert
        if not e.consent_given_at:
            return "Not recorded"
        agreed = f"Agreed on {long_date(e.consent_given_at)}"
        acknowledged = e.consent_privacy_notice_version
        if not acknowledged:
            return f"{agreed}. Which version of the privacy notice is not recorded."
        current = readiness.current_privacy_notice_version()
        if acknowledged == current:
            return f"{agreed}, privacy notice version {acknowledged} (the current version)"
        return (
            f"{agreed}, privacy notice version {acknowledged}. The current version is "
            f"{current}: they have not acknowledged it yet."
        )


def register_rows(experts: Iterable[Expert], areas: dict[int, list[str]]) -> list[list]:
    """The register table's cells for a page of experts: the name (a link to the record, with
    the name they prefer to be called), status, locality and lived experience (`areas`, each
    expert's names from queries.lived_experience_names). Escaped as the template would, by
    markupsafe; plain text cells are escaped by the table."""
    # Every record's address is the same but for its number: made once, not once a row.
    marker = 2_147_483_647
    before, after = reverse("people:expert_detail", args=[marker]).split(str(marker))
    statuses = {value: str(label) for value, label in Status.choices}
    rows: list[list] = []
    for expert in experts:
        link = f"{before}{expert.pk}{after}"
        name = Markup('<a href="{}">{}</a>').format(link, expert.full_name)
        if expert.preferred_name:
            name += Markup(" ({})").format(expert.preferred_name)
        rows.append(
            [
                name,
                statuses.get(expert.status, expert.status),
                expert.locality.name if expert.locality else "Not recorded",
                ", ".join(areas.get(expert.pk, ())),
            ]
        )
    return rows
