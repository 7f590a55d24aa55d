"""Opportunities' part of a person's data: invitations, answers, attendance and hours, and the
groups they belong to. The private calendar address is a secret, so only its existence is
given."""

from coproduce.core.subject_access import Section
from coproduce.opportunities.models import CalendarFeed, Invitation, Membership


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
                    "venue": i.session.venue.name if i.session.venue_id else "",
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
