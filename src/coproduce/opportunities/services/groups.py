"""Standing groups (an expert panel, a co-production board, a delivery group, a user-led
group) and who belongs to them. Leaving a group keeps the membership, with the day they left,
so the group's history stays true."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from coproduce.accounts.models import User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.opportunities.models import Group, Membership
from coproduce.people.models import Expert

GROUP_FIELDS = ("name", "kind", "team", "description", "active")
MEMBERSHIP_FIELDS = ("expert", "role", "joined_on", "left_on")


class GroupNameTaken(Exception):
    """Another group has that name, in any case (GroupForm says so first; this is the race
    of two people saving the same name at once)."""


@transaction.atomic
def create_group(*, actor: User, values: dict[str, Any]) -> Group:
    """Adds a standing group. Raises GroupNameTaken when another group has the name."""
    try:
        with transaction.atomic():
            group = Group.objects.create(**{k: v for k, v in values.items() if k in GROUP_FIELDS})
    except IntegrityError:
        raise GroupNameTaken from None
    audit.record_change(
        actor=actor,
        instance=group,
        action=AuditEvent.Action.CREATED,
        changes=audit.diff({}, audit.snapshot(group, GROUP_FIELDS)),
        summary="Group added",
    )
    return group


@transaction.atomic
def update_group(*, actor: User, group: Group, values: dict[str, Any]) -> Group:
    """Saves changes to a group's name, kind, team or description."""
    before = audit.snapshot(group, GROUP_FIELDS)
    for name, value in values.items():
        if name in GROUP_FIELDS:
            setattr(group, name, value)
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError:
        group.refresh_from_db()
        raise GroupNameTaken from None
    changes = audit.diff(before, audit.snapshot(group, GROUP_FIELDS))
    if changes:
        audit.record_change(
            actor=actor,
            instance=group,
            action=AuditEvent.Action.UPDATED,
            changes=changes,
            summary="Group changed",
        )
    return group


@transaction.atomic
def add_member(
    *, actor: User, group: Group, expert: Expert, role: str, joined_on: date
) -> Membership:
    """Makes an expert a member of a group. Someone who left and comes back keeps one
    membership, starting again from the new date."""
    membership, created = Membership.objects.select_for_update().get_or_create(
        group=group, expert=expert, defaults={"role": role, "joined_on": joined_on}
    )
    before = {} if created else audit.snapshot(membership, MEMBERSHIP_FIELDS)
    if not created:
        membership.role, membership.joined_on, membership.left_on = role, joined_on, None
        membership.save()
    audit.record_change(
        actor=actor,
        instance=membership,
        subject=group,
        action=AuditEvent.Action.CREATED if created else AuditEvent.Action.UPDATED,
        changes=audit.diff(before, audit.snapshot(membership, MEMBERSHIP_FIELDS)),
        summary=f"{expert.full_name} joined {audit.shortened(group.name, 140)}",
    )
    return membership


@transaction.atomic
def remove_member(*, actor: User, membership: Membership, left_on: date) -> Membership:
    """Records that an expert has left a group, on a day; their membership is kept."""
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    audit.record_change(
        actor=actor,
        instance=membership,
        subject=membership.group,
        action=AuditEvent.Action.UPDATED,
        changes=audit.diff(before, audit.snapshot(membership, MEMBERSHIP_FIELDS)),
        summary=f"{membership.expert.full_name} left {audit.shortened(membership.group.name, 140)}",
    )
    return membership
