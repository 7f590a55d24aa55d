"""Invitations, places and the waiting list.

An expert is INVITED to a session. They accept: they get a place (ACCEPTED) if one is free,
or go on the waiting list (WAITING) in the order they said yes. They decline (DECLINED), or,
having said yes, cancel (CANCELLED); the team may also withdraw an invitation (CANCELLED).

When a place frees, the person who has waited longest gets it straight away (ACCEPTED) and is
told, with a calendar entry and a link to cancel if they can no longer come. They asked to
come, so a coordinator expects the place filled now, not an offer that might sit unanswered
until the meeting.

Places are counted with the session's row locked, inside the transaction that changes an
invitation: two people accepting the last place at once are served one after the other, and
no session is ever overbooked.

Answer links (coproduce.opportunities.answer_links) let experts answer without signing in."""

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import long_date, time_of_day
from coproduce.opportunities.answer_links import (
    ALREADY_ANSWERED,
    ALREADY_HAPPENED,
    INVITATION_WITHDRAWN,
    SESSION_CANCELLED,
    check_answer_link,
)
from coproduce.opportunities.choices import InvitationStatus, RequestStatus, SessionStatus
from coproduce.opportunities.models import Invitation, InviteRun, Session
from coproduce.opportunities.tasks_invitations import (
    send_invitations,
    tell_about_cancelled_place,
    tell_about_place,
    tell_about_withdrawal,
)
from coproduce.opportunities.transitions import may, move
from coproduce.people.choices import Status
from coproduce.people.models import Expert

# A reason for saying no is kept in the audit trail's summary, which has room for this much.
REASON_LENGTH = 100
REASON_TOO_LONG = f"Give your reason in {REASON_LENGTH} characters or fewer"

# Why an answer is refused, by the invitation's status. Which statuses allow it is in
# opportunities/transitions.py; these are the words for the others.
CANNOT_ACCEPT: dict[str, str] = {
    InvitationStatus.ACCEPTED: "You already have a place at this meeting",
    InvitationStatus.WAITING: "You are already on the waiting list for this meeting",
    InvitationStatus.CANCELLED: INVITATION_WITHDRAWN,
}
CANNOT_DECLINE: dict[str, str] = {
    InvitationStatus.DECLINED: "You have already said no to this meeting",
    InvitationStatus.CANCELLED: INVITATION_WITHDRAWN,
}


class InvitationError(Exception):
    """A reason, in words for the person who asked, that nothing was changed."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def _when(session: Session) -> str:
    return f"{long_date(session.starts_at)} at {time_of_day(session.starts_at)}"


def _audit(
    invitation: Invitation, *, by, action: AuditEvent.Action, before: str, summary: str
) -> None:
    audit.record_change(
        actor=by,
        instance=invitation,
        action=action,
        changes={"status": [before, invitation.status]},
        subject=invitation.expert,
        summary=f"{summary}: {audit.shortened(invitation.session.opportunity.title, 100)}, "
        f"{_when(invitation.session)}",
    )


def _check_session_open(session: Session) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise InvitationError(SESSION_CANCELLED)
    if session.starts_at <= timezone.now():
        raise InvitationError(ALREADY_HAPPENED)


def _check_reason(reason: str) -> None:
    if len(reason) > REASON_LENGTH:
        raise InvitationError(REASON_TOO_LONG)


def _lock(invitation: Invitation) -> tuple[Session, Invitation]:
    """Locks the session's row, then the invitation's, always in that order, and returns them
    fresh from the database. Everyone changing places at a session queues here."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("opportunity", "venue")
        .get(pk=invitation.session_id)
    )
    fresh = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("expert")
        .get(pk=invitation.pk)
    )
    fresh.session = session
    return session, fresh


def places_taken(session: Session) -> int:
    return session.invitations.filter(status=InvitationStatus.ACCEPTED).count()


# Inviting ------------------------------------------------------------------------------------


