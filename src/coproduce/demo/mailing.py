"""Demo data for mailing lists (issue 14): a list for each of the first few teams, and lists
by topic ("Mental health services", "Carers' news", "Interview panels"), with members drawn
from the register, and "Trust news", which also goes to Foundation Trust members (issue 15);
and one message already sent to "Carers' news", with an Easy Read and a text version and a
delivery record for each person it went to (a few failed or bounced, as real
sending has). Runs after the people and accounts. Fast: members and deliveries go in with
bulk_create, the recipients are worked out in the database by the same rules as the check
before sending, and nothing is audited (demo data is nobody's change)."""

from datetime import timedelta

from coproduce.accounts.models import Team, User
from coproduce.accounts.roles import Role
from coproduce.comms.lists import audience
from coproduce.comms.lists.models import Delivery, MailingList, Member, Message
from coproduce.demo.context import DemoContext
from coproduce.people.models import Expert

BATCH = 2000
TEAMS = 3
# (name, topic, description, share of the register on it, open to join)
TOPICS: list[tuple[str, str, str, float, bool]] = [
    (
        "Mental health services",
        "Mental health services",
        "News of work on mental health services, and chances to take part.",
        0.12,
        True,
    ),
    (
        "Carers' news",
        "Carers",
        "For carers: the carers' café, training and changes to support for carers.",
        0.2,
        True,
    ),
    (
        "Interview panels",
        "Recruitment",
        "Experts trained to sit on interview panels: we write when a panel needs people.",
        0.04,
        False,
    ),
]
# A list that also goes to every Foundation Trust member who asked for the trust's news by
# email (issue 15), beside the few experts on it.
MEMBERS_LIST = (
    "Trust news",
    "The trust's news",
    "The trust's regular news, for experts on this list and for Foundation Trust members.",
    0.03,
    True,
)
CARERS_MESSAGE = {
    "subject": "The carers' café is back",
    "body": (
        "Hello,\n\nThe carers' café meets again from next month, on the first Tuesday of each "
        "month, 10am to 12pm, at the Oak Room, Community Hub.\n\nCome along for a cup of tea, "
        "to meet other carers and to tell us what would make caring easier. Travel costs are "
        "paid.\n\nPlease tell us if you need any support to come."
    ),
    "easy_read_body": (
        "The carers' café is starting again.\n\nIt is on the first Tuesday of every month.\n\n"
        "It is from 10 in the morning to 12 noon.\n\nIt is in the Oak Room at the Community "
        "Hub.\n\nYou can have a cup of tea and talk to other carers.\n\nWe pay for your travel."
    ),
    "text_body": (
        "The carers' café is back: first Tuesday of each month, 10am to 12pm, Oak Room, "
        "Community Hub. Travel paid. Reply to the team if you need support to come."
    ),
}


def create(ctx: DemoContext) -> None:
    """Run again on the same database, it adds nothing: the demo lists are there already."""
    if MailingList.objects.filter(name__in=[topic[0] for topic in TOPICS]).exists():
        return
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    people = list(Expert.objects.processable().order_by("pk").values_list("pk", flat=True))
    lists = [
        MailingList(
            name=f"{team.name} news",
            team=team,
            description=f"News from {team.name} and chances to take part in its work.",
            open_to_join=True,
            created_by=coordinator,
        )
        for team in Team.objects.filter(active=True).order_by("pk")[:TEAMS]
    ]
    shares = [0.05] * len(lists)
    for name, topic, description, share, open_to_join in TOPICS:
        lists.append(
            MailingList(
                name=name,
                topic=topic,
                description=description,
                open_to_join=open_to_join,
                created_by=coordinator,
            )
        )
        shares.append(share)
    name, topic, description, share, open_to_join = MEMBERS_LIST
    lists.append(
        MailingList(
            name=name,
            topic=topic,
            description=description,
            open_to_join=open_to_join,
            to_members=True,
            created_by=coordinator,
        )
    )
    shares.append(share)
    lists = MailingList.objects.bulk_create(lists)
    members = []
    for mailing_list, share in zip(lists, shares, strict=True):
        chosen = ctx.rng.sample(people, max(1, int(len(people) * share))) if people else []
        members += [
            Member(mailing_list=mailing_list, expert_id=pk, added_by=coordinator) for pk in chosen
        ]
    Member.objects.bulk_create(members, batch_size=BATCH)
    carers = next(m for m in lists if m.name == "Carers' news")
    sent = _sent_message(ctx, carers, coordinator)
    ctx.say(
        f"Mailing lists: {len(lists)}, {len(members):,} members; "
        f"one message sent to {sent:,} people"
    )


def _sent_message(ctx: DemoContext, mailing_list: MailingList, by: User | None) -> int:
    queued_at = ctx.now - timedelta(days=9)
    message = Message.objects.create(
        mailing_list=mailing_list,
        state=Message.State.SENT,
        created_by=by,
        sent_by=by,
        queued_at=queued_at,
        finished_at=queued_at + timedelta(minutes=4),
        **CARERS_MESSAGE,
    )
    rows = audience.annotate(Member.objects.filter(mailing_list=mailing_list), message)
    deliveries = []
    for expert_id, channel, version, carer, email_version in rows.filter(reason="").values_list(
        "expert_id", "channel", "version", "carer", "email_version"
    ):
        roll = ctx.rng.random()
        status, error = Delivery.Status.SENT, ""
        if roll < 0.01:
            status, error = Delivery.Status.BOUNCED, "550 5.1.1 Mailbox does not exist"
        elif roll < 0.015:
            status, error = Delivery.Status.FAILED, "The mail server refused the email address"
        deliveries.append(
            Delivery(
                message=message,
                expert_id=expert_id,
                channel=channel,
                version=version,
                status=status,
                error=error,
                sent_at=queued_at + timedelta(minutes=2) if status != "failed" else None,
            )
        )
        if carer:
            deliveries.append(
                Delivery(
                    message=message,
                    expert_id=expert_id,
                    to_carer=True,
                    channel=Delivery.Channel.EMAIL,
                    version=email_version,
                    status=Delivery.Status.SENT,
                    sent_at=queued_at + timedelta(minutes=2),
                )
            )
    Delivery.objects.bulk_create(deliveries, batch_size=BATCH)
    Message.objects.filter(pk=message.pk).update(total=len(deliveries))
    return len(deliveries)
