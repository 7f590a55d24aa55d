"""Writing a co-production declaration, submitting it, changing it after submission, the
co-production board's meetings and reviews, and follow-ups done: each in one transaction with
its audit record. Every move of a declaration's status is here; any other is refused.

    draft --submit--> waiting --review--> agreed | agreed with follow-ups | needs more work
    (any but draft) --change--> waiting
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import Team, User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import long_date
from coproduce.impact.declarations.models import (
    DECISIONS,
    BoardMeeting,
    Declaration,
    Entry,
    FollowUp,
    Review,
    Status,
)
from coproduce.opportunities.choices import Rung, Stage
from coproduce.opportunities.models import Group, Opportunity

NO_ENTRIES = (
    "Add at least one place where co-production has taken place or will, before you submit "
    "the declaration."
)
ALREADY_SUBMITTED = "This declaration has already been submitted."
NOT_WAITING = "The board has already reviewed this declaration since it last changed."
NOT_A_DECISION = "Choose what the board decided."
ALREADY_DONE = "This follow-up is already marked as done."


class DeclarationError(Exception):
    """A change refused, with the words to show the person."""


@dataclass(frozen=True)
class About:
    """What a declaration is about: the programme or project, its team and a few words."""

    name: str
    team: Team
    description: str


@dataclass(frozen=True)
class EntryWords:
    """One place where co-production took place or will."""

    where: str
    happened: bool
    on: date
    stage: str
    rung: int
    with_whom: str
    effect: str
    groups: list[Group] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)


@dataclass(frozen=True)
class FollowUpWords:
    what: str
    who: str
    due_on: date


def _as_audited(entry: Entry | EntryWords, groups=(), opportunities=()) -> str:
    stage = Stage(entry.stage).label
    rung = Rung(entry.rung).label
    when = ("happened " if entry.happened else "planned for ") + long_date(entry.on)
    effect = ("Effect: " if entry.happened else "Effect hoped for: ") + (entry.effect or "-")
    return (
        f"{entry.where} ({when}; {stage}; {rung}). With: {entry.with_whom}"
        + (f" [{', '.join(str(g) for g in groups)}]" if groups else "")
        + (f" ({len(opportunities)} pieces of work linked)" if opportunities else "")
        + f". {effect}"
    )


def _after_submission(
    *, actor, declaration: Declaration, changes: dict, summary: str, now: datetime
) -> None:
    """A change to a declaration already submitted: audited, and back to the board. The
    status is read again, locked, as the board may have reviewed it since it was loaded."""
    before = (
        Declaration.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=declaration.pk)
    )
    if before == Status.DRAFT:
        return
    Declaration.objects.filter(pk=declaration.pk).update(
        status=Status.WAITING, changed_at=now, updated_at=now
    )
    declaration.status = Status.WAITING
    declaration.changed_at = now
    if before != Status.WAITING:
        changes = {**changes, "Status": [Status(before).label, Status.WAITING.label]}
    audit.record_change(
        actor=actor,
        instance=declaration,
        action=AuditEvent.Action.DECLARATION_CHANGED,
        changes=changes,
        summary=f"{summary}: it waits for the co-production board again",
    )


def start_declaration(*, actor: User, owner: User, about: About) -> Declaration:
    """Starts a declaration, kept as a draft until it is submitted. `owner` is the programme
    manager it belongs to (the involvement team may start one for them)."""
    return Declaration.objects.create(
        name=about.name,
        team=about.team,
        description=about.description,
        owner=owner,
        written_by=actor,
    )


def change_about(
    *, actor: User, declaration: Declaration, about: About, now: datetime | None = None
) -> Declaration:
    """Changes the name, team or description. After submission the change is audited and the
    declaration goes back to the board."""
    now = now or timezone.now()
    with transaction.atomic():
        before = {
            "Name": declaration.name,
            "Team": declaration.team.name,
            "Description": declaration.description,
        }
        after = {"Name": about.name, "Team": about.team.name, "Description": about.description}
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changes:
            return declaration
        declaration.name = about.name
        declaration.team = about.team
        declaration.description = about.description
        declaration.save()
        _after_submission(
            actor=actor,
            declaration=declaration,
            changes=changes,
            summary=f"Declaration ‘{declaration.name}’ changed",
            now=now,
        )
    return declaration


def _fill(entry: Entry, words: EntryWords) -> None:
    entry.where = words.where
    entry.happened = words.happened
    entry.on = words.on
    entry.stage = words.stage
    entry.rung = words.rung
    entry.with_whom = words.with_whom
    entry.effect = words.effect


def add_entry(
    *, actor: User, declaration: Declaration, words: EntryWords, now: datetime | None = None
) -> Entry:
    """Adds a place where co-production took place or will."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = Entry(declaration=declaration)
        _fill(entry, words)
        entry.save()
        entry.groups.set(words.groups)
        entry.opportunities.set(words.opportunities)
        Declaration.objects.filter(pk=declaration.pk).update(updated_at=now)
        _after_submission(
            actor=actor,
            declaration=declaration,
            changes={"Entry added": [None, _as_audited(words, words.groups, words.opportunities)]},
            summary=f"Entry added to the declaration ‘{declaration.name}’",
            now=now,
        )
    return entry


