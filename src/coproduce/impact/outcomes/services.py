"""Recording what changed because experts took part, correcting it, and the weeks by which an
outcome is due: each in one transaction with its audit record. The experts who attended are
told in the background (tasks.tell_experts) once the outcome is saved."""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import count_of, long_date
from coproduce.impact.outcomes import queries, tasks
from coproduce.impact.outcomes.models import Outcome, OutcomeWeeks
from coproduce.opportunities.models import Opportunity
from coproduce.opportunities.queries.confidential import work_title

NO_SESSIONS = (
    "This work has no sessions, so there is no outcome to record yet. "
    "Record it once a session has been held."
)
NONE_HELD = (
    "No session of this work has been held yet, so there is no outcome to record. "
    "Record it after its first session on {first}."
)
ALREADY_RECORDED = "Its outcome has already been recorded. You can correct it instead."
NOT_CHANGED = "You have not changed anything."


class OutcomeError(Exception):
    """A change refused, with the words to show the person."""


class NothingHeldYet(OutcomeError):
    pass


@dataclass(frozen=True)
class Wording:
    """What the person wrote: something changed (with what experts said and what was done,
    in pairs) or nothing did (and why), and a few plain words for the experts."""

    changed: bool
    pairs: list[dict[str, str]]
    why_nothing: str
    summary: str

    def fields(self) -> dict:
        return {
            "changed": self.changed,
            "pairs": self.pairs if self.changed else [],
            "why_nothing": "" if self.changed else self.why_nothing,
            "summary": self.summary,
        }


def check_held(opportunity: Opportunity, now: datetime | None = None) -> None:
    """Refuses an outcome for work with no sessions, or none held yet (one query)."""
    held = queries.held_by(opportunity, now)
    if not held.sessions:
        raise NothingHeldYet(NO_SESSIONS)
    if not held.any_held:
        raise NothingHeldYet(NONE_HELD.format(first=long_date(held.first_started)))


def _as_audited(fields: dict) -> dict:
    return {
        "Something changed": "yes" if fields["changed"] else "no",
        "You said, we did": "\n".join(
            f"You said: {pair['said']} / We did: {pair['did']}" for pair in fields["pairs"]
        ),
        "Why nothing changed": fields["why_nothing"],
        "In plain words": fields["summary"],
    }


def record_outcome(
    *, actor, opportunity: Opportunity, wording: Wording, now: datetime | None = None
) -> Outcome:
    """Records what changed because experts took part (or why nothing did); the experts who
    attended are then told, by email or text, and see it under "What happened next"."""
    now = now or timezone.now()
    with transaction.atomic():
        check_held(opportunity, now)
        fields = wording.fields()
        try:
            with transaction.atomic():
                outcome = Outcome.objects.create(
                    opportunity=opportunity, recorded_by=actor, recorded_at=now, **fields
                )
        except IntegrityError:
            raise OutcomeError(ALREADY_RECORDED) from None
        audit.record_change(
            actor=actor,
            instance=outcome,
            subject=opportunity,
            action=AuditEvent.Action.OUTCOME_RECORDED,
            changes={name: [None, value] for name, value in _as_audited(fields).items() if value},
            summary=f"Outcome recorded for ‘{work_title(opportunity)}’",
        )
        pk = outcome.pk
        transaction.on_commit(lambda: tasks.tell_experts.enqueue(pk))
    return outcome


def correct_outcome(
    *, actor, outcome: Outcome, wording: Wording, tell_experts: bool, now: datetime | None = None
) -> Outcome:
    """Corrects the outcome, keeping the earlier wording in the audit trail. With
    `tell_experts`, those who attended are told again, once each, of the outcome as it now
    reads."""
    now = now or timezone.now()
    with transaction.atomic():
        before = _as_audited(
            {
                "changed": outcome.changed,
                "pairs": outcome.pairs,
                "why_nothing": outcome.why_nothing,
                "summary": outcome.summary,
            }
        )
        fields = wording.fields()
        after = _as_audited(fields)
        changes = {
            name: [before[name], after[name]] for name in after if before[name] != after[name]
        }
        if not changes and not tell_experts:
            raise OutcomeError(NOT_CHANGED)
        for name, value in fields.items():
            setattr(outcome, name, value)
        outcome.changed_by = actor
        outcome.changed_at = now
        if tell_experts:
            outcome.round += 1
        outcome.save()
        audit.record_change(
            actor=actor,
            instance=outcome,
            subject=outcome.opportunity,
            action=AuditEvent.Action.OUTCOME_CHANGED,
            changes=changes,
            summary=f"Outcome corrected for ‘{work_title(outcome.opportunity)}’"
            + (": the experts are to be told again" if tell_experts else ""),
        )
        if tell_experts:
            pk = outcome.pk
            transaction.on_commit(lambda: tasks.tell_experts.enqueue(pk))
    return outcome


def set_weeks(*, actor, weeks: int) -> OutcomeWeeks:
    """Sets how many weeks after a piece of work's last session its outcome is due."""
    with transaction.atomic():
        before = OutcomeWeeks.current()
        saved = OutcomeWeeks.objects.create(weeks=weeks, set_by=actor)
        audit.record_change(
            actor=actor,
            instance=saved,
            action=AuditEvent.Action.OUTCOME_WEEKS_SET,
            changes={"Weeks after the last session": [before.weeks, weeks]}
            if before.weeks != weeks
            else {},
            summary=f"Outcomes are due {count_of(weeks, 'week')} after the last session",
        )
    return saved
