"""Mailing lists' part of a person's data: the lists they are on and the messages sent to them
(or copied to their carer), with how each went. Erasure takes them off every list and deletes
the delivery records: the messages themselves name nobody."""

from coproduce.comms.lists.models import Delivery, Member
from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    memberships = [
        {"list": m.mailing_list.name, "joined_at": m.joined_at}
        for m in Member.objects.filter(expert=expert)
        .select_related("mailing_list")
        .order_by("joined_at")
    ]
    deliveries = [
        {
            "list": d.message.mailing_list.name,
            "subject": d.message.subject,
            "to": "your carer or supporter" if d.to_carer else "you",
            "how": d.get_channel_display(),
            "version": d.get_version_display(),
            "status": d.get_status_display(),
            "problem": d.error,
            "sent_at": d.sent_at,
        }
        for d in Delivery.objects.filter(expert=expert)
        .select_related("message__mailing_list")
        .order_by("id")
    ]
    return Section(
        "mailing_lists", {"mailing_lists": memberships, "messages_sent_to_you": deliveries}
    )


def erase(expert) -> list[str]:
    members, _ = Member.objects.filter(expert=expert).delete()
    deliveries, _ = Delivery.objects.filter(expert=expert).delete()
    removed = []
    if members:
        removed.append("the mailing lists they were on")
    if deliveries:
        removed.append("the record of messages sent to them")
    return removed
