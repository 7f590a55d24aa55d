"""The scheduled reminders (one line each in coproduce/schedule.py). Each finds who is due
today, decides to send each reminder by making its `SentReminder` (unique: kind, what it is
about, who to, days before), and queues its delivery in that same transaction. A second run, or
two at once, finds the record made and sends nothing new.

Training's reminder stays in training (its own task and `reminded_at`); it asks the switches
here through `training.reminders.add_switch` (see apps.py)."""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from coproduce.comms.reminders import queries, sending, services, words
from coproduce.comms.reminders.models import Kind, OutcomeWho, SentReminder
from coproduce.comms.reminders.services import Decision
from coproduce.core.formats import count_of, long_date, money

# Expert reminders ----------------------------------------------------------------------------


def _decide_then_deliver(decision: Decision) -> bool:
    """Decides to send one reminder and queues it, together; False when it was sent before."""
    with transaction.atomic():
        sent = services.decide(decision)
        if sent is None:
            return False
        deliver.enqueue(sent.pk)
    return True


@task()
def send_session_reminders() -> int:
    """Daily: reminds each expert with a place at a session the organisation's numbers of days
    before it (e.g. 7 and 1). Returns how many reminders were decided."""
    found = queries.current_settings()
    if not found.session_on:
        return 0
    today = timezone.localdate()
    count = 0
    for days in found.session_days:
        for invitation in queries.sessions_coming(today=today, days=days):
            count += _decide_then_deliver(
                Decision(
                    Kind.SESSION,
                    invitation.pk,
                    queries.expert_recipient(invitation.expert_id),
                    days_before=days,
                    expert_id=invitation.expert_id,
                )
            )
    return count


@task()
def send_invitation_reminders() -> int:
    """Daily: reminds each expert of an invitation they have not answered after the
    organisation's number of days (once per invitation)."""
    found = queries.current_settings()
    if not found.invitation_on:
        return 0
    count = 0
    for invitation in queries.invitations_unanswered(
        now=timezone.now(), days=found.invitation_days
    ):
        count += _decide_then_deliver(
            Decision(
                Kind.INVITATION,
                invitation.pk,
                queries.expert_recipient(invitation.expert_id),
                expert_id=invitation.expert_id,
            )
        )
    return count


@task()
def send_agreement_reminders() -> int:
    """Daily: reminds each expert taking part who has not signed an agreement's current version
    the organisation's number of days after it was published (once per version)."""
    found = queries.current_settings()
    if not found.agreement_on:
        return 0
    count = 0
    for to_sign in queries.agreements_to_sign(now=timezone.now(), days=found.agreement_days):
        for expert in to_sign.experts:
            count += _decide_then_deliver(
                Decision(
                    Kind.AGREEMENT,
                    to_sign.version_id,
                    queries.expert_recipient(expert.pk),
                    expert_id=expert.pk,
                )
            )
    return count


def _message(sent: SentReminder):
    """The expert and the words of their reminder, or (None, None) when what it was about has
    gone."""
    if sent.kind in (Kind.SESSION, Kind.INVITATION):
        invitation = queries.invitation_for_reminder(sent.about_id)
        if invitation is None:
            return None, None
        if sent.kind == Kind.SESSION:
            return invitation.expert, words.session_coming(invitation, sent.days_before)
        return invitation.expert, words.invitation_unanswered(invitation)
    version = queries.agreement_version(sent.about_id)
    expert = queries.expert_for_reminder(sent.expert_id)
    if version is None or expert is None:
        return None, None
    message = words.agreement_to_sign(
        expert, title=version.agreement.title, version=version.number, version_id=version.pk
    )
    return expert, message


@task()
def deliver(sent_id: int) -> str:
    """Sends one expert's reminder and records how; returns how, or why nothing was sent."""
    sent = SentReminder.objects.filter(pk=sent_id).first()
    if sent is None:
        return ""
    expert, message = _message(sent)
    if expert is None or message is None:
        services.record_how(sent_ids=[sent.pk], not_sent="Not sent: it has gone")
        return "gone"
    result = sending.to_expert(expert, message, reference=f"reminder-{sent.pk}")
    services.record_how(sent_ids=[sent.pk], how=result.how, not_sent=result.not_sent)
    return result.how or result.not_sent


# Staff reminders -----------------------------------------------------------------------------


