"""Background work for mailing lists: sending a queued message, copy by copy, recording how
each went as it goes (so the progress page moves), checking each person again at the moment
their copy goes: still on the list (for a Foundation Trust member: the list still goes to
members like them), and still someone we may contact this way."""

import contextlib

from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from coproduce.comms.lists import audience, sending
from coproduce.comms.lists.models import Delivery, Member, Message

BATCH = 100
LEFT_THE_LIST = "Left the list before it was sent"
CARER_NO_LONGER = "No longer asked for their carer to be copied in"


def why_not_now(delivery: Delivery, message: Message, members: set[int]) -> str:
    """Why this copy may not go now, or "": the same rules as the check before sending."""
    if delivery.member is not None:
        return audience.member_reason_for(delivery.member, message)
    expert = delivery.expert
    assert expert is not None  # noqa: S101  # nosec B101  # the check constraint: one is set
    if delivery.expert_id not in members:
        return LEFT_THE_LIST
    reason = audience.reason_for(expert, message)
    if delivery.to_carer:
        if reason in {audience.RESTRICTED, audience.DO_NOT_CONTACT, audience.NO_CONSENT}:
            return audience.REASONS[reason]
        return "" if audience.carer_copied(expert) else CARER_NO_LONGER
    if reason:
        return audience.REASONS[reason]
    wanted = Delivery.Channel.TEXT if expert.preferred_channel == "text" else Delivery.Channel.EMAIL
    if wanted != delivery.channel:
        return f"Now prefers {Delivery.Channel(wanted).label.lower()}: not sent by {delivery.get_channel_display().lower()}"
    return ""


def _send_batch(batch: list[Delivery], message: Message) -> None:
    members = set(
        Member.objects.filter(
            mailing_list_id=message.mailing_list_id,
            expert_id__in=[d.expert_id for d in batch if d.expert_id],
        ).values_list("expert_id", flat=True)
    )
    connection = get_connection()
    try:
        # One connection for the batch. If the mail server cannot be reached, each email
        # tries again on its own and is recorded as failed, with why.
        with contextlib.suppress(OSError):
            connection.open()
        for delivery in batch:
            problem = why_not_now(delivery, message, members)
            if problem:
                delivery.status, delivery.error = Delivery.Status.NOT_SENT, problem
                continue
            if delivery.channel == Delivery.Channel.TEXT:
                problem = sending.send_text(delivery, message)
            else:
                problem = sending.send_email(delivery, message, connection)
                if problem == sending.NOT_DELIVERED:
                    # The connection may be broken: the next copy opens a fresh one.
                    connection.close()
            delivery.status = Delivery.Status.FAILED if problem else Delivery.Status.SENT
            delivery.error = problem
            delivery.sent_at = None if problem else timezone.now()
    finally:
        connection.close()
    now = timezone.now()
    for delivery in batch:
        delivery.updated_at = now
    Delivery.objects.bulk_update(batch, ["status", "error", "sent_at", "updated_at"])


@task()
def send_message(message_id: int) -> int:
    """Sends every waiting copy of the message; returns how many were sent. Run again (say
    after the worker stopped half way), it carries on with the copies still waiting."""
    Message.objects.filter(pk=message_id, state=Message.State.QUEUED).update(
        state=Message.State.SENDING
    )
    message = Message.objects.select_related("mailing_list").filter(pk=message_id).first()
    if message is None or message.state != Message.State.SENDING:
        return 0
    waiting = Delivery.objects.filter(message=message, status=Delivery.Status.QUEUED)
    sent = 0
    last = 0
    while True:
        batch = list(
            waiting.filter(Q(pk__gt=last))
            .select_related("expert", "member__expert")
            .order_by("pk")[:BATCH]
        )
        if not batch:
            break
        _send_batch(batch, message)
        sent += sum(d.status == Delivery.Status.SENT for d in batch)
        last = batch[-1].pk
    Message.objects.filter(pk=message_id).update(
        state=Message.State.SENT, finished_at=timezone.now(), updated_at=timezone.now()
    )
    return sent
