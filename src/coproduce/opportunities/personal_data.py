"""Opportunities' part of a person's data: invitations, answers, attendance and hours, and the
groups they belong to. The private calendar address is a secret, so only its existence is
given."""

from coproduce.core.erasure import pseudonym
from coproduce.core.subject_access import Section
from coproduce.opportunities.models import CalendarFeed, Invitation, InviteRun, Membership


def collect(expert) -> Section:
    invitations = Invitation.objects.filter(expert=expert).select_related(
        "session__opportunity", "session__venue"
    )
    return Section(
        "involvement",
        {
            "invitations": [
                {
                    "opportunity": i.session.opportunity.title,
                    "session_starts": i.session.starts_at,
                    "session_ends": i.session.ends_at,
                    "venue": i.session.venue.name if i.session.venue else "",
                    "status": i.get_status_display(),
                    "answered_at": i.responded_at,
                    "attendance": i.get_attendance_display(),
                    "hours": i.hours,
                }
                for i in invitations.order_by("session__starts_at", "pk")
            ],
            "groups": [
                {
                    "group": m.group.name,
                    "role": m.role,
                    "joined_on": m.joined_on,
                    "left_on": m.left_on,
                }
                for m in Membership.objects.filter(expert=expert).select_related("group")
            ],
            "has_private_calendar_feed": CalendarFeed.objects.filter(expert=expert).exists(),
        },
    )


def _names(expert) -> set[str]:
    return {n.strip().lower() for n in (expert.full_name, expert.preferred_name) if n.strip()}


def erase(expert) -> list[str]:
    """Their invitations stay, with the session, the answer, the attendance and the hours, so
    that attendance figures and the claims made from them stay right; the link in their last
    email stops working. Their group memberships and private calendar address are deleted,
    and their name is taken out of the list of people an invitation could not be sent to."""
    Invitation.objects.filter(expert=expert).update(answer_token_hash="")
    memberships, _ = Membership.objects.filter(expert=expert).delete()
    CalendarFeed.objects.filter(expert=expert).delete()
    names = _names(expert)
    label = pseudonym(expert)
    opportunity_ids = Invitation.objects.filter(expert=expert).values("session__opportunity_id")
    for run in InviteRun.objects.filter(opportunity_id__in=opportunity_ids).exclude(problems=[]):
        problems = [
            {**p, "expert": label} if str(p.get("expert", "")).strip().lower() in names else p
            for p in run.problems
        ]
        if problems != run.problems:
            InviteRun.objects.filter(pk=run.pk).update(problems=problems)
    removed = ["their private calendar address, and the link in their invitation emails"]
    if memberships:
        removed.append("their group memberships")
    return removed
