"""Changing accounts: what an administrator does to staff accounts and teams."""

from django.db import transaction

from coproduce.accounts.models import Organisation, Team, User
from coproduce.accounts.roles import Role
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent

STAFF_FIELDS = ("full_name", "email", "role", "team", "is_active")


@transaction.atomic
def add_staff_account(
    *, actor: User, full_name: str, email: str, role: Role, team: Team | None
) -> User:
    """Creates a staff account with no password: the person chooses one with the reset link."""
    user = User.objects.create_user(email=email, full_name=full_name, role=role, team=team)
    audit.record_change(
        actor=actor,
        instance=user,
        action=AuditEvent.Action.CREATED,
        changes=audit.diff({}, audit.snapshot(user, STAFF_FIELDS)),
        summary=f"Added staff account for {user.display_name}",
    )
    return user


@transaction.atomic
def change_staff_account(
    *,
    actor: User,
    user: User,
    full_name: str,
    email: str,
    role: Role,
    team: Team | None,
    is_active: bool,
) -> User:
    before = audit.snapshot(user, STAFF_FIELDS)
    user.full_name = full_name
    user.email = email.lower()
    user.role = role
    user.team = team
    user.is_active = is_active
    user.save()
    changes = audit.diff(before, audit.snapshot(user, STAFF_FIELDS))
    if changes:
        audit.record_change(
            actor=actor, instance=user, action=AuditEvent.Action.UPDATED, changes=changes
        )
    return user


@transaction.atomic
def add_team(*, actor: User, name: str, organisation_name: str) -> Team:
    organisation, _ = Organisation.objects.get_or_create(name=organisation_name.strip())
    team = Team.objects.create(name=name.strip(), organisation=organisation)
    audit.record_change(
        actor=actor,
        instance=team,
        action=AuditEvent.Action.CREATED,
        summary=f"Added team {audit.shortened(str(team), 280)}",
    )
    return team


@transaction.atomic
def add_expert_account(*, email: str, full_name: str) -> User:
    """An expert's sign-in: no password, they sign in with a code sent to their email."""
    return User.objects.create_user(email=email, full_name=full_name, role=Role.EXPERT)
