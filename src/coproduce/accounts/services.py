"""Changing accounts: what an administrator does to staff accounts and teams."""

from django.db import IntegrityError, transaction

from coproduce.accounts.models import Organisation, Team, User
from coproduce.accounts.roles import Role
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent

STAFF_FIELDS = ("full_name", "email", "role", "team", "is_active")


class EmailTaken(Exception):
    """Another account has that email address, in any case (StaffForm says so first; this is
    the race of two administrators saving the same address at once)."""


@transaction.atomic
def add_staff_account(
    *, actor: User, full_name: str, email: str, role: Role, team: Team | None
) -> User:
    """Creates a staff account with no password: the person chooses one with the reset link.
    Raises EmailTaken when another account has the address."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, full_name=full_name, role=role, team=team)
    except IntegrityError:
        raise EmailTaken from None
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
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        user.refresh_from_db()
        raise EmailTaken from None
    changes = audit.diff(before, audit.snapshot(user, STAFF_FIELDS))
    if changes:
        audit.record_change(
            actor=actor, instance=user, action=AuditEvent.Action.UPDATED, changes=changes
        )
    return user


class TeamNameTaken(Exception):
    """The organisation already has a team of that name, in any case."""


@transaction.atomic
def add_team(*, actor: User, name: str, organisation_name: str) -> Team:
    """Adds a team, and its organisation when it is new. Names match whatever their case, so
    "NHS Trust" and "nhs trust" are one organisation; raises TeamNameTaken when the
    organisation already has the team (also when another administrator added it just now)."""
    name, organisation_name = name.strip(), organisation_name.strip()
    organisation = Organisation.objects.filter(name__iexact=organisation_name).first()
    if organisation is not None and organisation.teams.filter(name__iexact=name).exists():
        raise TeamNameTaken
    try:
        with transaction.atomic():
            if organisation is None:
                organisation = Organisation.objects.create(name=organisation_name)
            team = Team.objects.create(name=name, organisation=organisation)
    except IntegrityError:
        raise TeamNameTaken from None
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
