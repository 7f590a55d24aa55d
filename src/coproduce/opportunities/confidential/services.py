"""Everything that changes confidential work: marking it confidential with its named staff,
its papers (added, opened, withdrawn), closing it, and the debrief and wellbeing check-ins
offered to each expert after each session they attended. Each change is audited. The
audit summaries never carry the work's title or a paper's: the trail is read by people who
may not be named on the work."""

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.onboarding.models import Prerequisite
from coproduce.opportunities.choices import Attendance, RequestStatus
from coproduce.opportunities.confidential.files import CheckedPaper
from coproduce.opportunities.models import CheckIn, Invitation, Opportunity, Paper, PaperOpening

# What confidential work always asks of the experts invited to it.
PREREQUISITES = (Prerequisite.CONFIDENTIALITY.value, Prerequisite.INVESTIGATION.value)
# Work in these statuses is closed: its papers are withdrawn.
CLOSED_STATUSES = (RequestStatus.DECLINED, RequestStatus.CANCELLED)
CLOSED_WHY = "The work closed"


class ConfidentialError(Exception):
    """The change cannot be made now; the message says why, in words for the page."""


def _names(users: Iterable[User]) -> list[str]:
    return sorted(u.display_name for u in users)


def set_confidential(
    *,
    actor: User,
    opportunity: Opportunity,
    confidential: bool,
    named_staff: Iterable[User],
    debrief_after_days: int | None = None,
    wellbeing_after_days: int | None = None,
) -> Opportunity:
    """Marks the work confidential (it cannot be made open again: what was shared in
    confidence stays so), names the staff who may see it (the person who asked for it always
    among them) and adds the prerequisites such work needs. Called inside the caller's
    transaction, after the opportunity is saved."""
    if opportunity.confidential and not confidential:
        raise ConfidentialError("Confidential work stays confidential")
    if not confidential:
        return opportunity
    newly = not opportunity.confidential
    fields = []
    if newly:
        opportunity.confidential = True
        fields.append("confidential")
    missing = [code for code in PREREQUISITES if code not in opportunity.prerequisites]
    if missing:
        opportunity.prerequisites = [*opportunity.prerequisites, *missing]
        fields.append("prerequisites")
    for name, value in (
        ("debrief_after_days", debrief_after_days),
        ("wellbeing_after_days", wellbeing_after_days),
    ):
        if value is not None and getattr(opportunity, name) != value:
            setattr(opportunity, name, value)
            fields.append(name)
    if fields:
        opportunity.save(update_fields=[*fields, "updated_at"])
    if newly:
        audit.record_change(
            actor=actor,
            instance=opportunity,
            action=AuditEvent.Action.MADE_CONFIDENTIAL,
            changes={"confidential": [False, True]},
            summary="Marked confidential",
        )
    wanted = {u.pk: u for u in named_staff}
    wanted[opportunity.requested_by_id] = opportunity.requested_by
    change_named_staff(actor=actor, opportunity=opportunity, named_staff=wanted.values())
    if newly:
        make_check_ins(
            Invitation.objects.filter(
                session__opportunity=opportunity, attendance=Attendance.ATTENDED
            ).select_related("session", "session__opportunity")
        )
    return opportunity


def change_named_staff(
    *, actor: User, opportunity: Opportunity, named_staff: Iterable[User]
) -> bool:
    """Names exactly these staff on the work (the requester stays named). Audited when it
    changes; returns whether it did."""
    wanted = {u.pk: u for u in named_staff}
    if opportunity.requested_by_id not in wanted:
        wanted[opportunity.requested_by_id] = opportunity.requested_by
    current = {u.pk: u for u in opportunity.named_staff.all()}
    if set(current) == set(wanted):
        return False
    opportunity.named_staff.set(list(wanted))
    audit.record_change(
        actor=actor,
        instance=opportunity,
        action=AuditEvent.Action.CONFIDENTIAL_STAFF_CHANGED,
        changes={"named_staff": [_names(current.values()), _names(wanted.values())]},
        summary="Named staff changed",
    )
    return True


