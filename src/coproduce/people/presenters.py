"""Shapes an expert's record into the rows a profile page shows."""

from coproduce.core.formats import long_date, money
from coproduce.people.choices import BenefitsDeclaration, Channel, TimeOfDay, Weekday
from coproduce.people.models import Expert
from coproduce.people.validation import display_phone


def _names(items) -> str:
    return ", ".join(i.name for i in items) or "None recorded"


CONTACT_WAYS = {
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


class ExpertPresenter:
    def __init__(self, expert: Expert):
        self.expert = expert

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
        parts.append(f"needs {e.notice_days} days' notice")
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

    @property
    def consent(self) -> str:
        e = self.expert
        if not e.consent_given_at:
            return "Not recorded"
        version = (
            f", privacy notice version {e.consent_privacy_notice_version}"
            if e.consent_privacy_notice_version
            else ""
        )
        return f"Agreed on {long_date(e.consent_given_at)}{version}"
