"""Everything that changes the register. Each function is one transaction and writes its
audit record; the caller has already checked permission."""

from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.accounts import services as account_services
from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.people import readiness
from coproduce.people.choices import Status
from coproduce.people.models import Expert, StatusChange
from coproduce.people.tasks import confirm_enquiry, tell_team_about_enquiry

PROFILE_FIELDS = (
    "full_name",
    "preferred_name",
    "pronouns",
    "biography",
    "email",
    "phone",
    "address",
    "postcode",
    "preferred_channel",
    "communication_needs",
    "carer_name",
    "carer_email",
    "locality",
    "perspective",
    "lived_experience",
    "skills",
    "access_needs",
    "access_notes",
    "available_days",
    "available_times",
    "notice_days",
    "payment_preference",
    "benefits_declaration",
    "earnings_limit",
    "assessment_period_start_day",
    "payee_reference",
    "consent_given_at",
    "consent_privacy_notice_version",
    "internal_notes",
)
M2M_FIELDS = ("lived_experience", "skills", "access_needs")
# What an expert may change about themselves in the portal.
SELF_SERVICE_FIELDS = (
    "preferred_name",
    "pronouns",
    "biography",
    "phone",
    "address",
    "postcode",
    "preferred_channel",
    "communication_needs",
    "carer_name",
    "carer_email",
    "access_needs",
    "access_notes",
    "available_days",
    "available_times",
    "notice_days",
)


