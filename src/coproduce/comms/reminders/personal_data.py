"""Reminders' part of a person's data: the reminders they turned off and the reminders sent to
them (what about, when, how). Erasure deletes both."""

from coproduce.comms.reminders import queries
from coproduce.comms.reminders.models import Kind
from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    return Section(
        "reminders",
        {
            "reminders_turned_off": sorted(
                Kind(k).label for k in queries.kinds_off_for_expert(expert)
            ),
            "reminders_sent": [
                {
                    "kind": Kind(s.kind).label,
                    "sent_at": s.decided_at,
                    "how": s.how or s.not_sent,
                }
                for s in queries.sent_to_expert(expert)
            ],
        },
    )


def erase(expert) -> list[str]:
    from coproduce.comms.reminders.models import ExpertReminderOff, SentReminder

    erased = []
    if ExpertReminderOff.objects.filter(expert=expert).delete()[0]:
        erased.append("reminder choices")
    if SentReminder.objects.filter(expert=expert).delete()[0]:
        erased.append("reminders sent")
    return erased
