"""Everything that changes mailing lists: making and changing a list, adding and removing
members, experts joining and leaving, writing a message and sending it once, and recording a
bounce. Each function is one transaction and writes its audit record; the caller has already
checked permission."""

from collections.abc import Iterable
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.comms.lists import audience
from coproduce.comms.lists.models import Delivery, MailingList, Member, Message, Version
from coproduce.membership.members import services as member_services

LIST_FIELDS = (
    "name",
    "team",
    "topic",
    "description",
    "open_to_join",
    "to_members",
    "members_constituency",
)
MESSAGE_FIELDS = ("subject", "body", "easy_read_body", "text_body")


class NotSent(Exception):
    """Why a message was not sent, in words for the person who pressed Send. Nothing was sent."""


def _list_values(mailing_list: MailingList) -> dict:
    values = audit.snapshot(mailing_list, LIST_FIELDS)
    values["team"] = mailing_list.team.name if mailing_list.team else ""
    values["members_constituency"] = (
        mailing_list.members_constituency.name if mailing_list.members_constituency else ""
    )
    return values


@transaction.atomic
def save_list(*, actor: User, values: dict, mailing_list: MailingList | None = None) -> MailingList:
    """Makes a list, or changes its name, team or topic, description, whether experts may
    join it themselves, and whether it also goes to Foundation Trust members (all, or one
    constituency's: `members_constituency`)."""
    before = _list_values(mailing_list) if mailing_list else {}
    mailing_list = mailing_list or MailingList(created_by=actor)
    for name in LIST_FIELDS:
        if name in values:
            setattr(mailing_list, name, values[name])
    if not mailing_list.to_members:
        mailing_list.members_constituency = None
    mailing_list.save()
    changes = audit.diff(before, _list_values(mailing_list))
    if changes:
        audit.record_change(
            actor=actor,
            instance=mailing_list,
            action=AuditEvent.Action.MAILING_LIST_SET,
            changes=changes,
            summary=f"Mailing list {'changed' if before else 'added'}: ‘{mailing_list.name}’",
        )
    return mailing_list


def _record_joins(actor, mailing_list: MailingList, experts: list, *, joined: bool) -> None:
    action = (
        AuditEvent.Action.MAILING_LIST_JOINED if joined else AuditEvent.Action.MAILING_LIST_LEFT
    )
    words = "Added to" if joined else "Taken off"
    audit.record_changes(
        actor=actor,
        action=action,
        changes=[
            (mailing_list, expert, f"{words} the mailing list ‘{mailing_list.name}’", {})
            for expert in experts
        ],
    )


@transaction.atomic
def add_members(*, actor: User | None, mailing_list: MailingList, experts: Iterable) -> int:
    """Puts the experts on the list (those already on it stay as they are); returns how many
    were added. Restricted and erased people are never added."""
    experts = [e for e in experts if e.restricted_at is None and e.erased_at is None]
    already = set(
        Member.objects.filter(mailing_list=mailing_list, expert__in=experts).values_list(
            "expert_id", flat=True
        )
    )
    new = [e for e in experts if e.pk not in already]
    Member.objects.bulk_create(
        [Member(mailing_list=mailing_list, expert=e, added_by=actor) for e in new],
        batch_size=1000,
        ignore_conflicts=True,
    )
    _record_joins(actor, mailing_list, new, joined=True)
    return len(new)


@transaction.atomic
def remove_member(*, actor: User | None, mailing_list: MailingList, expert) -> bool:
    """Takes the expert off the list; False if they were not on it."""
    count, _ = Member.objects.filter(mailing_list=mailing_list, expert=expert).delete()
    if count:
        _record_joins(actor, mailing_list, [expert], joined=False)
    return bool(count)


class CannotJoin(Exception):
    pass


@transaction.atomic
def join_list(*, expert, mailing_list: MailingList) -> bool:
    """The expert joins an open list in the portal; False if they were on it already."""
    if not mailing_list.open_to_join:
        raise CannotJoin("This list is kept by the involvement team. Ask them to add you")
    return bool(add_members(actor=expert.user, mailing_list=mailing_list, experts=[expert]))


def leave_list(*, expert, mailing_list: MailingList, actor: User | None = None) -> bool:
    """The expert leaves the list: in the portal, or by the link in a message (no actor)."""
    return remove_member(actor=actor, mailing_list=mailing_list, expert=expert)


@transaction.atomic
def save_message(
    *,
    actor: User,
    mailing_list: MailingList,
    values: dict,
    message: Message | None = None,
    documents: dict | None = None,
) -> Message:
    """Keeps a draft message with its versions; every change makes a new revision, which is
    checked again before it can be sent. `documents` maps a document field to a checked new
    document (documents.check) or None to remove it; fields not named are kept."""
    if message is not None and message.state != Message.State.DRAFT:
        raise NotSent("This message has been sent, so it can no longer be changed")
    message = message or Message(mailing_list=mailing_list, created_by=actor, revision=0)
    for name in MESSAGE_FIELDS:
        if name in values:
            setattr(message, name, (values[name] or "").replace("\r\n", "\n").strip())
    message.revision += 1
    with transaction.atomic():
        message.save()
        for field, checked in (documents or {}).items():
            stored = getattr(message, field)
            if stored:
                # Once the new state is saved: a failed save keeps the old file with its record.
                transaction.on_commit(partial(stored.storage.delete, stored.name))
            if checked is None:
                setattr(message, field, "")
            else:
                stored.save(
                    f"{message.pk}-{checked.name}", ContentFile(checked.content), save=False
                )
        if documents:
            message.save()
    return message


