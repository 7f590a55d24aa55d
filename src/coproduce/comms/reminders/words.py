"""What each reminder says: plain, specific words (what, when, where, and a link to answer or
see it). The expert invited to confidential work may read its title in the email itself; the
subject line, a text (seen on a locked phone) and a carer's copy say "a confidential meeting"
instead."""

from django.conf import settings
from django.urls import reverse

from coproduce.comms.reminders.sending import Message
from coproduce.core.formats import count_of, long_date, time_of_day
from coproduce.opportunities.ics import where
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE

CONFIDENTIAL_MEETING = "a confidential meeting"


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _when(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {count_of(days, 'day')}"


def _meeting(invitation) -> dict:
    session = invitation.session
    work = session.opportunity
    return {
        "name": invitation.expert.display_name,
        "title": work.title,
        "confidential": work.confidential,
        "day": long_date(session.starts_at),
        "times": f"{time_of_day(session.starts_at)} to {time_of_day(session.ends_at)}",
        "where": where(session) or "We will tell you where",
    }


def _named(meeting: dict) -> str:
    return CONFIDENTIAL_MEETING if meeting["confidential"] else meeting["title"]


def session_coming(invitation, days: int) -> Message:
    meeting = _meeting(invitation)
    when = _when(days)
    link = _link("opportunities:my_involvement")
    named = _named(meeting)
    return Message(
        subject=f"Reminder: {named}, {meeting['day']}",
        template="session",
        context={**meeting, "when": when, "link": link},
        text=(
            f"{settings.ORGANISATION_NAME}: reminder, {named} is {when}, {meeting['day']} at "
            f"{time_of_day(invitation.session.starts_at)}. Details: {link}"
        ),
        carer_context={"title": CONFIDENTIAL_TITLE} if meeting["confidential"] else None,
    )


def invitation_unanswered(invitation) -> Message:
    meeting = _meeting(invitation)
    link = _link("opportunities:answer_invitation", invitation.pk)
    named = _named(meeting)
    return Message(
        subject=f"Please answer: {named}, {meeting['day']}",
        template="invitation",
        context={**meeting, "link": link},
        text=(
            f"{settings.ORGANISATION_NAME}: you have not answered your invitation to {named} on "
            f"{meeting['day']}. Say yes or no here: {link}"
        ),
        carer_context={"title": CONFIDENTIAL_TITLE} if meeting["confidential"] else None,
    )


def agreement_to_sign(expert, *, title: str, version: int, version_id: int) -> Message:
    link = _link("onboarding:my_agreements")
    return Message(
        subject=f"Please read and sign: {title}",
        template="agreement",
        context={
            "name": expert.display_name,
            "title": title,
            "version": version,
            "link": link,
            "easy_link": _link("onboarding:agreement_easy_read", version_id),
        },
        text=(
            f"{settings.ORGANISATION_NAME}: please read and sign the {title}. You can do it "
            f"here: {link}"
        ),
    )
