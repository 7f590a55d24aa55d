"""Demo data: the safeguarding contacts (the demo staff member and the safeguarding team's
inbox), and a few concerns in each state: new, being looked at with a reply, closed, and one
marked as safeguarding, at the top of the coordinators' list. The first demo expert has one
with a reply to read. Nothing audited (demo data is nobody's change), no email sent; made in
bulk, so demo_data stays quick."""

from datetime import timedelta

from coproduce.accounts.models import User
from coproduce.demo.accounts import COORDINATOR_EMAIL, DEMO_DOMAIN, LEAD_EMAIL, STAFF
from coproduce.demo.context import DemoContext
from coproduce.demo.people import DEMO_EXPERTS
from coproduce.impact.concerns.models import Concern, ConcernSettings, Step
from coproduce.people.choices import Status
from coproduce.people.models import Expert

STORIES = [
    (
        Concern.About.MEETING,
        "The meeting room was upstairs and the lift was not working. I could not get in.",
        "Please check the lift before meetings, or meet downstairs.",
    ),
    (
        Concern.About.PAYMENT,
        "I have not been paid for the workshop in March. It has been six weeks.",
        "I would like to be paid, and to know when.",
    ),
    (
        Concern.About.TREATMENT,
        "A member of staff talked over me every time I tried to speak.",
        "",
    ),
    (
        Concern.About.OTHER,
        "The papers came the night before the meeting. I did not have time to read them.",
        "Papers a week before, in easy read.",
    ),
    (
        Concern.About.MEETING,
        "There was no hearing loop in the room, so I could not follow what was said.",
        "",
    ),
    (
        Concern.About.TREATMENT,
        "Someone I support told me at the meeting that they are being hurt at home.",
        "",
    ),
]


def create(ctx: DemoContext) -> None:
    if Concern.objects.exists():
        return
    staff = {u.email: u for u in User.objects.filter(email__in=[s.email for s in STAFF])}
    coordinator = staff.get(COORDINATOR_EMAIL)
    lead = staff.get(LEAD_EMAIL)
    contact = next((u for e, u in staff.items() if e.startswith("staff@")), None)
    settings = ConcernSettings.objects.first() or ConcernSettings.objects.create(
        team_email=f"safeguarding@{DEMO_DOMAIN}", changed_at=ctx.now, changed_by=lead
    )
    if contact is not None:
        settings.contacts.add(contact)

    first = Expert.objects.filter(user__email=DEMO_EXPERTS[0].email).first()
    others = list(
        Expert.objects.filter(status=Status.ACTIVE, erased_at__isnull=True)
        .exclude(pk=getattr(first, "pk", None))
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    if not others and first is None:
        return
    who = [first.pk] if first is not None else []
    who += ctx.rng.sample(others, min(len(others), len(STORIES) + 2))
    handler_label = coordinator.display_name if coordinator else "Involvement team"

    concerns: list[Concern] = []
    plans: list[tuple[str, int]] = []  # (state, days ago)
    states = ["replied", "new", "closed", "replied", "new", "safeguarding", "closed", "new"]
    for n, expert_id in enumerate(who[: len(states)]):
        state = states[n]
        about, happened, wanted = STORIES[n % len(STORIES)]
        if state == "safeguarding":
            about, happened, wanted = STORIES[5]
        days_ago = ctx.rng.randint(1, 20)
        raised_at = ctx.now - timedelta(days=days_ago, hours=ctx.rng.randint(0, 8))
        concern = Concern(
            expert_id=expert_id,
            about=about,
            what_happened=happened,
            wanted=wanted,
            safeguarding=state == "safeguarding",
            raised_at=raised_at,
            status=Concern.Status.NEW,
        )
        if state in ("replied", "closed"):
            concern.status = Concern.Status.OPEN
            concern.category = {
                Concern.About.MEETING: Concern.Category.ACCESS,
                Concern.About.PAYMENT: Concern.Category.PAYMENT,
                Concern.About.TREATMENT: Concern.Category.STAFF,
            }.get(Concern.About(about), Concern.Category.INVOLVEMENT)
            concern.handler = coordinator
            concern.first_response_at = raised_at + timedelta(days=2)
        if state == "closed":
            concern.status = Concern.Status.CLOSED
            concern.closed_at = raised_at + timedelta(days=min(days_ago, 6))
        if state == "safeguarding":
            concern.safeguarding_told_at = raised_at + timedelta(minutes=1)
        concerns.append(concern)
        plans.append((state, days_ago))
    Concern.objects.bulk_create(concerns)
    names = dict(Expert.objects.filter(pk__in=who).values_list("pk", "full_name"))

    steps: list[Step] = []
    for concern, (state, _days) in zip(concerns, plans, strict=True):
        steps.append(
            Step(
                concern=concern,
                kind=Step.Kind.RAISED,
                at=concern.raised_at,
                by_label=names.get(concern.expert_id, ""),
            )
        )
        if state == "safeguarding":
            steps.append(
                Step(
                    concern=concern,
                    kind=Step.Kind.SAFEGUARDING,
                    at=concern.safeguarding_told_at or concern.raised_at,
                    by_label="System",
                    text="Emailed to 2 safeguarding contacts.",
                )
            )
        if state in ("replied", "closed") and concern.first_response_at:
            steps.append(
                Step(
                    concern=concern,
                    kind=Step.Kind.TRIAGED,
                    at=concern.raised_at + timedelta(days=1),
                    by=coordinator,
                    by_label=handler_label,
                    text=f"{concern.get_category_display()}. Handled by {handler_label}.",
                )
            )
            steps.append(
                Step(
                    concern=concern,
                    kind=Step.Kind.RESPONSE,
                    at=concern.first_response_at,
                    by=coordinator,
                    by_label=handler_label,
                    text=(
                        "Thank you for telling us, and we are sorry this happened. We are "
                        "looking into it and will tell you what we find."
                    ),
                )
            )
        if state == "closed" and concern.closed_at:
            steps.append(
                Step(
                    concern=concern,
                    kind=Step.Kind.CLOSED,
                    at=concern.closed_at,
                    by=coordinator,
                    by_label=handler_label,
                    text="We have spoken to the team and changed how we book rooms.",
                )
            )
    Step.objects.bulk_create(steps)
    ctx.say(f"{len(concerns)} concerns, one marked as safeguarding, and a safeguarding contact")
