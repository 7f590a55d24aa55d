"""Reads for reminders, each with a fixed number of queries: the organisation's settings, the
reminders each person turned off, and for each kind who is due a reminder today and has not
had it (a reminder already decided on is left out here; its unique record stops a second
anyway)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.comms.reminders.models import (
    ExpertReminderOff,
    Kind,
    ReminderSettings,
    SentReminder,
    StaffReminderOff,
)
from coproduce.impact.outcomes import queries as outcomes
from coproduce.onboarding.agreements import queries as agreements
from coproduce.opportunities.choices import InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation, Opportunity
from coproduce.opportunities.queries.confidential import CONFIDENTIAL_TITLE
from coproduce.payments.choices import ClaimStatus
from coproduce.payments.models import Claim
from coproduce.people.choices import Status
from coproduce.people.models import Expert

User = get_user_model()


def current_settings() -> ReminderSettings:
    """The organisation's settings (one query); the defaults, unsaved, until the lead saves."""
    return ReminderSettings.objects.select_related("changed_by").filter(pk=1).first() or (
        ReminderSettings(pk=1)
    )


def kinds_off_for_expert(expert) -> set[str]:
    return set(ExpertReminderOff.objects.filter(expert=expert).values_list("kind", flat=True))


def kinds_off_for_user(user) -> set[str]:
    return set(StaffReminderOff.objects.filter(user=user).values_list("kind", flat=True))


def expert_wants(expert_id: int, kind: str) -> bool:
    """Whether the expert has not turned this reminder off (one query)."""
    return not ExpertReminderOff.objects.filter(expert_id=expert_id, kind=kind).exists()


def user_wants(user_id: int, kind: str) -> bool:
    return not StaffReminderOff.objects.filter(user_id=user_id, kind=kind).exists()


def expert_recipient(expert_id: int) -> str:
    return f"expert-{expert_id}"


def user_recipient(user_id: int) -> str:
    return f"user-{user_id}"


def _expert_recipient_q(kind: str, about: str | int, prefix: str, days_before: int = 0) -> Q:
    """A filter for rows about an expert (reached by `prefix`) who may be reminded: may be
    contacted, has not turned this kind off, and has not had this reminder. `about` is the
    field of the row the reminder is about, or the id itself."""
    about_q = Q(about_id=OuterRef(about)) if isinstance(about, str) else Q(about_id=about)
    sent = SentReminder.objects.filter(
        about_q,
        kind=kind,
        days_before=days_before,
        recipient=Concat(Value("expert-"), OuterRef(f"{prefix}id"), output_field=CharField()),
    )
    off = ExpertReminderOff.objects.filter(expert_id=OuterRef(f"{prefix}id"), kind=kind)
    return (
        Q(**{f"{prefix}restricted_at__isnull": True, f"{prefix}erased_at__isnull": True})
        & ~Q(**{f"{prefix}status": Status.LEFT})
        & ~Exists(sent)
        & ~Exists(off)
    )


INVITATION_RELATED = (
    "expert",
    "session__opportunity__venue",
    "session__venue",
)


def sessions_coming(*, today: date, days: int) -> list[Invitation]:
    """Places accepted at sessions `days` days from today, not cancelled, whose experts may be
    reminded and have not been for this many days before (one query)."""
    day = today + timedelta(days=days)
    return list(
        Invitation.objects.filter(
            status=InvitationStatus.ACCEPTED,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__date=day,
        )
        .filter(_expert_recipient_q(Kind.SESSION, "pk", "expert__", days_before=days))
        .select_related(*INVITATION_RELATED)
        .order_by("session__starts_at", "id")
    )


def invitations_unanswered(*, now: datetime, days: int) -> list[Invitation]:
    """Invitations not answered `days` days after they were sent, to sessions still to come
    (one query)."""
    return list(
        Invitation.objects.filter(
            status=InvitationStatus.INVITED,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gt=now,
            created_at__lte=now - timedelta(days=days),
        )
        .filter(_expert_recipient_q(Kind.INVITATION, "pk", "expert__"))
        .select_related(*INVITATION_RELATED)
        .order_by("session__starts_at", "id")
    )


@dataclass(frozen=True)
class ToSign:
    version_id: int
    title: str
    version: int
    experts: list[Expert]


