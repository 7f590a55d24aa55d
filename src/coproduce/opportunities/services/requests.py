"""Requests for involvement, from a staff member's form to a published opportunity: asking,
the involvement team's review, resubmitting after changes were asked for, publishing, and
the team creating or editing an opportunity themselves."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.opportunities.choices import RequestStatus
from coproduce.opportunities.confidential import services as confidential
from coproduce.opportunities.models import Group, Opportunity
from coproduce.opportunities.services.sessions import PlannedSession, create_sessions
from coproduce.opportunities.tasks import tell_requester_the_outcome, tell_team_about_request

FIELDS = (
    "title",
    "description",
    "team",
    "kind",
    "stage",
    "rung",
    "format",
    "group",
    "venue",
    "online_details",
    "places",
    "staff_expected",
    "paid",
    "hourly_rate",
    "wanted_experience",
    "wanted_skills",
    "prerequisites",
)
M2M_FIELDS = ("wanted_experience", "wanted_skills")
# How the proposed sessions repeat, as asked for: kept so that editing shows the same pattern.
SCHEDULE_FIELDS = ("repeat", "repeat_count", "repeat_until")
AUDITED = (*FIELDS, *SCHEDULE_FIELDS, "status", "decision_note")


class NotAllowedNow(Exception):
    """The request is not in a state where this can happen (e.g. publishing a declined one)."""


def _apply(opportunity: Opportunity, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if (name in FIELDS or name in SCHEDULE_FIELDS) and name not in M2M_FIELDS:
            setattr(opportunity, name, value)
    if not opportunity.paid:
        opportunity.hourly_rate = None
    if "repeat" in values:
        opportunity.repeat_count = values.get("repeat_count")
        opportunity.repeat_until = values.get("repeat_until")


def _set_m2m(opportunity: Opportunity, values: dict[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in values:
            getattr(opportunity, name).set(values[name])


def _apply_confidential(actor: User, opportunity: Opportunity, values: dict[str, Any]) -> None:
    """Confidential work (a serious incident or patient safety investigation) and its named
    staff, when the form asked (see opportunities.confidential)."""
    if values.get("confidential"):
        confidential.set_confidential(
            actor=actor,
            opportunity=opportunity,
            confidential=True,
            named_staff=values.get("named_staff") or [],
            debrief_after_days=values.get("debrief_after_days"),
            wellbeing_after_days=values.get("wellbeing_after_days"),
        )


def _create(
    *,
    actor: User,
    values: dict[str, Any],
    sessions: Sequence[PlannedSession],
    status: str,
    summary: str,
) -> Opportunity:
    opportunity = Opportunity(requested_by=actor, status=status)
    _apply(opportunity, values)
    opportunity.save()
    _set_m2m(opportunity, values)
    create_sessions(opportunity=opportunity, planned=sessions, venue=opportunity.venue)
    _apply_confidential(actor, opportunity, values)
    audit.record_change(
        actor=actor,
        instance=opportunity,
        action=AuditEvent.Action.CREATED,
        changes=audit.diff({}, audit.snapshot(opportunity, AUDITED)),
        summary=f"{summary}, {len(sessions)} session(s)",
    )
    return opportunity


@transaction.atomic
def request_involvement(
    *, actor: User, values: dict[str, Any], sessions: Sequence[PlannedSession]
) -> Opportunity:
    """Saves a staff member's request with its proposed sessions, waiting for the involvement
    team, and emails the team that it is there."""
    opportunity = _create(
        actor=actor,
        values=values,
        sessions=sessions,
        status=RequestStatus.REQUESTED,
        summary="Involvement requested",
    )
    transaction.on_commit(lambda: tell_team_about_request.enqueue(opportunity.pk))
    return opportunity


@transaction.atomic
def resubmit_request(
    *,
    actor: User,
    opportunity: Opportunity,
    values: dict[str, Any],
    sessions: Sequence[PlannedSession],
) -> Opportunity:
    """Saves the requester's changes and sends the request back to the involvement team. The
    proposed sessions are replaced by the ones now given (nobody is invited before
    publishing)."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status not in {RequestStatus.REQUESTED, RequestStatus.CHANGES_REQUESTED}:
        raise NotAllowedNow("This request has been decided, so it can no longer be changed")
    before = audit.snapshot(opportunity, AUDITED)
    _apply(opportunity, values)
    opportunity.status = RequestStatus.REQUESTED
    opportunity.save()
    _set_m2m(opportunity, values)
    _apply_confidential(actor, opportunity, values)
    opportunity.sessions.all().delete()
    create_sessions(opportunity=opportunity, planned=sessions, venue=opportunity.venue)
    audit.record_change(
        actor=actor,
        instance=opportunity,
        action=AuditEvent.Action.UPDATED,
        changes=audit.diff(before, audit.snapshot(opportunity, AUDITED)),
        summary=f"Request changed and sent again, {len(sessions)} session(s)",
    )
    transaction.on_commit(lambda: tell_team_about_request.enqueue(opportunity.pk))
    return opportunity