def _apply(expert: Expert, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name in M2M_FIELDS:
            getattr(expert, name).set(value)
        else:
            setattr(expert, name, value)


def _link_account(expert: Expert) -> None:
    """Keeps the expert's sign-in in step: same email, active unless they have left."""
    if not expert.email:
        return
    email = expert.email.lower()
    if expert.user_id is None:
        existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            expert.user = account_services.add_expert_account(
                email=email, full_name=expert.full_name
            )
        elif existing.role == Role.EXPERT and not hasattr(existing, "expert"):
            expert.user = existing
        else:
            return
        expert.save(update_fields=["user"])
    user = expert.user
    if user is None:  # (given an account just above)
        return
    wanted_active = expert.status != Status.LEFT
    if (
        user.email != email
        and not User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
    ):
        user.email = email
    user.full_name = expert.full_name
    user.is_active = wanted_active
    user.save(update_fields=["email", "full_name", "is_active"])


@transaction.atomic
def add_expert(*, actor: User | None, values: dict[str, Any], source: str = "register") -> Expert:
    """Puts a new expert on the register, with a sign-in if they have an email address. One
    added as active must have done the onboarding checklist already (NotReady otherwise)."""
    plain = {k: v for k, v in values.items() if k not in M2M_FIELDS and k != "photo"}
    status = plain.pop("status", Status.ENQUIRY)
    expert = Expert.objects.create(status=status, source=source, **plain)
    _apply(expert, {k: v for k, v in values.items() if k in M2M_FIELDS})
    if values.get("photo"):
        set_photo(actor=actor, expert=expert, photo=values["photo"], audited=False)
    StatusChange.objects.create(
        expert=expert, from_status="", to_status=status, by=actor, reason="Added to the register"
    )
    if status == Status.ACTIVE:
        _refuse_unless_ready(expert)  # undoes the whole addition: nothing half-saved
    _link_account(expert)
    audit.record_change(
        actor=actor,
        instance=expert,
        action=AuditEvent.Action.CREATED,
        changes=audit.diff({}, audit.snapshot(expert, (*PROFILE_FIELDS, "status"))),
        summary=f"Added to the register ({source})",
    )
    return expert


@transaction.atomic
def update_expert(*, actor: User | None, expert: Expert, values: dict[str, Any]) -> Expert:
    """Saves changes to a profile, recording old and new values."""
    fields = [f for f in PROFILE_FIELDS if f in values]
    before = audit.snapshot(expert, fields)
    photo = values.pop("photo", None)
    _apply(expert, {k: v for k, v in values.items() if k in PROFILE_FIELDS})
    expert.save()
    if photo:
        set_photo(actor=actor, expert=expert, photo=photo)
    _link_account(expert)
    changes = audit.diff(before, audit.snapshot(expert, fields))
    if changes:
        audit.record_change(
            actor=actor,
            instance=expert,
            action=AuditEvent.Action.UPDATED,
            changes=changes,
            summary="Profile changed",
        )
    return expert


@transaction.atomic
def update_own_profile(*, expert: Expert, values: dict[str, Any]) -> Expert:
    """What an expert changes about themselves in the portal."""
    allowed = {k: v for k, v in values.items() if k in SELF_SERVICE_FIELDS}
    return update_expert(actor=expert.user, expert=expert, values=allowed)


class NotReady(ValueError):
    """The expert cannot be made active yet; the message names what they are waiting for."""


def _refuse_unless_ready(expert: Expert) -> None:
    """The one rule for becoming active, whichever way it is asked for: every onboarding
    checklist item the organisation requires is done (asked of onboarding, through
    coproduce.people.readiness)."""
    missing = readiness.missing_for_active(expert)
    if missing:
        raise NotReady(
            f"{expert.full_name} cannot be made active yet. Still to do: "
            + ", ".join(item[0].lower() + item[1:] for item in missing)
            + "."
        )


@transaction.atomic
def change_status(*, actor: User, expert: Expert, status: str, reason: str = "") -> Expert:
    """Moves the expert to another status, kept in their history with the reason. Becoming
    active (from any status) is refused with NotReady, naming what is missing, until the
    onboarding checklist is done: the same rule as make_active."""
    if expert.status == status:
        return expert
    if status == Status.ACTIVE:
        _refuse_unless_ready(expert)
    return _set_status(actor=actor, expert=expert, status=status, reason=reason)


def _set_status(
    *,
    actor: User,
    expert: Expert,
    status: str,
    reason: str,
    action: AuditEvent.Action = AuditEvent.Action.STATUS_CHANGED,
) -> Expert:
    old = expert.status
    expert.status = status
    expert.save(update_fields=["status", "updated_at"])
    StatusChange.objects.create(
        expert=expert, from_status=old, to_status=status, by=actor, reason=reason
    )
    _link_account(expert)
    audit.record_change(
        actor=actor,
        instance=expert,
        action=action,
        changes={"status": [Status(old).label, Status(status).label]},
        summary=reason,
    )
    return expert


def make_active(*, actor: User, expert: Expert) -> Expert:
    """An expert enquiring or onboarding becomes active in one step, once every onboarding
    checklist item the organisation requires is done (asked of onboarding, through
    coproduce.people.readiness). Refused, naming what is missing, when it is not."""
    with transaction.atomic():
        expert = Expert.objects.select_for_update().get(pk=expert.pk)
        if expert.status not in (Status.ENQUIRY, Status.ONBOARDING):
            raise NotReady(
                f"{expert.full_name} is {Status(expert.status).label.lower()}, not onboarding, "
                "so they cannot be made active from here."
            )
        _refuse_unless_ready(expert)
        return _set_status(
            actor=actor,
            expert=expert,
            status=Status.ACTIVE,
            reason="Onboarding complete: every required checklist item is done",
            action=AuditEvent.Action.ONBOARDING_COMPLETED,
        )


@transaction.atomic
def acknowledge_privacy_notice(
    *, actor: User | None, expert: Expert, version: str, acknowledged_at
) -> Expert:
    """Records on the expert which version of the privacy notice they acknowledged, and when:
    called when they sign it (coproduce.people.receivers), so their consent always follows
    the signature, which is the record. Audited when it changes anything."""
    fields = ("consent_given_at", "consent_privacy_notice_version")
    before = audit.snapshot(expert, fields)
    expert.consent_privacy_notice_version = version
    expert.consent_given_at = acknowledged_at
    expert.save(update_fields=[*fields, "updated_at"])
    changes = audit.diff(before, audit.snapshot(expert, fields))
    if changes:
        audit.record_change(
            actor=actor,
            instance=expert,
            action=AuditEvent.Action.UPDATED,
            changes=changes,
            summary=f"Privacy notice version {version} acknowledged",
        )
    return expert


@transaction.atomic
def set_photo(
    *, actor: User | None, expert: Expert, photo: ContentFile, audited: bool = True
) -> None:
    old = expert.photo.name if expert.photo else ""
    expert.photo.save(photo.name, photo, save=True)
    if old:
        expert.photo.storage.delete(old)
    if audited:
        audit.record_change(
            actor=actor,
            instance=expert,
            action=AuditEvent.Action.UPDATED,
            changes={"photo": ["(file)" if old else "", "(new photo)"]},
            summary="Photo changed",
        )


@transaction.atomic
def remove_photo(*, actor: User, expert: Expert) -> None:
    if expert.photo:
        expert.photo.delete(save=True)
        audit.record_change(
            actor=actor,
            instance=expert,
            action=AuditEvent.Action.UPDATED,
            changes={"photo": ["(file)", ""]},
            summary="Photo removed",
        )


@transaction.atomic
def sign_up(*, values: dict[str, Any], privacy_notice_version: str) -> Expert:
    """A member of the public asks to get involved: they arrive as an enquiry, the team is
    told, and so are they, by email, when they gave an address."""
    values = {
        **values,
        "status": Status.ENQUIRY,
        "consent_given_at": timezone.now(),
        "consent_privacy_notice_version": privacy_notice_version,
    }
    expert = add_expert(actor=None, values=values, source="get involved form")
    transaction.on_commit(lambda: tell_team_about_enquiry.enqueue(expert.pk))
    if expert.email:
        transaction.on_commit(lambda: confirm_enquiry.enqueue(expert.pk))
    return expert


class NameTaken(Exception):
    """The list already has an entry of that name, in any case."""


def _name_is_free(model, name: str, *, leaving_out: int | None = None) -> None:
    """Raises NameTaken when another entry of the list has this name, whatever its case."""
    if model.objects.filter(name__iexact=name).exclude(pk=leaving_out).exists():
        raise NameTaken


@transaction.atomic
def add_list_entry(*, actor: User, model, name: str, description: str = "", active: bool = True):
    """Adds a lived-experience area, skill, access need or locality. Raises NameTaken when
    the list has one of that name already (also when someone added it just now)."""
    name = name.strip()
    _name_is_free(model, name)
    last = model.objects.order_by("-order").values_list("order", flat=True).first() or 0
    try:
        with transaction.atomic():
            entry = model.objects.create(
                name=name, description=description.strip(), active=active, order=last + 1
            )
    except IntegrityError:
        raise NameTaken from None
    audit.record_change(
        actor=actor,
        instance=entry,
        action=AuditEvent.Action.CREATED,
        summary=f"Added {model._meta.verbose_name} {entry.name}",
    )
    return entry


@transaction.atomic
def change_list_entry(*, actor: User, entry, name: str, description: str = "", active: bool = True):
    """Changes an entry of a list. Raises NameTaken when another entry has the new name."""
    name = name.strip()
    _name_is_free(type(entry), name, leaving_out=entry.pk)
    before = audit.snapshot(entry, ("name", "description", "active"))
    entry.name = name
    entry.description = description.strip()
    entry.active = active
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        entry.refresh_from_db()
        raise NameTaken from None
    changes = audit.diff(before, audit.snapshot(entry, ("name", "description", "active")))
    if changes:
        audit.record_change(
            actor=actor, instance=entry, action=AuditEvent.Action.UPDATED, changes=changes
        )
    return entry