def invite_problems(*, sessions: Iterable[Session], experts: Iterable[Expert]) -> list[str]:
    """Why these experts cannot be invited to these sessions, in words; empty when they can."""
    problems = []
    sessions = list(sessions)
    if not sessions:
        problems.append("Choose at least one session to invite people to")
    if len({s.opportunity_id for s in sessions}) > 1:
        problems.append("Invite people to the sessions of one opportunity at a time")
    now = timezone.now()
    for session in sessions:
        if session.opportunity.status not in (RequestStatus.APPROVED, RequestStatus.PUBLISHED):
            problems.append(
                f"{session.opportunity.title} is not approved, so nobody can be invited yet"
            )
            break
    for session in sessions:
        if session.status == SessionStatus.CANCELLED:
            problems.append(f"The session on {_when(session)} is cancelled")
        elif session.starts_at <= now:
            problems.append(f"The session on {_when(session)} has already happened")
    experts = list(experts)
    if not experts:
        problems.append("Choose at least one expert to invite")
    for expert in experts:
        if expert.erased_at is not None:
            problems.append("An erased record cannot be invited")
            continue
        if expert.restricted_at is not None:
            # UK GDPR article 18: we may not use their information to offer them work.
            problems.append(
                f"{expert.full_name} asked us to restrict how we use their information, "
                "so cannot be invited"
            )
            continue
        if expert.status in (Status.PAUSED, Status.LEFT):
            state = "paused" if expert.status == Status.PAUSED else "has left"
            verb = "is " if expert.status == Status.PAUSED else ""
            problems.append(f"{expert.full_name} {verb}{state}, so cannot be invited")
    return problems


@transaction.atomic
def invite_experts(
    *, actor: User, sessions: Iterable[Session], experts: Iterable[Expert]
) -> InviteRun:
    """Invites each expert to each session, leaving out anyone already invited, and starts
    sending the invitations in the background. The coordinator follows the returned run."""
    sessions = list(sessions)
    experts = list(experts)
    problems = invite_problems(sessions=sessions, experts=experts)
    if problems:
        raise InvitationError("Nobody has been invited", problems)
    existing = set(
        Invitation.objects.filter(session__in=sessions, expert__in=experts).values_list(
            "session_id", "expert_id"
        )
    )
    created = []
    for session in sessions:
        for expert in experts:
            if (session.pk, expert.pk) in existing:
                continue
            invitation = Invitation.objects.create(
                session=session, expert=expert, status=InvitationStatus.INVITED, invited_by=actor
            )
            invitation.session = session
            invitation.expert = expert
            _audit(
                invitation, by=actor, action=AuditEvent.Action.INVITED, before="", summary="Invited"
            )
            created.append(invitation)
    run = InviteRun.objects.create(
        opportunity=sessions[0].opportunity,
        created_by=actor,
        invitation_ids=[i.pk for i in created],
        total=len(created),
        already_invited=len(existing),
        state=InviteRun.State.QUEUED if created else InviteRun.State.DONE,
        finished_at=None if created else timezone.now(),
    )
    if created:
        transaction.on_commit(lambda: send_invitations.enqueue(run.pk))
    return run


@transaction.atomic
def record_place_after_the_event(*, actor: User, session: Session, expert: Expert) -> Invitation:
    """Records that an expert had a place at a session that has already happened, so their
    attendance can be recorded and they are paid. Nobody is emailed or sent a calendar entry:
    the meeting is over. An invitation they already have (unanswered, declined, waiting) becomes
    a place."""
    session = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if session.starts_at > timezone.now():
        raise InvitationError(
            "This meeting has not happened yet. Invite people from the shortlist instead"
        )
    if session.status == SessionStatus.CANCELLED:
        raise InvitationError(SESSION_CANCELLED)
    if expert.status == Status.LEFT:
        raise InvitationError(f"{expert.full_name} has left the register")
    invitation, created = Invitation.objects.select_for_update(of=("self",)).get_or_create(
        session=session,
        expert=expert,
        defaults={"status": InvitationStatus.ACCEPTED, "invited_by": actor},
    )
    if not created and invitation.status == InvitationStatus.ACCEPTED:
        return invitation
    # A new invitation is made with its place; one they already had moves to a place.
    before = "" if created else move(invitation, "record a place after the meeting")
    invitation.responded_at = timezone.now()
    invitation.waiting_since = None
    invitation.answer_token_hash = ""
    invitation.save(
        update_fields=["status", "responded_at", "waiting_since", "answer_token_hash", "updated_at"]
    )
    invitation.session = session
    invitation.expert = expert
    _audit(
        invitation,
        by=actor,
        action=AuditEvent.Action.GIVEN_A_PLACE,
        before=before,
        summary="Recorded as having a place, after the meeting",
    )
    return invitation