def _decide(*, actor: User, opportunity: Opportunity, status: str, note: str) -> Opportunity:
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != RequestStatus.REQUESTED:
        raise NotAllowedNow(
            f"This request is already {opportunity.get_status_display().lower()}, "
            "so it cannot be reviewed again"
        )
    before = audit.snapshot(opportunity, AUDITED)
    opportunity.status = status
    opportunity.decision_note = note
    opportunity.decided_by = actor
    opportunity.decided_at = timezone.now()
    opportunity.save(
        update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"]
    )
    audit.record_change(
        actor=actor,
        instance=opportunity,
        action=AuditEvent.Action.REVIEWED,
        changes=audit.diff(before, audit.snapshot(opportunity, AUDITED)),
        summary=f"Request {opportunity.get_status_display().lower()}",
    )
    # Declined confidential work is closed: its papers are withdrawn.
    confidential.work_status_changed(actor=actor, opportunity=opportunity)
    transaction.on_commit(lambda: tell_requester_the_outcome.enqueue(opportunity.pk))
    return opportunity


@transaction.atomic
def approve_request(*, actor: User, opportunity: Opportunity, note: str = "") -> Opportunity:
    """Approves a request, so the team can publish it; the requester is emailed."""
    return _decide(actor=actor, opportunity=opportunity, status=RequestStatus.APPROVED, note=note)


@transaction.atomic
def ask_for_changes(*, actor: User, opportunity: Opportunity, note: str) -> Opportunity:
    """Sends a request back to the requester with what should change; they are emailed and
    can edit and send it again."""
    return _decide(
        actor=actor, opportunity=opportunity, status=RequestStatus.CHANGES_REQUESTED, note=note
    )


@transaction.atomic
def decline_request(*, actor: User, opportunity: Opportunity, reason: str) -> Opportunity:
    """Declines a request with the reason, which the requester is emailed."""
    return _decide(actor=actor, opportunity=opportunity, status=RequestStatus.DECLINED, note=reason)


# Publishing and the team's own opportunities ------------------------------------------------


@transaction.atomic
def publish_opportunity(*, actor: User, opportunity: Opportunity) -> Opportunity:
    """Publishes an approved request, so that experts can be found and invited."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != RequestStatus.APPROVED:
        raise NotAllowedNow("Only an approved request can be published")
    opportunity.status = RequestStatus.PUBLISHED
    opportunity.save(update_fields=["status", "updated_at"])
    audit.record_change(
        actor=actor,
        instance=opportunity,
        action=AuditEvent.Action.PUBLISHED,
        changes={"status": [RequestStatus.APPROVED.label, RequestStatus.PUBLISHED.label]},
        summary="Opportunity published",
    )
    return opportunity


@transaction.atomic
def create_opportunity(
    *,
    actor: User,
    values: dict[str, Any],
    sessions: Sequence[PlannedSession],
    group: Group | None = None,
) -> Opportunity:
    """The involvement team's own opportunity (or a group's meeting series), published at
    once with its sessions."""
    if group is not None:
        values = {**values, "group": group}
    return _create(
        actor=actor,
        values=values,
        sessions=sessions,
        status=RequestStatus.PUBLISHED,
        summary="Opportunity created",
    )


@transaction.atomic
def update_opportunity(
    *, actor: User, opportunity: Opportunity, values: dict[str, Any]
) -> Opportunity:
    """Saves changes to an opportunity's details, recording old and new values. Sessions are
    changed one by one, so that the people invited to each are told."""
    before = audit.snapshot(opportunity, AUDITED)
    _apply(opportunity, values)
    opportunity.save()
    _set_m2m(opportunity, values)
    changes = audit.diff(before, audit.snapshot(opportunity, AUDITED))
    _apply_confidential(actor, opportunity, values)
    if changes:
        audit.record_change(
            actor=actor,
            instance=opportunity,
            action=AuditEvent.Action.UPDATED,
            changes=changes,
            summary="Opportunity changed",
        )
    return opportunity
