"""Background work for training: each day, reminding people whose training runs out soon
(and the involvement team, in one list). Each record is reminded once, however often the
schedule runs: its `reminded_at` is set in the same transaction as its email is queued."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from coproduce.training import queries, reminders


@task()
def send_training_reminders() -> int:
    """Daily: queues a reminder for each record that runs out within the organisation's number
    of days (TRAINING_REMINDER_DAYS) and has not been reminded, one record at a time, each in
    its own transaction; then the team's list. Returns how many were queued."""
    if not reminders.switched_on():
        return 0  # the organisation turned training reminders off
    today = timezone.localdate()
    queued: list[int] = []
    for pk in queries.due_reminders(today=today, days=reminders.reminder_days()):
        with transaction.atomic():
            if reminders.claim(pk) is None:
                continue
            # Queued inside the transaction: with the database task backend, the reminder
            # and its reminded_at are saved together or not at all.
            send_training_reminder.enqueue(pk)
        queued.append(pk)
    if queued:
        tell_team_about_expiring.enqueue(queued)
    return len(queued)


@task()
def send_training_reminder(record_id: int) -> bool:
    """Emails one person that their training runs out soon; True when they were told."""
    found = queries.records_for_reminders([record_id])
    if not found:
        return False
    return not reminders.send_reminder(found[0])


@task()
def tell_team_about_expiring(record_ids: list[int]) -> int:
    """One email to the involvement team listing the training reminded about."""
    return reminders.tell_team(record_ids)