def agreements_to_sign(*, now: datetime, days: int) -> list[ToSign]:
    """Each agreement's current version published at least `days` days ago, with the experts
    taking part who have not signed it and not been reminded (one query, plus one per
    agreement in use: a handful)."""
    found = []
    for version in agreements.current_versions().values():
        if version.published_at > now - timedelta(days=days):
            continue
        experts = list(
            Expert.objects.filter(pk__in=agreements.not_signed(version).values("pk"))
            .filter(_expert_recipient_q(Kind.AGREEMENT, version.pk, ""))
            .order_by("pk")
        )
        if experts:
            found.append(ToSign(version.pk, version.agreement.title, version.number, experts))
    return found


def involvement_team() -> list:
    """Active coordinators and leads (one query)."""
    return list(
        User.objects.filter(
            role__in=[Role.COORDINATOR, Role.INVOLVEMENT_LEAD], is_active=True
        ).order_by("id")
    )


def finance_officers() -> list:
    return list(User.objects.filter(role=Role.FINANCE, is_active=True).order_by("id"))


def users_wanting(users: Iterable, kind: str) -> list:
    """Those of `users` who have not turned this reminder off (one query)."""
    users = list(users)
    off = set(
        StaffReminderOff.objects.filter(user__in=users, kind=kind).values_list("user_id", flat=True)
    )
    return [u for u in users if u.pk not in off]


def _claims_related(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    return claims.select_related("expert", "invitation__session__opportunity").prefetch_related(
        "invitation__session__opportunity__named_staff"
    )


def _claims(status: str, since: Q) -> QuerySet[Claim]:
    return _claims_related(Claim.objects.filter(status=status).filter(since)).order_by(
        "submitted_at", "id"
    )


def claims_to_check(*, now: datetime, days: int) -> list[Claim]:
    """Claims sent (or sent again) `days` days ago or more and not yet checked (two queries)."""
    cutoff = now - timedelta(days=days)
    since = Q(resubmitted_at__isnull=True, submitted_at__lte=cutoff) | Q(resubmitted_at__lte=cutoff)
    return list(_claims(ClaimStatus.SUBMITTED, since))


def claims_to_approve(*, now: datetime, days: int) -> list[Claim]:
    """Claims checked `days` days ago or more and not yet approved (two queries)."""
    return list(_claims(ClaimStatus.CHECKED, Q(checked_at__lte=now - timedelta(days=days))))


def overdue_work(*, now: datetime) -> list[Opportunity]:
    """Work whose outcome is overdue, with its team, who asked for it and its named staff
    (three queries)."""
    weeks = outcomes.current_weeks().weeks
    ids = [
        row.pk
        for row in outcomes.waiting_rows(None, everyone=True, overdue=True, weeks=weeks, now=now)
    ]
    return list(
        Opportunity.objects.filter(pk__in=ids)
        .select_related("team", "requested_by")
        .prefetch_related("named_staff")
        .order_by("pk")
    )


def title_for(user, opportunity: Opportunity) -> str:
    """The work's title, or "Confidential work" where `user` is not named on it (no query:
    the named staff are prefetched)."""
    if not opportunity.confidential:
        return opportunity.title
    named = {u.pk for u in opportunity.named_staff.all()}
    return opportunity.title if user.pk in named else CONFIDENTIAL_TITLE


def already_sent(kind: str, about_ids: Iterable[int], recipient: str) -> set[int]:
    return set(
        SentReminder.objects.filter(
            kind=kind, about_id__in=list(about_ids), recipient=recipient
        ).values_list("about_id", flat=True)
    )


def sent_to_expert(expert) -> QuerySet[SentReminder]:
    return SentReminder.objects.filter(expert=expert).order_by("-decided_at", "-id")


def today() -> date:
    return timezone.localdate()


# What a reminder is about, as its delivery reads it (one query each) --------------------------


def invitation_for_reminder(pk: int) -> Invitation | None:
    return Invitation.objects.select_related(*INVITATION_RELATED).filter(pk=pk).first()


def agreement_version(pk: int):
    try:
        return agreements.version(pk)
    except Http404:
        return None


def expert_for_reminder(pk: int | None) -> Expert | None:
    return Expert.objects.filter(pk=pk).first() if pk else None


def user_for_reminder(pk: int):
    return User.objects.filter(pk=pk, is_active=True).first()


def claims_by_ids(ids: list[int]) -> list[Claim]:
    return list(_claims_related(Claim.objects.filter(pk__in=ids)).order_by("submitted_at", "id"))


def work_by_ids(ids: list[int]) -> list[Opportunity]:
    return list(
        Opportunity.objects.filter(pk__in=ids)
        .select_related("team")
        .prefetch_related("named_staff")
        .order_by("title", "pk")
    )
