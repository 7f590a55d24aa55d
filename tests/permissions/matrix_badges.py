"""Permission matrix entries for photo ID badges. The involvement team (coordinators and the
lead) issues, revokes and prints them; anyone else asking about an expert's badge finds
nothing (404), and the print pages are refused (403). The check page a badge's QR code opens
is public: its secret address is the only way in."""

from tests.permissions.outcomes import MISSING, OK, PUBLIC, TEAM, only, rule

team_record = rule(default=MISSING, coordinator=OK, lead=OK)

BADGES: dict[str, tuple[str, str, dict[str, str]]] = {
    "onboarding:badge_issue": ("get", "expert", team_record),
    "onboarding:badge_revoke": ("get", "badge", team_record),
    "onboarding:badge_print_one": ("get", "badge", team_record),
    "onboarding:badge_print": ("get", "", only(TEAM)),
    "onboarding:badge_print_progress": ("get", "badge_print", only(TEAM)),
    "onboarding:badge_print_download": ("get", "badge_print", only(TEAM)),
    "onboarding:badge_check": ("get", "badge_token", PUBLIC),
    "onboarding:badge_check_photo": ("get", "badge_token", PUBLIC),
}


def _badge():
    from django.utils import timezone

    from tests.onboarding.helpers import issued_badge

    return issued_badge(today=timezone.localdate())


def kwargs(key: str) -> dict | None:
    if key == "badge":
        return {"pk": _badge().pk}
    if key == "badge_token":
        return {"token": _badge().token}
    if key == "badge_print":
        # Another coordinator's print, made and ready to download.
        from django.core.files.base import ContentFile

        from coproduce.onboarding.models import BadgePrint
        from tests.factories import UserFactory

        run = BadgePrint.objects.create(
            created_by=UserFactory(role="coordinator"),
            badge_ids=[_badge().pk],
            total=1,
            prepared=1,
            state=BadgePrint.State.DONE,
        )
        run.file.save("badges.pdf", ContentFile(b"%PDF-1.7\n"))
        return {"pk": run.pk}
    return None