class Answer:
    ACCEPT = "accept"
    DECLINE = "decline"
    CANCEL = "cancel"


def answers_for(invitation: Invitation) -> tuple[str, ...]:
    """What the person can say through a link, given where their invitation is now."""
    if invitation.status == InvitationStatus.INVITED:
        return (Answer.ACCEPT, Answer.DECLINE)
    if invitation.status in (InvitationStatus.ACCEPTED, InvitationStatus.WAITING):
        return (Answer.CANCEL,)
    return ()


def answer_by_link(*, token: str, answer: str) -> Invitation:
    """Answers through a link from an email: once only. Raises InvitationError, changing
    nothing, when the link cannot be used or the answer is not one it offers."""
    with transaction.atomic():
        check = check_answer_link(token)
        if check.invitation is None or check.problem:
            raise InvitationError(check.problem)
        # Lock in the same order as every other change, then look again: a second click that
        # waited for the first finds the link used.
        _lock(check.invitation)
        check = check_answer_link(token, for_update=True)
        invitation = check.invitation
        if invitation is None or not check.usable:
            raise InvitationError(check.problem)
        if answer not in answers_for(invitation):
            raise InvitationError(ALREADY_ANSWERED)
        Invitation.objects.filter(pk=invitation.pk).update(answer_token_used_at=timezone.now())
        by = invitation.expert.user
        if answer == Answer.ACCEPT:
            return accept_invitation(invitation=invitation, by=by)
        if answer == Answer.DECLINE:
            return decline_invitation(invitation=invitation, by=by)
        return cancel_booking(invitation=invitation, by=by)


# Answers -------------------------------------------------------------------------------------


@transaction.atomic
def accept_invitation(*, invitation: Invitation, by: User | None = None) -> Invitation:
    """Says yes: a place if one is free, otherwise a place on the waiting list."""
    session, invitation = _lock(invitation)
    _check_session_open(session)
    if not may(invitation.status, "accept"):
        raise InvitationError(CANNOT_ACCEPT[invitation.status])
    # Anyone already waiting comes first, if places have been added since they joined the list.
    offer_place_to_next(session=session)
    before = invitation.status
    now = timezone.now()
    invitation.responded_at = now
    if places_taken(session) < session.opportunity.places:
        move(invitation, "accept", to=InvitationStatus.ACCEPTED)
        invitation.waiting_since = None
        summary = "Accepted a place"
    else:
        move(invitation, "accept", to=InvitationStatus.WAITING)
        invitation.waiting_since = now
        summary = "Said yes, and is on the waiting list (the places were full)"
    invitation.save(update_fields=["status", "responded_at", "waiting_since", "updated_at"])
    _audit(invitation, by=by, action=AuditEvent.Action.ACCEPTED, before=before, summary=summary)
    return invitation


@transaction.atomic
def decline_invitation(
    *, invitation: Invitation, by: User | None = None, reason: str = ""
) -> Invitation:
    """Says no. Someone on the waiting list who declines leaves it; someone with a place who
    declines gives it up, as if they had cancelled."""
    _check_reason(reason)
    session, invitation = _lock(invitation)
    _check_session_open(session)
    if invitation.status == InvitationStatus.ACCEPTED:
        return cancel_booking(invitation=invitation, by=by, reason=reason)
    if not may(invitation.status, "decline"):
        raise InvitationError(CANNOT_DECLINE[invitation.status])
    before = move(invitation, "decline")
    invitation.responded_at = timezone.now()
    invitation.waiting_since = None
    invitation.save(update_fields=["status", "responded_at", "waiting_since", "updated_at"])
    summary = "Declined" + (f" ({reason})" if reason else "")
    _audit(invitation, by=by, action=AuditEvent.Action.DECLINED, before=before, summary=summary)
    return invitation