def change_entry(
    *, actor: User, entry: Entry, words: EntryWords, now: datetime | None = None
) -> Entry:
    now = now or timezone.now()
    declaration = entry.declaration
    with transaction.atomic():
        before = _as_audited(entry, list(entry.groups.all()), list(entry.opportunities.all()))
        after = _as_audited(words, words.groups, words.opportunities)
        _fill(entry, words)
        entry.save()
        entry.groups.set(words.groups)
        entry.opportunities.set(words.opportunities)
        Declaration.objects.filter(pk=declaration.pk).update(updated_at=now)
        if before != after:
            _after_submission(
                actor=actor,
                declaration=declaration,
                changes={"Entry": [before, after]},
                summary=f"Entry changed in the declaration ‘{declaration.name}’",
                now=now,
            )
    return entry


def remove_entry(*, actor: User, entry: Entry, now: datetime | None = None) -> None:
    now = now or timezone.now()
    declaration = entry.declaration
    with transaction.atomic():
        before = _as_audited(entry, list(entry.groups.all()), list(entry.opportunities.all()))
        entry.delete()
        Declaration.objects.filter(pk=declaration.pk).update(updated_at=now)
        _after_submission(
            actor=actor,
            declaration=declaration,
            changes={"Entry removed": [before, None]},
            summary=f"Entry removed from the declaration ‘{declaration.name}’",
            now=now,
        )


def submit(*, actor: User, declaration: Declaration, now: datetime | None = None) -> Declaration:
    """Sends a draft to the co-production board: it is on the agenda of its next meeting."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if locked.submitted:
            raise DeclarationError(ALREADY_SUBMITTED)
        entries = list(locked.entries.prefetch_related("groups", "opportunities"))
        if not entries:
            raise DeclarationError(NO_ENTRIES)
        locked.status = Status.WAITING
        locked.submitted_at = now
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        audit.record_change(
            actor=actor,
            instance=locked,
            action=AuditEvent.Action.DECLARATION_SUBMITTED,
            changes={
                "Status": [Status.DRAFT.label, Status.WAITING.label],
                "Entries": [
                    None,
                    "\n".join(
                        _as_audited(e, list(e.groups.all()), list(e.opportunities.all()))
                        for e in entries
                    ),
                ],
            },
            summary=f"Declaration ‘{locked.name}’ submitted to the co-production board",
        )
    return locked


def plan_meeting(*, actor: User, held_on: date, group: Group | None) -> BoardMeeting:
    """Adds a meeting of the co-production board; its agenda is the declarations waiting."""
    return BoardMeeting.objects.create(held_on=held_on, group=group, created_by=actor)


def review(
    *,
    actor: User,
    meeting: BoardMeeting,
    declaration: Declaration,
    decision: str,
    comments: str,
    follow_ups: list[FollowUpWords],
    now: datetime | None = None,
) -> Review:
    """Records what the board decided about a declaration waiting for it, its comments and
    the follow-ups it asks for. The programme manager sees them on their declaration."""
    now = now or timezone.now()
    if decision not in {d.value for d in DECISIONS}:
        raise DeclarationError(NOT_A_DECISION)
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if locked.status != Status.WAITING:
            raise DeclarationError(NOT_WAITING)
        made = Review.objects.create(
            declaration=locked,
            meeting=meeting,
            decision=decision,
            comments=comments,
            reviewed_by=actor,
            reviewed_at=now,
        )
        FollowUp.objects.bulk_create(
            FollowUp(review=made, declaration=locked, what=f.what, who=f.who, due_on=f.due_on)
            for f in follow_ups
        )
        locked.status = decision
        locked.save(update_fields=["status", "updated_at"])
        changes: dict[str, list] = {"Status": [Status.WAITING.label, Status(decision).label]}
        if comments:
            changes["Comments"] = [None, comments]
        if follow_ups:
            changes["Follow-ups"] = [
                None,
                "\n".join(f"{f.what} ({f.who}, by {long_date(f.due_on)})" for f in follow_ups),
            ]
        audit.record_change(
            actor=actor,
            instance=made,
            subject=locked,
            action=AuditEvent.Action.DECLARATION_REVIEWED,
            changes=changes,
            summary=f"The co-production board reviewed ‘{locked.name}’ at its meeting on "
            f"{long_date(meeting.held_on)}",
        )
    return made


def mark_done(*, actor: User, follow_up: FollowUp, now: datetime | None = None) -> FollowUp:
    """Marks a follow-up the board asked for as done."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.done:
            raise DeclarationError(ALREADY_DONE)
        locked.done_at = now
        locked.done_by = actor
        locked.save(update_fields=["done_at", "done_by"])
        audit.record_change(
            actor=actor,
            instance=locked,
            subject=locked.declaration,
            action=AuditEvent.Action.FOLLOW_UP_DONE,
            changes={"Done": [None, long_date(now)]},
            summary=f"Follow-up done: {locked.what[:80]}",
        )
    return locked
