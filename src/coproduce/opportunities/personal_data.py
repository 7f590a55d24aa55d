"""Opportunities' part of a person's data: invitations, answers, attendance and hours, and the
groups they belong to. The private calendar address is a secret, so only its existence is
given."""

from coproduce.core.erasure import pseudonym
from coproduce.core.subject_access import Section
from coproduce.opportunities.models import (
    CalendarFeed,
    CheckIn,
    Invitation,
    InviteRun,
    Membership,
    PaperOpening,
)


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
            # After confidential work: that a debrief or check-in was offered and what became
            # of it (never what was said, which is not kept).
            "check_ins": [
                {
                    "kind": c.get_kind_display(),
                    "session_date": c.invitation.session.starts_at,
                    "due_on": c.due_on,
                    "outcome": c.get_outcome_display(),
                    "recorded_at": c.recorded_at,
                }
                for c in CheckIn.objects.filter(invitation__expert=expert)
                .select_related("invitation__session")
                .order_by("due_on", "pk")
            ],
            "papers_opened": [
                {"paper": o.paper.title, "opened_at": o.opened_at}
                for o in PaperOpening.objects.filter(opened_by_id=expert.user_id)
                .select_related("paper")
                .order_by("opened_at", "pk")
            ]
            if expert.user_id
            else [],
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