def _deliveries(message: Message) -> list[Delivery]:
    """A delivery for each member who gets the message, for each carer copied in, and for each
    Foundation Trust member the list also goes to, worked out in the database by the same rules
    as the check before sending."""
    members = audience.annotate(Member.objects.filter(mailing_list=message.mailing_list), message)
    rows = members.filter(reason="").values_list(
        "expert_id", "channel", "version", "carer", "email_version"
    )
    made = []
    for expert_id, channel, version, carer, email_version in rows.iterator(chunk_size=2000):
        made.append(
            Delivery(message=message, expert_id=expert_id, channel=channel, version=version)
        )
        if carer:
            made.append(
                Delivery(
                    message=message,
                    expert_id=expert_id,
                    to_carer=True,
                    channel=Delivery.Channel.EMAIL,
                    version=email_version,
                )
            )
    reached = audience.members_reached(message)
    if reached is not None:
        # Foundation Trust members: the standard email, one each (those also on the list as
        # experts have theirs above).
        for member_id in reached.filter(reason="").values_list("pk", flat=True).iterator(2000):
            made.append(
                Delivery(
                    message=message,
                    member_id=member_id,
                    channel=Delivery.Channel.EMAIL,
                    version=Version.STANDARD,
                )
            )
    return made


def queue_message(*, actor: User, message: Message, revision: int) -> Message:
    """Sends the message to everyone on its list who may get it, in the background: a delivery
    record for each is made now, and the worker sends them. Sent once only: a second press of
    Send (or a second tab) finds it no longer a draft and is refused. NotSent says why nothing
    was sent: the message changed since it was checked, it is empty, or nobody would get it."""
    from coproduce.comms.lists.tasks import send_message

    with transaction.atomic():
        # Locks the row (PostgreSQL) so a second request waits here, then reads it as sent.
        locked = Message.objects.select_for_update().filter(pk=message.pk).first()
        if locked is None or locked.state != Message.State.DRAFT:
            raise NotSent("This message has already been sent")
        if locked.revision != revision:
            raise NotSent("The message changed after you checked it. Check who gets it again")
        if not locked.subject.strip() or not locked.body.strip():
            raise NotSent("The message is empty. Write a subject and a message first")
        deliveries = _deliveries(locked)
        if not deliveries:
            raise NotSent("Nobody on this list would get this message")
        # The move from draft, made only if it is still a draft: on SQLite, where there is no
        # row lock, the second of two requests updates nothing and is refused.
        moved = Message.objects.filter(pk=locked.pk, state=Message.State.DRAFT).update(
            state=Message.State.QUEUED,
            sent_by=actor,
            queued_at=timezone.now(),
            total=len(deliveries),
            updated_at=timezone.now(),
        )
        if not moved:
            raise NotSent("This message has already been sent")
        Delivery.objects.bulk_create(deliveries, batch_size=2000)
        audit.record_change(
            actor=actor,
            instance=locked,
            subject=locked.mailing_list,
            action=AuditEvent.Action.MESSAGE_SENT,
            changes={"recipients": [None, len(deliveries)]},
            summary=f"Message sent to ‘{locked.mailing_list.name}’: ‘{locked.subject}’",
        )
        transaction.on_commit(lambda: send_message.enqueue(locked.pk))
    locked.refresh_from_db()
    return locked


def stop_member_news(*, member) -> bool:
    """A Foundation Trust member followed the link in the trust's news: they get no more of
    it. Kept in the member's own record (their "wants news" choice), by the membership
    office's service, which audits it. False when they had already stopped it or have left:
    nothing changes twice."""
    if not member.wants_news or not member.is_member:
        return False
    try:
        member_services.update_details(actor=None, member=member, values={"wants_news": False})
    except member_services.MembershipError:  # left between the two reads
        return False
    return True


def record_bounce(*, address: str, reason: str = "") -> int:
    """Marks the latest sent email to this address as bounced, with the reason the mail server
    gave; returns how many deliveries were marked (0 for an address we did not send to)."""
    address = address.strip().lower()
    if not address:
        return 0
    sent: QuerySet[Delivery] = Delivery.objects.filter(
        channel=Delivery.Channel.EMAIL, status=Delivery.Status.SENT
    )
    own = sent.filter(
        Q(to_carer=False) & (Q(expert__email__iexact=address) | Q(member__email__iexact=address))
    )
    carers = sent.filter(to_carer=True, expert__carer_email__iexact=address)
    latest = [
        d
        for d in (
            own.order_by("-sent_at", "-id").first(),
            carers.order_by("-sent_at", "-id").first(),
        )
        if d
    ]
    for delivery in latest:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.BOUNCED,
            error=(reason or "The email bounced")[:300],
            updated_at=timezone.now(),
        )
    return len(latest)
