"""Demo data for experts meeting each other: a dozen active experts in the directory (the first
demo expert among them, so signing in as them shows it; no photos), and two events: the annual
get-together, open to experts, with replies (some with guests, dietary and access needs), and a
public open day shown on the public pages. Nothing audited (demo data is nobody's change);
made in bulk, so demo_data stays quick. Call `create(ctx)` after the people and accounts."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.comms.directory.models import (
    AccessNeed,
    Answer,
    DietaryNeed,
    DirectoryEntry,
    Event,
    EventReply,
    OpenTo,
)
from coproduce.demo.accounts import LEAD_EMAIL
from coproduce.demo.context import DemoContext
from coproduce.demo.people import DEMO_EXPERTS
from coproduce.people.choices import Status
from coproduce.people.models import Expert

IN_DIRECTORY = 12
REPLIES = 30

INTERESTS = [
    "Gardening, my two dogs and making services better for carers",
    "Music, football and easy read information",
    "Walking groups, photography and mental health services",
    "Baking, crosswords and dementia-friendly communities",
    "Art, the theatre and getting young people heard",
    "Chairing meetings, history and the allotment",
    "Knitting, my grandchildren and good hospital food",
    "Cycling, learning BSL and peer support",
    "",
    "Films, cooking and making GP surgeries easier to use",
    "Birdwatching and the patient panel",
    "Quiz nights and making forms simpler",
]


def _at(day: datetime, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day.date(), time(hour)))


def create(ctx: DemoContext) -> None:
    if Event.objects.exists():
        return
    active = Expert.objects.processable().filter(status=Status.ACTIVE)
    first = active.filter(email__in=[DEMO_EXPERTS[0].email])
    # The first demo expert, then the next in name order: a directory to see at once.
    experts = list(first) + list(
        active.exclude(email__in=[DEMO_EXPERTS[0].email])
        .only("id", "full_name", "preferred_name")
        .order_by("full_name", "id")[: max(REPLIES, IN_DIRECTORY)]
    )
    DirectoryEntry.objects.bulk_create(
        DirectoryEntry(
            expert=expert,
            first_name=(expert.preferred_name or expert.full_name).split()[0],
            interests=INTERESTS[n % len(INTERESTS)],
            joined_at=ctx.now,
            updated_at=ctx.now,
        )
        for n, expert in enumerate(experts[:IN_DIRECTORY])
    )
    lead = User.objects.filter(email=LEAD_EMAIL).first()
    in_two_months = ctx.now + timedelta(days=60)
    get_together = Event.objects.create(
        title="Annual get-together",
        description="Lunch together, a look back at what changed this year because of you, "
        "and the Working Together award.",
        starts_at=_at(in_two_months, 11),
        ends_at=_at(in_two_months, 15),
        place="Shirehall, Abbey Foregate, Shrewsbury SY2 6ND",
        open_to=OpenTo.EXPERTS,
        capacity=80,
        reply_by=(in_two_months - timedelta(days=14)).date(),
        guests_allowed=1,
        created_by=lead,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    in_a_month = ctx.now + timedelta(days=30)
    Event.objects.create(
        title="Open day: get involved",
        description="Meet experts by experience and the involvement team, and find out how "
        "you could help shape local services.",
        starts_at=_at(in_a_month, 10),
        ends_at=_at(in_a_month, 13),
        place="Shrewsbury Library, Castle Gates, Shrewsbury SY1 2AS",
        online=True,
        how_to_come="Just turn up, or email involvement@example.org to ask about access.",
        open_to=OpenTo.PUBLIC,
        ask_dietary=False,
        created_by=lead,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    answers = [Answer.YES] * 6 + [Answer.MAYBE] * 2 + [Answer.NO] * 2
    diets = list(DietaryNeed.values)
    access = list(AccessNeed.values)
    replies = []
    for expert in experts[1:REPLIES]:
        answer = ctx.rng.choice(answers)
        coming = answer != Answer.NO
        replies.append(
            EventReply(
                event=get_together,
                expert=expert,
                answer=answer,
                guests=1 if answer == Answer.YES and ctx.rng.random() < 0.3 else 0,
                dietary=[ctx.rng.choice(diets)] if coming and ctx.rng.random() < 0.35 else [],
                access=[ctx.rng.choice(access)] if coming and ctx.rng.random() < 0.25 else [],
                replied_at=ctx.now,
                updated_at=ctx.now,
            )
        )
    EventReply.objects.bulk_create(replies)
    ctx.say(
        f"Directory: {min(len(experts), IN_DIRECTORY)} experts; events: 2, with "
        f"{len(replies)} replies to the get-together"
    )
