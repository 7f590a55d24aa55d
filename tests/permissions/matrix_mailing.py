"""Permission matrix entries for mailing lists (issue 14). The involvement team (the lead and
coordinators) keeps the lists and sends messages; each expert sees, joins and leaves their own
lists in the portal; the link in a message to leave a list (or, for a Foundation Trust member,
to stop the trust's news) works for anyone holding it, signed in or not. Staff, finance and administrators are refused."""

from tests.permissions.outcomes import (
    DENIED,
    INVALID,
    MISSING,
    OK,
    PUBLIC,
    REDIRECT,
    TEAM,
    only,
    rule,
)

team = only(TEAM)
team_post = only(TEAM, ok=REDIRECT)
expert_page = rule(default=DENIED, expert=OK)
expert_post = rule(default=DENIED, expert=REDIRECT)

MAILING: dict[str, tuple[str, str, dict[str, str]]] = {
    "mailing:lists": ("get", "", team),
    "mailing:list_add": ("get", "", team),
    "mailing:list": ("get", "mailing_list", team),
    "mailing:list_change": ("get", "mailing_list", team),
    "mailing:members_add": ("get", "mailing_list", team),
    "mailing:member_remove": ("post", "mailing_member", team_post),
    "mailing:message_new": ("get", "mailing_list", team),
    "mailing:message": ("get", "mailing_message_sent", team),
    "mailing:message_change": ("get", "mailing_message", team),
    "mailing:message_check": ("get", "mailing_message", team),
    # Posted without the revision the check showed: refused, nothing sent.
    "mailing:message_send": ("post", "mailing_message", only(TEAM, ok=INVALID)),
    "mailing:my_lists": ("get", "", expert_page),
    "mailing:join": ("post", "mailing_list", expert_post),
    "mailing:my_leave": ("post", "mailing_list", expert_post),
    "mailing:mailing_leave_link": ("get", "mailing_leave_token", PUBLIC),
    # A Foundation Trust member's link to stop the trust's news: the signed link is the permission.
    "mailing:member_news_stop": ("get", "mailing_member_news_token", PUBLIC),
    # GOV.UK Notify's delivery receipts: missing unless NOTIFY_CALLBACK_TOKEN is set, and then
    # refused without it (tests/comms/lists/test_notify_receipts.py), whoever is signed in.
    "mailing:notify_delivery_receipt": ("post", "", rule(default=MISSING, anonymous=MISSING)),
}


def kwargs(key: str) -> dict | None:
    if not key.startswith("mailing_"):
        return None
    from django.utils import timezone

    from coproduce.comms.lists import services
    from coproduce.comms.lists.models import MailingList, Member, Message
    from coproduce.comms.lists.unsubscribe import leave_token
    from tests.factories import ExpertFactory

    made = MailingList.objects.create(name=f"List {MailingList.objects.count() + 1}", topic="News")
    if key == "mailing_member_news_token":
        from coproduce.comms.lists.unsubscribe import member_token
        from tests.permissions.matrix_members import _member

        return {"token": member_token(member_id=_member().pk, list_id=made.pk)}
    if key == "mailing_list":
        return {"pk": made.pk}
    expert = ExpertFactory(consent_given_at=timezone.now())
    Member.objects.create(mailing_list=made, expert=expert)
    if key == "mailing_member":
        return {"pk": made.pk, "expert_pk": expert.pk}
    if key == "mailing_leave_token":
        return {"token": leave_token(expert_id=expert.pk, list_id=made.pk)}
    message = Message.objects.create(mailing_list=made, subject="News", body="Words")
    if key == "mailing_message_sent":
        services.queue_message(actor=None, message=message, revision=message.revision)  # type: ignore[arg-type]
    return {"pk": message.pk}