# Check-ins ----------------------------------------------------------------------------------


def make_check_ins(invitations: Iterable[Invitation]) -> int:
    """For each expert who attended a session of confidential work, the debrief and the
    wellbeing check-in due the set number of days after it (once each: again is a no-op).
    Returns how many were made."""
    wanted = []
    for invitation in invitations:
        opportunity = invitation.session.opportunity
        if not opportunity.confidential or invitation.attendance != Attendance.ATTENDED:
            continue
        day = timezone.localdate(invitation.session.ends_at)
        wanted += [
            CheckIn(
                invitation=invitation,
                kind=CheckIn.Kind.DEBRIEF,
                due_on=day + timedelta(days=opportunity.debrief_after_days),
            ),
            CheckIn(
                invitation=invitation,
                kind=CheckIn.Kind.WELLBEING,
                due_on=day + timedelta(days=opportunity.wellbeing_after_days),
            ),
        ]
    if not wanted:
        return 0
    have = set(
        CheckIn.objects.filter(invitation__in=[c.invitation for c in wanted]).values_list(
            "invitation_id", "kind"
        )
    )
    new = [c for c in wanted if (c.invitation.pk, c.kind) not in have]
    CheckIn.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def attendance_recorded(invitations: Iterable[Invitation]) -> None:
    """Called by the attendance service after it saves: experts who came to confidential work
    are offered their check-ins; those corrected to not having come lose the ones not done."""
    invitations = [i for i in invitations if i.session.opportunity.confidential]
    if not invitations:
        return
    make_check_ins(invitations)
    gone = [i.pk for i in invitations if i.attendance != Attendance.ATTENDED]
    if gone:
        CheckIn.objects.filter(invitation_id__in=gone, outcome=CheckIn.Outcome.DUE).delete()


@transaction.atomic
def record_check_in(*, actor: User, check_in: CheckIn, outcome: str) -> CheckIn:
    """Records what happened with a check-in: that it happened, was offered, declined, or
    the expert could not be reached. When and by whom is kept; never what was said."""
    if outcome not in CheckIn.Outcome.values or outcome == CheckIn.Outcome.DUE:
        raise ConfidentialError("Choose what happened")
    locked = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    before = locked.get_outcome_display()
    locked.outcome = outcome
    locked.recorded_by = actor
    locked.recorded_at = timezone.now()
    locked.save(update_fields=["outcome", "recorded_by", "recorded_at", "updated_at"])
    audit.record_change(
        actor=actor,
        instance=locked,
        action=AuditEvent.Action.CHECK_IN_RECORDED,
        changes={"outcome": [before, locked.get_outcome_display()]},
        subject=check_in.invitation.expert,
        summary=f"{locked.get_kind_display()}: {locked.get_outcome_display().lower()}",
    )
    return locked


# Papers -------------------------------------------------------------------------------------


def is_closed(opportunity: Opportunity) -> bool:
    return opportunity.closed_at is not None or opportunity.status in CLOSED_STATUSES


@transaction.atomic
def add_paper(*, actor: User, opportunity: Opportunity, title: str, checked: CheckedPaper) -> Paper:
    """Adds a paper to open confidential work: the file as files.check_paper cleaned it,
    never the bytes that were sent."""
    if not opportunity.confidential:
        raise ConfidentialError("Papers are shared this way only for confidential work")
    if is_closed(opportunity):
        raise ConfidentialError("This work is closed, so no more papers can be added")
    paper = Paper(
        opportunity=opportunity,
        title=title,
        kind=checked.kind,
        size=checked.size,
        file_name=checked.name,
        added_by=actor,
    )
    paper.file.save(f"paper.{checked.kind}", ContentFile(checked.content), save=False)
    paper.save()
    audit.record_change(
        actor=actor,
        instance=paper,
        action=AuditEvent.Action.PAPER_ADDED,
        changes={"kind": [None, checked.kind], "size": [None, checked.size]},
        subject=opportunity,
        summary=f"Paper added ({checked.kind.upper()})",
    )
    return paper


