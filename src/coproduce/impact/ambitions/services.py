"""Adding, changing, ordering and retiring the strategic ambitions, and linking work to them:
each in one transaction with its audit record. Confidential work's title never goes into the
audit trail (opportunities.queries.confidential.work_title)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.impact.ambitions.models import Ambition, AmbitionLink, Measure
from coproduce.opportunities.models import Opportunity
from coproduce.opportunities.queries.confidential import work_title

NOT_CHANGED = "You have not changed anything."
ALREADY_LINKED = "That work is already linked to this ambition."
RETIRED = "This ambition is retired, so no work can be linked to it."
ALREADY_RETIRED = "This ambition is already retired."


class AmbitionError(Exception):
    """A change refused, with the words to show the person."""


@dataclass(frozen=True)
class Wording:
    """What the lead wrote for an ambition."""

    title: str
    meaning: str
    judged_by: str
    measure: str
    target: int | None

    def fields(self) -> dict:
        return {
            "title": self.title,
            "meaning": self.meaning,
            "judged_by": self.judged_by,
            "measure": self.measure if self.target else "",
            "target": self.target if self.measure else None,
        }


def _target_words(measure: str, target: int | None) -> str:
    if not measure or not target:
        return "No target"
    return f"{target:,} a year: {Measure(measure).label.lower()}"


def _as_audited(fields: dict) -> dict:
    return {
        "Title": fields["title"],
        "What it means": fields["meaning"],
        "How progress is judged": fields["judged_by"],
        "Yearly target": _target_words(fields["measure"], fields["target"]),
    }


def add_ambition(*, actor, wording: Wording) -> Ambition:
    """Adds an ambition, after those in force."""
    with transaction.atomic():
        last = Ambition.objects.aggregate(last=Max("position"))["last"]
        fields = wording.fields()
        ambition = Ambition.objects.create(position=(last or 0) + 1, **fields)
        audit.record_change(
            actor=actor,
            instance=ambition,
            action=AuditEvent.Action.AMBITION_SET,
            changes={name: [None, value] for name, value in _as_audited(fields).items() if value},
            summary=f"Ambition added: ‘{ambition.title}’",
        )
    return ambition


def change_ambition(*, actor, ambition: Ambition, wording: Wording) -> Ambition:
    """Changes an ambition's words or target; the earlier words stay in its history."""
    with transaction.atomic():
        before = _as_audited(
            {
                "title": ambition.title,
                "meaning": ambition.meaning,
                "judged_by": ambition.judged_by,
                "measure": ambition.measure,
                "target": ambition.target,
            }
        )
        fields = wording.fields()
        after = _as_audited(fields)
        changes = {
            name: [before[name], after[name]] for name in after if before[name] != after[name]
        }
        if not changes:
            raise AmbitionError(NOT_CHANGED)
        for name, value in fields.items():
            setattr(ambition, name, value)
        ambition.save()
        audit.record_change(
            actor=actor,
            instance=ambition,
            action=AuditEvent.Action.AMBITION_SET,
            changes=changes,
            summary=f"Ambition changed: ‘{ambition.title}’",
        )
    return ambition


def move_ambition(*, actor, ambition: Ambition, up: bool) -> bool:
    """Moves an ambition in force one place up or down the list; False when it is already
    first (or last)."""
    with transaction.atomic():
        ordered = list(
            Ambition.objects.select_for_update()
            .filter(retired_at__isnull=True)
            .order_by("position", "pk")
        )
        index = next((i for i, one in enumerate(ordered) if one.pk == ambition.pk), None)
        if index is None:
            return False
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return False
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, one in enumerate(ordered, start=1):
            one.position = position
        Ambition.objects.bulk_update(ordered, ["position"])
        audit.record_change(
            actor=actor,
            instance=ambition,
            action=AuditEvent.Action.AMBITION_SET,
            changes={"Place in the list": [index + 1, other + 1]},
            summary=f"Ambition moved {'up' if up else 'down'}: ‘{ambition.title}’",
        )
    return True


def retire_ambition(*, actor, ambition: Ambition) -> Ambition:
    """Retires an ambition: it leaves the list in force, keeping its linked work and history."""
    with transaction.atomic():
        if ambition.retired_at is not None:
            raise AmbitionError(ALREADY_RETIRED)
        ambition.retired_at = timezone.now()
        ambition.retired_by = actor
        ambition.save(update_fields=["retired_at", "retired_by", "updated_at"])
        audit.record_change(
            actor=actor,
            instance=ambition,
            action=AuditEvent.Action.AMBITION_RETIRED,
            changes={"Retired": [None, "yes"]},
            summary=f"Ambition retired: ‘{ambition.title}’",
        )
    return ambition


def link_work(*, actor, ambition: Ambition, opportunity: Opportunity) -> AmbitionLink:
    """Links a piece of work to an ambition it serves (the caller checked the person may see
    the work)."""
    if ambition.retired_at is not None:
        raise AmbitionError(RETIRED)
    with transaction.atomic():
        try:
            with transaction.atomic():
                link = AmbitionLink.objects.create(
                    ambition=ambition, opportunity=opportunity, linked_by=actor
                )
        except IntegrityError:
            raise AmbitionError(ALREADY_LINKED) from None
        title = work_title(opportunity)
        audit.record_change(
            actor=actor,
            instance=link,
            subject=ambition,
            action=AuditEvent.Action.AMBITION_LINKED,
            changes={"Work": [None, title]},
            summary=f"‘{title}’ linked to the ambition ‘{ambition.title}’",
        )
    return link


def unlink_work(*, actor, link: AmbitionLink) -> None:
    """Takes a piece of work off an ambition; the link stays in the ambition's history."""
    with transaction.atomic():
        ambition, title = link.ambition, work_title(link.opportunity)
        audit.record_change(
            actor=actor,
            instance=link,
            subject=ambition,
            action=AuditEvent.Action.AMBITION_LINKED,
            changes={"Work": [title, None]},
            summary=f"‘{title}’ taken off the ambition ‘{ambition.title}’",
        )
        link.delete()