@transaction.atomic
def cancel_booking(
    *, invitation: Invitation, by: User | None = None, reason: str = ""
) -> Invitation:
    """The expert can no longer come (or leaves the waiting list). A place they held goes to
    the next person waiting."""
    _check_reason(reason)
    session, invitation = _lock(invitation)
    _check_session_open(session)
    if not may(invitation.status, "cancel"):
        raise InvitationError("There is no place to cancel")
    before = move(invitation, "cancel")
    invitation.responded_at = timezone.now()
    invitation.waiting_since = None
    invitation.save(update_fields=["status", "responded_at", "waiting_since", "updated_at"])
    on_behalf = by is not None and by != invitation.expert.user
    summary = "Cancelled their place" + (" (recorded by the team)" if on_behalf else "")
    if reason:
        summary += f" ({reason})"
    _audit(invitation, by=by, action=AuditEvent.Action.CANCELLED, before=before, summary=summary)
    if before == InvitationStatus.ACCEPTED:
        offer_place_to_next(session=session)
    return invitation


@transaction.atomic
def cancel_place_for_expert(*, invitation: Invitation, by: User) -> Invitation:
    """The team cancels an expert's place (or takes them off the waiting list). A place they
    held goes to the next person waiting; the expert is told, by email and by text if they
    prefer texts, with a cancellation for their calendar."""
    invitation = cancel_booking(invitation=invitation, by=by)
    pk = invitation.pk
    transaction.on_commit(lambda: tell_about_cancelled_place.enqueue(pk))
    return invitation


def next_in_line(session: Session) -> Invitation | None:
    """Who has waited longest for a place at the session, if anyone."""
    return (
        session.invitations.filter(status=InvitationStatus.WAITING)
        .select_related("expert")
        .order_by("waiting_since", "id")
        .first()
    )


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, by: User) -> Invitation:
    """The team takes back an invitation. A place it held goes to the next person waiting;
    the expert is told, with a cancellation for their calendar."""
    session, invitation = _lock(invitation)
    _check_session_open(session)
    if not may(invitation.status, "withdraw"):
        raise InvitationError("Only an invitation that is still open can be withdrawn")
    before = move(invitation, "withdraw")
    invitation.waiting_since = None
    invitation.answer_token_hash = ""
    invitation.save(update_fields=["status", "waiting_since", "answer_token_hash", "updated_at"])
    _audit(
        invitation,
        by=by,
        action=AuditEvent.Action.WITHDRAWN,
        before=before,
        summary="Invitation withdrawn",
    )
    pk = invitation.pk
    transaction.on_commit(lambda: tell_about_withdrawal.enqueue(pk))
    if before == InvitationStatus.ACCEPTED:
        offer_place_to_next(session=session)
    return invitation


def offer_place_to_next(*, session: Session) -> list[Invitation]:
    """Gives each free place to whoever has waited longest, and tells them. Call it with the
    session's row locked, in the transaction that freed the place."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("offer_place_to_next must run inside the transaction that locks")
    if session.status == SessionStatus.CANCELLED or session.starts_at <= timezone.now():
        return []
    free = session.opportunity.places - places_taken(session)
    if free <= 0:
        return []
    waiting = list(
        session.invitations.filter(status=InvitationStatus.WAITING)
        .select_related("expert")
        .select_for_update(of=("self",))
        .order_by("waiting_since", "id")[:free]
    )
    for invitation in waiting:
        invitation.session = session
        move(invitation, "give a place from the waiting list")
        invitation.save(update_fields=["status", "updated_at"])
        _audit(
            invitation,
            by=None,
            action=AuditEvent.Action.GIVEN_A_PLACE,
            before=InvitationStatus.WAITING,
            summary="Given a place from the waiting list",
        )
        pk = invitation.pk
        transaction.on_commit(partial(tell_about_place.enqueue, pk))
    return waiting
