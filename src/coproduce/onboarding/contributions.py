"""What onboarding adds to people's pages (see people/contributions.py): the expert's photo
ID badge on their profile, with what the team can do about it."""

from django.utils import timezone

from coproduce.core.formats import long_date
from coproduce.onboarding import queries
from coproduce.onboarding.models import BadgeStatus
from coproduce.people.contributions import ProfileSection


def badge_state(badge, today) -> str:
    status = badge.status_on(today)
    if status == BadgeStatus.REVOKED:
        return f"Revoked on {long_date(badge.revoked_at)}"
    if status == BadgeStatus.EXPIRED:
        return f"Expired on {long_date(badge.expires_on)}"
    return f"Valid until {long_date(badge.expires_on)}"


def badge_section(user, expert) -> ProfileSection:
    badge = queries.latest_badge(expert)
    today = timezone.localdate()
    return ProfileSection(
        template="onboarding/_expert_badge.jinja",
        data={
            "badge": badge,
            "state": badge_state(badge, today) if badge else "",
            "valid": badge is not None and badge.status_on(today) == BadgeStatus.VALID,
            "has_photo": bool(expert.photo),
            "can_manage": user.has_perm("onboarding.manage_badges"),
        },
    )


def checklist_section(user, expert) -> ProfileSection | None:
    """The onboarding checklist, for the team, while the expert is enquiring or onboarding,
    with the button that makes them active when every required item is done."""
    from coproduce.onboarding.checklist.queries import ONBOARDING, checklist_for

    if not user.has_perm("onboarding.view_checklist") or expert.status not in ONBOARDING:
        return None
    return ProfileSection(
        template="onboarding/checklist/_profile.jinja",
        data={
            "checklist": checklist_for(expert),
            "can_make_active": user.has_perm("people.change_expert"),
        },
    )


def agreements_section(user, expert) -> ProfileSection | None:
    """The agreements in use and what the expert signed of each: which version, and whether
    it is the current one."""
    if not user.has_perm("onboarding.view_agreements"):
        return None
    return ProfileSection(
        template="onboarding/agreements/_profile.jinja",
        data={
            "rows": queries.agreements_for_expert(expert),
            "can_record": user.has_perm("onboarding.record_signatures"),
        },
    )
