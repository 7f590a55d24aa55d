"""Permission matrix entries for the welcome pack. The involvement team makes packs from an
expert's profile and for many experts at once; only the involvement lead changes the pack's
wording. Anyone else asking for an expert's pack finds nothing (404); an expert reads their
own pack in their portal."""

from tests.permissions.outcomes import MISSING, OK, TEAM, only, rule

team_record = rule(default=MISSING, coordinator=OK, lead=OK)

WELCOME: dict[str, tuple[str, str, dict[str, str]]] = {
    "welcome:overview": ("get", "", only(TEAM)),
    "welcome:section_edit": ("get", "welcome_section", only(("lead",))),
    # Nothing changed yet: the lead is sent back to the overview, saying so.
    "welcome:section_reset": ("get", "welcome_section", only(("lead",), ok="redirect")),
    "welcome:settings": ("get", "", only(("lead",))),
    "welcome:print": ("get", "", only(TEAM)),
    "welcome:print_progress": ("get", "welcome_print", only(TEAM)),
    "welcome:print_download": ("get", "welcome_print", only(TEAM)),
    "welcome:expert_pack": ("get", "expert", team_record),
    "welcome:expert_pack_pdf": ("get", "expert", team_record),
    "welcome:mark_sent": ("get", "expert", team_record),
    "welcome:my_pack": ("get", "", only(("expert",))),
    "welcome:my_pack_pdf": ("get", "", only(("expert",))),
}


def kwargs(key: str) -> dict | None:
    if key == "welcome_section":
        return {"key": "role"}
    if key == "welcome_print":
        # Another coordinator's print, made and ready to download.
        from django.core.files.base import ContentFile

        from coproduce.welcome.models import WelcomePrint
        from tests.factories import ExpertFactory, UserFactory

        run = WelcomePrint.objects.create(
            created_by=UserFactory(role="coordinator"),
            expert_ids=[ExpertFactory().pk],
            total=1,
            prepared=1,
            state=WelcomePrint.State.DONE,
        )
        run.file.save("welcome-packs.pdf", ContentFile(b"%PDF-1.7\n"))
        return {"pk": run.pk}
    return None