def _decide_for_staff(kind: str, rows_by_user: dict) -> int:
    """For each member of staff, decides each row's reminder once and queues one email listing
    the new ones, in one transaction per person. Returns how many people were reminded."""
    reminded = 0
    for user, rows in rows_by_user.items():
        recipient = queries.user_recipient(user.pk)
        with transaction.atomic():
            decided = [
                sent.pk
                for row in rows
                if (sent := services.decide(Decision(kind, row.pk, recipient))) is not None
            ]
            if decided:
                deliver_to_staff.enqueue(kind, user.pk, decided)
                reminded += 1
    return reminded


def _staff_for(kind: str, rows: list, users: list) -> dict:
    wanting = queries.users_wanting(users, kind)
    by_user = {}
    for user in wanting:
        sent = queries.already_sent(kind, [r.pk for r in rows], queries.user_recipient(user.pk))
        fresh = [r for r in rows if r.pk not in sent]
        if fresh:
            by_user[user] = fresh
    return by_user


@task()
def send_claim_reminders() -> int:
    """Daily: reminds the involvement team of claims waiting too long to be checked, and
    finance of claims waiting too long to be approved (each claim once to each person)."""
    found = queries.current_settings()
    now = timezone.now()
    count = 0
    if found.claim_check_on:
        rows = queries.claims_to_check(now=now, days=found.claim_check_days)
        if rows:
            count += _decide_for_staff(
                Kind.CLAIM_CHECK, _staff_for(Kind.CLAIM_CHECK, rows, queries.involvement_team())
            )
    if found.claim_approve_on:
        rows = queries.claims_to_approve(now=now, days=found.claim_approve_days)
        if rows:
            count += _decide_for_staff(
                Kind.CLAIM_APPROVE, _staff_for(Kind.CLAIM_APPROVE, rows, queries.finance_officers())
            )
    return count


@task()
def send_outcome_reminders() -> int:
    """Daily: reminds who the organisation chose (who asked for the work, the involvement
    team, or both) of work whose outcome is overdue (each piece of work once to each)."""
    found = queries.current_settings()
    if not found.outcome_on:
        return 0
    work = queries.overdue_work(now=timezone.now())
    if not work:
        return 0
    by_user: dict = defaultdict(list)
    if found.outcome_who in (OutcomeWho.REQUESTER, OutcomeWho.BOTH):
        for row in work:
            if row.requested_by is not None and row.requested_by.is_active:
                by_user[row.requested_by].append(row)
    if found.outcome_who in (OutcomeWho.TEAM, OutcomeWho.BOTH):
        for user in queries.involvement_team():
            by_user[user].extend(r for r in work if r not in by_user[user])
    count = 0
    for user, rows in by_user.items():
        count += _decide_for_staff(Kind.OUTCOME, _staff_for(Kind.OUTCOME, rows, [user]))
    return count


STAFF_WORDS = {
    Kind.CLAIM_CHECK: ("Claims waiting to be checked", "payments:claims"),
    Kind.CLAIM_APPROVE: ("Claims waiting to be approved", "payments:claims"),
    Kind.OUTCOME: ("Outcomes overdue", "outcomes:waiting"),
}


def _staff_rows(kind: str, user, ids: list[int]) -> list[dict]:
    if kind == Kind.OUTCOME:
        return [
            {"title": queries.title_for(user, work), "detail": f"Team: {work.team.name}"}
            for work in queries.work_by_ids(ids)
        ]
    return [
        {
            "title": queries.title_for(user, claim.invitation.session.opportunity),
            "detail": f"{claim.expert.display_name}, {money(claim.total)}, sent on "
            f"{long_date(claim.resubmitted_at or claim.submitted_at)}",
        }
        for claim in queries.claims_by_ids(ids)
    ]


@task()
def deliver_to_staff(kind: str, user_id: int, sent_ids: list[int]) -> str:
    """One email to a member of staff listing what waits for them."""
    user = queries.user_for_reminder(user_id)
    sent = list(SentReminder.objects.filter(pk__in=sent_ids))
    if user is None or not sent:
        return ""
    heading, url_name = STAFF_WORDS[Kind(kind)]
    rows = _staff_rows(kind, user, [s.about_id for s in sent])
    subject = f"{heading}: {count_of(len(rows), 'item')}"
    result = sending.to_staff(
        user,
        subject=subject,
        template="staff",
        context={
            "name": user.display_name,
            "heading": heading,
            "kind": kind,
            "rows": rows,
            "link": settings.SITE_URL + reverse(url_name),
            "settings_link": settings.SITE_URL + reverse("reminders:mine_staff"),
        },
    )
    services.record_how(sent_ids=sent_ids, how=result.how, not_sent=result.not_sent)
    return result.how or result.not_sent
