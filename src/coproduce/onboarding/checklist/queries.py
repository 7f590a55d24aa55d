"""Reads for the onboarding checklist, each with a fixed number of queries however many
experts are shown."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone

from coproduce.onboarding.agreements.queries import current_by_kind, signers
from coproduce.onboarding.models import (
    Badge,
    ChecklistItem,
    ChecklistSettings,
    WelcomePackSent,
    default_required,
)
from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.training.queries import valid_course_kinds

AGREEMENT_ITEMS = (
    ChecklistItem.PRIVACY_NOTICE,
    ChecklistItem.CONFIDENTIALITY,
    ChecklistItem.CODE_OF_CONDUCT,
)
TRAINING_ITEMS = (ChecklistItem.INDUCTION, ChecklistItem.SAFEGUARDING)
ONBOARDING = (Status.ENQUIRY, Status.ONBOARDING)
PER_PAGE = 25


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    done: bool
    required: bool
    # Why it cannot be done yet, when that is not the expert's part: nothing published.
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    expert: Expert
    items: list[Item]

    @property
    def waiting_for(self) -> list[Item]:
        """The required items not done yet."""
        return [item for item in self.items if item.required and not item.done]

    @property
    def ready(self) -> bool:
        return not self.waiting_for

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)


def checklist_settings() -> ChecklistSettings:
    """The lead's choice of required items, or the defaults when they have not chosen (one
    query)."""
    return ChecklistSettings.objects.order_by("pk").first() or ChecklistSettings(
        required=default_required()
    )


def required_items() -> list[str]:
    return [code for code in checklist_settings().required if code in ChecklistItem.values]


def checklists(experts: list[Expert], today: date, required: list[str]) -> list[Checklist]:
    """Each expert's checklist (five queries, whatever the number of experts): the current
    versions of the agreements, who signed them, training, welcome packs and badges."""
    ids = [e.pk for e in experts]
    versions = current_by_kind(AGREEMENT_ITEMS)
    signed = signers(versions.values(), expert_ids=ids) if ids else {}
    trained = valid_course_kinds(TRAINING_ITEMS, today, expert_ids=ids) if ids else {}
    packs = (
        set(
            WelcomePackSent.objects.filter(expert_id__in=ids)
            .order_by()
            .values_list("expert_id", flat=True)
        )
        if ids
        else set()
    )
    badges = (
        set(
            Badge.objects.filter(
                expert_id__in=ids,
                revoked_at__isnull=True,
                issued_on__lte=today,
                expires_on__gt=today,
            )
            .order_by()
            .values_list("expert_id", flat=True)
        )
        if ids
        else set()
    )
    result = []
    for expert in experts:
        items = []
        for code in ChecklistItem:
            note = ""
            if code in AGREEMENT_ITEMS:
                version = versions.get(str(code))
                done = version is not None and version.pk in signed.get(expert.pk, ())
                if version is None:
                    note = "Nothing published to sign yet"
                elif not done:
                    note = f"Version {version.number} to sign"
            elif code in TRAINING_ITEMS:
                done = str(code) in trained.get(expert.pk, ())
            elif code == ChecklistItem.PHOTO:
                done = bool(expert.photo)
            elif code == ChecklistItem.WELCOME_PACK:
                done = expert.pk in packs
            else:
                done = expert.pk in badges
            items.append(Item(str(code), code.label, done, str(code) in required, note))
        result.append(Checklist(expert, items))
    return result


def checklist_for(expert: Expert) -> Checklist:
    """One expert's checklist (six queries)."""
    return checklists([expert], timezone.localdate(), required_items())[0]


def missing_for_active(expert: Expert) -> list[str]:
    """The required items the expert has not done, in words, for the people app's "make
    active" (see coproduce.people.readiness)."""
    return [item.label for item in checklist_for(expert).waiting_for]


def current_privacy_notice_number() -> str | None:
    """The number of the privacy notice version published now, as the register keeps it on
    each expert ("3"), or None when there is none (one query; see
    coproduce.people.readiness)."""
    kind = str(ChecklistItem.PRIVACY_NOTICE)
    version = current_by_kind([kind]).get(kind)
    return str(version.number) if version else None


def still_onboarding(search: str = "") -> QuerySet[Expert]:
    """Enquiries and experts onboarding, oldest first (they have waited longest)."""
    experts = Expert.objects.filter(status__in=ONBOARDING, erased_at__isnull=True)
    if search:
        experts = experts.filter(full_name__icontains=search)
    return experts.only("id", "full_name", "status", "photo", "created_at").order_by(
        "created_at", "id"
    )


def onboarding_page(search: str, page_number: str | int | None) -> tuple[Page, list[Checklist]]:
    """One page of everyone still onboarding with their checklists (eight queries: the count,
    the page, the lead's settings and the five of `checklists`)."""
    paginator = Paginator(still_onboarding(search), PER_PAGE)
    page = paginator.get_page(page_number)
    required = required_items()
    return page, checklists(list(page.object_list), timezone.localdate(), required)