def paper_opened(*, user: User, paper: Paper) -> PaperOpening:
    """Records that this person opened the paper (the view then sends the file)."""
    opening = PaperOpening.objects.create(paper=paper, opened_by=user)
    audit.record_change(
        actor=user,
        instance=paper,
        action=AuditEvent.Action.PAPER_OPENED,
        subject=paper.opportunity,
        summary="Paper opened",
    )
    return opening


def _withdraw(*, actor: User | None, paper: Paper, why: str) -> None:
    if paper.file:
        transaction.on_commit(partial(paper.file.storage.delete, paper.file.name))
    paper.file = ""  # type: ignore[assignment]  # an empty FileField, as Django stores it
    paper.withdrawn_at = timezone.now()
    paper.withdrawn_by = actor
    paper.withdrawn_why = why
    paper.save(
        update_fields=["file", "withdrawn_at", "withdrawn_by", "withdrawn_why", "updated_at"]
    )
    audit.record_change(
        actor=actor,
        instance=paper,
        action=AuditEvent.Action.PAPER_WITHDRAWN,
        changes={"withdrawn": [False, True]},
        subject=paper.opportunity,
        summary=f"Paper withdrawn: {why.lower()}",
    )


@transaction.atomic
def withdraw_paper(*, actor: User, paper: Paper) -> Paper:
    """Withdraws one paper by hand: its file is deleted once this commits; the record stays,
    with who withdrew it and when, and the list of who opened it."""
    locked = Paper.objects.select_for_update().select_related("opportunity").get(pk=paper.pk)
    if locked.withdrawn_at is not None:
        raise ConfidentialError("This paper has already been withdrawn")
    _withdraw(actor=actor, paper=locked, why="Withdrawn by named staff")
    return locked


def withdraw_papers_of(*, actor: User | None, opportunity: Opportunity) -> int:
    """Withdraws every paper of closed work still shared. Returns how many."""
    papers = list(
        Paper.objects.select_for_update()
        .select_related("opportunity")
        .filter(opportunity=opportunity, withdrawn_at__isnull=True)
    )
    for paper in papers:
        _withdraw(actor=actor, paper=paper, why=CLOSED_WHY)
    return len(papers)


@transaction.atomic
def close_work(*, actor: User, opportunity: Opportunity) -> int:
    """Named staff close confidential work when it is done: every paper is withdrawn and no
    more can be added. Sessions, attendance and check-ins stay."""
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if locked.closed_at is not None:
        raise ConfidentialError("This work is already closed")
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at", "updated_at"])
    audit.record_change(
        actor=actor,
        instance=locked,
        action=AuditEvent.Action.STATUS_CHANGED,
        changes={"closed": [False, True]},
        summary="Confidential work closed",
    )
    return withdraw_papers_of(actor=actor, opportunity=locked)


def work_status_changed(*, actor: User | None, opportunity: Opportunity) -> int:
    """Called when the work is declined or cancelled: its papers are withdrawn."""
    if opportunity.confidential and opportunity.status in CLOSED_STATUSES:
        return withdraw_papers_of(actor=actor, opportunity=opportunity)
    return 0


@transaction.atomic
def withdraw_papers_of_closed_work() -> int:
    """The nightly safety net: papers of any confidential work that is closed (by a change of
    status made anywhere) are withdrawn. Returns how many."""
    papers = list(
        Paper.objects.select_for_update()
        .select_related("opportunity")
        .filter(withdrawn_at__isnull=True, opportunity__confidential=True)
        .filter(
            Q(opportunity__closed_at__isnull=False) | Q(opportunity__status__in=CLOSED_STATUSES)
        )
    )
    for paper in papers:
        _withdraw(actor=None, paper=paper, why=CLOSED_WHY)
    return len(papers)
