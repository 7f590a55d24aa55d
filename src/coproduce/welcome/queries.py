"""Reads for the welcome pack, each with a fixed number of queries."""

from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from coproduce.core.days import local_midnight
from coproduce.people.choices import Status
from coproduce.people.models import Expert, StatusChange
from coproduce.welcome.models import PackSettings, SectionWording, WelcomePrint

# The pack's formats: the same as onboarding's record of a pack sent.
STANDARD, LARGE_PRINT, EASY_READ = "standard", "large_print", "easy_read"
FORMATS = {STANDARD: "Standard", LARGE_PRINT: "Large print", EASY_READ: "Easy Read"}


def wordings() -> dict[str, SectionWording]:
    """The lead's changed wording, by section (one query)."""
    return {w.key: w for w in SectionWording.objects.select_related("changed_by")}


def pack_settings() -> PackSettings:
    """Who signs the letter and which sheets go in (one query; defaults if never set)."""
    return PackSettings.objects.order_by("pk").first() or PackSettings()


def format_for(expert: Expert, need_names: list[str] | None = None) -> str:
    """The format the expert's communication needs ask for: Easy Read first, as it is the
    one that changes the words; then large print; else standard. Give `need_names` when the
    needs are already read (one query otherwise)."""
    if need_names is None:
        # From the prefetched needs where the page read them already.
        need_names = [need.name for need in expert.access_needs.all()]
    names = {" ".join(name.lower().replace("-", " ").split()) for name in need_names}
    if "easy read" in names:
        return EASY_READ
    if "large print" in names:
        return LARGE_PRINT
    return STANDARD


def experts_for_packs(ids: list[int]) -> list[Expert]:
    """These experts with their communication needs, by name (two queries). People whose
    processing is restricted or who were erased are left out: a pack is processing."""
    return list(
        Expert.objects.processable()
        .filter(pk__in=ids)
        .prefetch_related("access_needs")
        .order_by("full_name", "id")
    )


def experts_to_choose() -> QuerySet[Expert]:
    """Experts onboarding or active, by name, to choose from for a print of many packs."""
    return (
        Expert.objects.processable()
        .filter(status__in=[Status.ONBOARDING, Status.ACTIVE])
        .only("pk", "full_name", "status")
        .order_by("full_name", "id")
    )


def made_active_since(day: date) -> list[int]:
    """Experts made active on or after `day` who are still active (one query)."""
    changed = StatusChange.objects.filter(
        to_status=Status.ACTIVE,
        at__gte=local_midnight(day),
    ).values("expert_id")
    return list(
        Expert.objects.processable()
        .filter(status=Status.ACTIVE, pk__in=changed)
        .order_by("full_name", "id")
        .values_list("pk", flat=True)
    )


def recent_prints(limit: int = 10) -> list[WelcomePrint]:
    return list(WelcomePrint.objects.select_related("created_by")[:limit])


def get_print(pk: int) -> WelcomePrint:
    run = WelcomePrint.objects.select_related("created_by").filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def last_sent(expert: Expert):
    """When a welcome pack last went to the expert, if ever (one query)."""
    return expert.welcome_packs.order_by("-sent_on", "-id").first()
