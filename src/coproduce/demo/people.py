"""Demo data for the register: the lists, a few experts who can sign in, and any number of
fictional experts with a believable spread of status, expertise, needs and history.

Fast enough for 20,000 experts: names and streets come from pools made once, rows go in with
bulk_create in batches, and many-to-many links go in as through rows.

No audit record is written for any of it: the audit trail records what a person changed and
why, and demo data is nobody's change. Thousands of "System created" events would also bury
the real events a demo is meant to show."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import cast

from django.conf import settings
from django.db import models

from coproduce.accounts import services as account_services
from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.core.models import ChoiceList
from coproduce.demo import bulk
from coproduce.demo.accounts import COORDINATOR_EMAIL, DEMO_DOMAIN, LEAD_EMAIL
from coproduce.demo.context import DemoContext, SignIn
from coproduce.people.choices import BenefitsDeclaration as Benefits
from coproduce.people.choices import Channel, PaymentPreference, Perspective, Status
from coproduce.people.models import (
    AccessNeed,
    Expert,
    LivedExperienceArea,
    Locality,
    Skill,
    StatusChange,
)

# The lists, each entry with how common it is among experts; for each lived-experience area
# also how an expert might put it in a biography.
AREAS = {
    "Mental health": (24, "I have used mental health services for years"),
    "Dementia": (10, "I was diagnosed with early-onset dementia"),
    "Autism": (10, "I am autistic"),
    "Learning disability": (12, "I have a learning disability"),
    "Physical disability": (10, "I use a wheelchair"),
    "Long-term condition": (9, "I live with a long-term condition"),
    "Sight loss": (5, "I am registered blind"),
    "Hearing loss": (5, "I am deaf"),
    "Substance misuse": (4, "I am in recovery from addiction"),
    "Stroke": (3, "I had a stroke"),
    "Acquired brain injury": (2, "I had a brain injury after a road accident"),
    "Maternity services": (3, "I had a difficult pregnancy"),
    "Children's services": (5, "I grew up in care"),
    "Homelessness": (2, "I have been homeless"),
}
CARER_AREAS = {
    "Carer of an older person": 12,
    "Carer of a child with additional needs": 6,
    "Carer of someone with a mental illness": 6,
}
SKILLS = {
    "Interview panel": 20,
    "Reading papers": 18,
    "Chairing": 5,
    "Training delivery": 8,
    "Investigations": 4,
    "Quality visits": 10,
    "Easy Read checking": 6,
    "Co-design workshops": 12,
    "Mystery shopping": 4,
    "Public speaking": 6,
    "Research and evaluation": 4,
    "Peer support": 8,
}
NEEDS = {
    "Easy read": 12,
    "Large print": 10,
    "BSL interpreter": 3,
    "Hearing loop": 6,
    "Step-free access": 12,
    "A companion or carer": 10,
    "Papers a week in advance": 10,
    "Regular breaks": 10,
    "A quiet room": 5,
    "Help with transport": 8,
    "Documents that work with a screen reader": 3,
}
# Locality: how common, and the outward parts of its postcodes.
LOCALITIES = {
    "Shrewsbury": (30, ["SY1", "SY2", "SY3", "SY5"]),
    "Telford": (24, ["TF2", "TF3", "TF4", "TF7"]),
    "Oswestry": (10, ["SY10", "SY11"]),
    "Bridgnorth": (7, ["WV15", "WV16"]),
    "Wellington": (6, ["TF1", "TF6"]),
    "Market Drayton": (6, ["TF9"]),
    "Ludlow": (6, ["SY8"]),
    "Whitchurch": (5, ["SY13"]),
    "Newport": (4, ["TF10"]),
    "Wem": (3, ["SY4"]),
    "Church Stretton": (3, ["SY6"]),
    "Bishop's Castle": (2, ["SY9"]),
}
LOCALITY_WEIGHTS = {name: weight for name, (weight, _) in LOCALITIES.items()}
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's inward part may use

PERSPECTIVES = {
    Perspective.SERVICE_USER: 50,
    Perspective.CARER: 25,
    Perspective.BOTH: 17,
    Perspective.GROUP_REPRESENTATIVE: 8,
}
# The ways a record can have moved along enquiry → onboarding → active → paused → left.
ENQUIRY, ONBOARDING, ACTIVE = Status.ENQUIRY, Status.ONBOARDING, Status.ACTIVE
PAUSED, LEFT = Status.PAUSED, Status.LEFT
STATUSES = {ACTIVE: 68, ENQUIRY: 8, ONBOARDING: 7, PAUSED: 8, LEFT: 9}
PATHS = {
    ENQUIRY: [[ENQUIRY]],
    ONBOARDING: [[ENQUIRY, ONBOARDING]],
    ACTIVE: [[ENQUIRY, ONBOARDING, ACTIVE]] * 9 + [[ENQUIRY, ONBOARDING, ACTIVE, PAUSED, ACTIVE]],
    PAUSED: [[ENQUIRY, ONBOARDING, ACTIVE, PAUSED]],
    LEFT: [[ENQUIRY, ONBOARDING, ACTIVE, LEFT]] * 14
    + [[ENQUIRY, ONBOARDING, ACTIVE, PAUSED, LEFT]] * 3
    + [[ENQUIRY, LEFT]] * 3,
}
# Days between one status and the next, and the reasons a coordinator would give.
GAPS = {ONBOARDING: (5, 40), ACTIVE: (14, 75), PAUSED: (60, 700), LEFT: (30, 900)}
BACK_FROM_PAUSE = "Ready to take part again"
REASONS = {
    ONBOARDING: ["Welcome conversation held", "Met the team for a welcome chat"],
    ACTIVE: ["Induction and safeguarding training done"],
    PAUSED: [
        "Taking a break for health reasons",
        "Caring responsibilities have grown",
        "Moving house",
    ],
    LEFT: [
        "Moved out of the area",
        "No longer wishes to take part",
        "No reply after three contacts",
        "Started a paid job with the trust",
    ],
}
FIRST_REASONS = {
    "get involved form": "Asked to get involved through the website",
    "community event": "Met the team at a community event",
    "referral from a team": "Referred by their care coordinator",
    "register": "Added to the register",
    "spreadsheet import": "Imported from the old spreadsheet of experts",
}
WEEKLY_LIMITS = [Decimal("195.00"), Decimal("196.00"), Decimal("20.00")]  # ESA, Carer's, IS
MONTHLY_LIMITS = [Decimal("411.00"), Decimal("684.00")]  # Universal Credit work allowances
NICKNAMES = {
    "Margaret": "Maggie",
    "Elizabeth": "Liz",
    "Patricia": "Pat",
    "Susan": "Sue",
    "Deborah": "Debbie",
    "Jacqueline": "Jackie",
    "Rebecca": "Becky",
    "Victoria": "Vicky",
    "William": "Bill",
    "Robert": "Bob",
    "Anthony": "Tony",
    "Christopher": "Chris",
    "Michael": "Mike",
    "Thomas": "Tom",
    "Andrew": "Andy",
    "Stephen": "Steve",
    "Daniel": "Dan",
    "Matthew": "Matt",
}
STREET_KINDS = ["Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent", "Grove"]
RELATIVES = ["mum", "dad", "husband", "wife", "partner", "son", "daughter", "brother", "nan"]
GROUPS = ["Telford Carers' Café", "the Severn Vale Deaf Forum", "Ludlow Sight Loss Circle"]
GROUPS += ["Oswestry Self-Advocacy Group", "Shrewsbury Recovery Peer Group"]
BIO_ENDINGS = [
    "I want services to listen to people before decisions are made.",
    "I have sat on interview panels and enjoy helping to choose staff.",
    "I like reading papers and asking the questions nobody else asks.",
    "I got involved after a poor hospital discharge, and I want it to go better for others.",
    "I am happiest in small groups and online meetings.",
    "I would like to help with training for new staff.",
]
ACCESS_NOTES = [
    "Needs a ground-floor room and a parking space near the door.",
    "Comes with a support worker, who does not need paying.",
    "Please send papers on yellow paper in 16pt Arial.",
    "Gets tired in the afternoons: morning meetings work best.",
    "Please speak clearly and face them: they lip-read.",
]
INTERNAL_NOTES = [
    "Prefers a phone call to an email.",
    "Do not phone before 10am.",
    "Met at the Telford carers' café in March.",
    "Keen to join the recruitment panel for the new ward manager.",
    "Has asked not to be sent invitations for evening meetings.",
]


@dataclass(frozen=True)
class DemoExpert:
    """An expert who can sign in to the portal, with a profile that shows its features."""

    mailbox: str
    full_name: str
    preferred_name: str
    status: Status
    perspective: Perspective
    areas: list[str]
    skills: list[str]
    needs: list[str]
    locality: str
    benefits: Benefits
    earnings_limit: Decimal | None = None
    assessment_day: int | None = None
    payment: PaymentPreference = PaymentPreference.PAID

    @property
    def email(self) -> str:
        return f"{self.mailbox}@{DEMO_DOMAIN}"


DEMO_EXPERTS = [
    DemoExpert(
        mailbox="expert",
        full_name="Margaret Hughes",
        preferred_name="Maggie",
        status=ACTIVE,
        perspective=Perspective.SERVICE_USER,
        areas=["Learning disability", "Autism"],
        skills=["Interview panel", "Easy Read checking"],
        needs=["Easy read", "A companion or carer"],
        locality="Shrewsbury",
        benefits=Benefits.WEEKLY_LIMIT,
        earnings_limit=Decimal("195.00"),
    ),
    DemoExpert(
        mailbox="carer",
        full_name="David Price",
        preferred_name="Dave",
        status=ACTIVE,
        perspective=Perspective.CARER,
        areas=["Carer of an older person", "Dementia"],
        skills=["Reading papers", "Chairing", "Quality visits"],
        needs=["Hearing loop"],
        locality="Oswestry",
        benefits=Benefits.MONTHLY_LIMIT,
        earnings_limit=Decimal("411.00"),
        assessment_day=14,
    ),
    DemoExpert(
        mailbox="newcomer",
        full_name="Amira Khan",
        preferred_name="",
        status=ONBOARDING,
        perspective=Perspective.SERVICE_USER,
        areas=["Mental health"],
        skills=[],
        needs=["Large print", "Regular breaks"],
        locality="Telford",
        benefits=Benefits.NONE,
    ),
]


@dataclass
class Pools:
    """Values made once and drawn from for every row."""

    female: list[str]
    male: list[str]
    last: list[str]
    streets: list[str]

    @classmethod
    def make(cls, ctx: DemoContext) -> "Pools":
        last = ctx.pool(ctx.faker.last_name, 400)
        streets = ["High Street", "Church Lane", "Mill Road", "Station Road", "Castle Street"]
        streets += [f"{name} {ctx.rng.choice(STREET_KINDS)}" for name in last[:150]]
        return cls(
            female=ctx.pool(ctx.faker.first_name_female, 200),
            male=ctx.pool(ctx.faker.first_name_male, 200),
            last=last,
            streets=streets,
        )


@dataclass
class Lists:
    areas: dict[str, int]
    carer_areas: dict[str, int]
    skills: dict[str, int]
    needs: dict[str, int]
    localities: dict[str, int]


@dataclass
class Plan:
    """One expert before it is saved, with the rows that hang off it."""

    expert: Expert
    areas: list[int] = field(default_factory=list)
    skills: list[int] = field(default_factory=list)
    needs: list[int] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)


def sign_ins() -> list[SignIn]:
    how = "a code sent to this email: read it at /dev/outbox/"
    return [SignIn(Role.EXPERT.label, d.email, how) for d in DEMO_EXPERTS]


def create(ctx: DemoContext) -> None:
    made = Lists(
        areas=_ensure(LivedExperienceArea, {n: w for n, (w, _) in AREAS.items()}),
        carer_areas=_ensure(LivedExperienceArea, CARER_AREAS),
        skills=_ensure(Skill, SKILLS),
        needs=_ensure(AccessNeed, NEEDS),
        localities=_ensure(Locality, LOCALITIES),
    )
    maker = _Maker(ctx, made, start=Expert.objects.count())
    taken = set(
        User.objects.filter(email__in=[d.email for d in DEMO_EXPERTS]).values_list(
            "email", flat=True
        )
    )
    plans = [maker.demo(d) for d in DEMO_EXPERTS[: ctx.experts] if d.email not in taken]
    plans += [maker.random() for _ in range(max(ctx.experts - len(plans), 0))]
    _insert(plans)
    links = sum(len(p.areas) + len(p.skills) + len(p.needs) for p in plans)
    changes = sum(len(p.history) for p in plans)
    ctx.say(f"Register: {len(plans):,} experts, {links:,} expertise and needs, {changes:,} moves")


def _ensure(model: type[ChoiceList], entries: dict) -> dict[str, int]:
    """The list's entries by name, adding those missing: the team may have renamed others."""
    existing = dict(model.objects.values_list("name", "pk"))
    order = len(existing)
    missing = []
    for name in entries:
        if name not in existing:
            order += 1
            missing.append(model(name=name, order=order))
    model.objects.bulk_create(missing)
    existing = dict(model.objects.values_list("name", "pk"))
    return {name: existing[name] for name in entries}


class _Maker:
    def __init__(self, ctx: DemoContext, lists: Lists, start: int):
        self.ctx, self.rng, self.lists, self.number = ctx, ctx.rng, lists, start
        self.pools = Pools.make(ctx)
        staff = User.objects.filter(email__in=[COORDINATOR_EMAIL, LEAD_EMAIL])
        self.team: list[User | None] = list(staff) or [None]
        self.area_names = list(lists.areas)
        self.carer_names = list(lists.carer_areas)
        self.every_area = {**lists.areas, **lists.carer_areas}
        self.area_by_id = {pk: name for name, pk in self.every_area.items()}

    def random(self, status: Status | None = None, locality: str | None = None) -> Plan:
        rng = self.rng
        self.number += 1
        status = status or _weighted(rng, STATUSES)
        female = rng.random() < 0.52
        first = rng.choice(self.pools.female if female else self.pools.male)
        last = rng.choice(self.pools.last)
        perspective = _weighted(rng, PERSPECTIVES)
        channel = rng.choices(list(Channel), [55, 18, 17, 10])[0]
        # Someone who wants letters is less likely to have an email address.
        has_email = channel == Channel.EMAIL or rng.random() < (0.5 if channel == "post" else 0.85)
        payment = rng.choices(list(PaymentPreference), [65, 20, 15])[0]
        if locality is None and rng.random() > 0.05:  # a few have no locality recorded
            locality = _weighted(rng, LOCALITY_WEIGHTS)
        expert = Expert(
            full_name=f"{first} {last}",
            preferred_name=NICKNAMES.get(first, "") if rng.random() < 0.5 else "",
            pronouns=_pronouns(rng, female),
            email=_email(first, last, self.number) if has_email else "",
            phone=_phone(rng, channel),
            preferred_channel=channel,
            locality_id=self.lists.localities[locality] if locality else None,
            address=self._address(locality) if locality and rng.random() < 0.85 else "",
            postcode=_postcode(rng, locality) if locality else "",
            perspective=perspective,
            available_days=_days(rng),
            available_times=sorted(
                rng.sample(["afternoon", "evening", "morning"], rng.randint(0, 3))
            ),
            notice_days=rng.choice([2, 3, 5, 7, 7, 7, 14, 14, 21, 28]),
            payment_preference=payment,
            payee_reference=f"EBE{self.number:06d}" if payment == PaymentPreference.PAID else "",
            access_notes=rng.choice(ACCESS_NOTES) if rng.random() < 0.12 else "",
            internal_notes=rng.choice(INTERNAL_NOTES) if rng.random() < 0.1 else "",
            status=status,
        )
        _benefits(rng, expert)
        plan = Plan(expert=expert)
        self._expertise(plan)
        expert.biography = self._biography(plan) if rng.random() < 0.55 else ""
        self._history(plan)
        return plan

    def demo(self, d: DemoExpert) -> Plan:
        plan = self.random(d.status, d.locality)
        e = plan.expert
        e.full_name, e.preferred_name, e.email = d.full_name, d.preferred_name, d.email
        e.perspective = d.perspective
        e.benefits_declaration, e.earnings_limit = d.benefits, d.earnings_limit
        e.assessment_period_start_day = d.assessment_day
        plan.areas = [self.every_area[n] for n in d.areas]
        plan.skills = [self.lists.skills[n] for n in d.skills]
        plan.needs = [self.lists.needs[n] for n in d.needs]
        e.payment_preference = d.payment
        e.payee_reference = f"EBE{self.number:06d}" if d.payment == PaymentPreference.PAID else ""
        e.biography = self._biography(plan)
        e.user = account_services.add_expert_account(email=d.email, full_name=d.full_name)
        return plan

    def _address(self, locality: str) -> str:
        street = f"{self.rng.randint(1, 120)} {self.rng.choice(self.pools.streets)}"
        if self.rng.random() < 0.15:
            street = f"Flat {self.rng.randint(1, 24)}, {street}"
        return f"{street}\n{locality}"

    def _expertise(self, plan: Plan) -> None:
        rng, lists, perspective = self.rng, self.lists, plan.expert.perspective
        weights = [w for w, _ in AREAS.values()]
        own = self.ctx.pick(self.area_names, weights, rng.choice([1, 1, 2, 2, 3]))
        caring = self.ctx.pick(self.carer_names, list(CARER_AREAS.values()), 1)
        if perspective == Perspective.CARER:
            names = caring + own[:1]
        elif perspective == Perspective.BOTH:
            names = caring + own[:2]
        else:
            names = own
        plan.areas = [self.every_area[n] for n in names]
        skill_count = rng.choices([0, 1, 2, 3, 4], [20, 30, 25, 15, 10])[0]
        need_count = rng.choices([0, 1, 2], [55, 30, 15])[0]
        plan.skills = [
            lists.skills[n] for n in self.ctx.pick(list(SKILLS), list(SKILLS.values()), skill_count)
        ]
        plan.needs = [
            lists.needs[n] for n in self.ctx.pick(list(NEEDS), list(NEEDS.values()), need_count)
        ]

    def _biography(self, plan: Plan) -> str:
        rng = self.rng
        names = [self.area_by_id[i] for i in plan.areas]
        own = next((AREAS[n][1] for n in names if n in AREAS), "I live with a long-term condition")
        relative = rng.choice(RELATIVES)
        opening = {
            Perspective.SERVICE_USER: f"{own}.",
            Perspective.CARER: f"I have cared for my {relative} for {rng.randint(2, 20)} years.",
            Perspective.BOTH: f"{own}, and I also care for my {relative}.",
            Perspective.GROUP_REPRESENTATIVE: f"I speak for {rng.choice(GROUPS)}, a user-led group.",
        }[Perspective(plan.expert.perspective)]
        return f"{opening} {rng.choice(BIO_ENDINGS)}"

    def _history(self, plan: Plan) -> None:
        """Status moves that end at the expert's status, dated from when they joined to now."""
        rng, e, now = self.rng, plan.expert, self.ctx.now
        path = list(rng.choice(PATHS[Status(e.status)]))
        age_days = {ENQUIRY: (0.5, 60), ONBOARDING: (10, 120)}.get(path[-1], (120, 5 * 365))
        created = now - timedelta(days=rng.uniform(*age_days))
        imported = ACTIVE in path and created < now - timedelta(days=2 * 365) and rng.random() < 0.3
        if imported:
            path = path[path.index(ACTIVE) :]
            e.source = "spreadsheet import"
        else:
            e.source = rng.choices(list(FIRST_REASONS)[:4], [60, 15, 15, 10])[0]
        at, previous = created, ""
        for step in path:
            if not previous:
                reason = FIRST_REASONS[e.source]
            else:
                at = _later(rng, at, now, GAPS[step])
                reason = BACK_FROM_PAUSE if previous == PAUSED else rng.choice(REASONS[step])
            by = None if not previous and e.source == "get involved form" else rng.choice(self.team)
            plan.history.append(
                StatusChange(from_status=previous, to_status=step, reason=reason, at=at, by=by)
            )
            previous = step
        e.created_at, e.updated_at = created, at
        # The form asks for consent; others agree at the welcome conversation; a few imported
        # records never had it written down.
        welcome = next((c.at for c in plan.history if c.to_status == ONBOARDING), created)
        consent: datetime | None = created if e.source == "get involved form" else welcome
        if imported and rng.random() < 0.1:
            consent = None
        e.consent_given_at = consent
        e.consent_privacy_notice_version = _notice_version(consent) if consent else ""


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _later(rng, at: datetime, now: datetime, gap: tuple[int, int]) -> datetime:
    """A step some days after `at`, but always before now."""
    step = at + timedelta(days=rng.uniform(*gap))
    return step if step < now else at + (now - at) * rng.uniform(0.2, 0.8)


def _pronouns(rng, female: bool) -> str:
    roll = rng.random()
    if roll < 0.02:
        return "they/them"
    return ("she/her" if female else "he/him") if roll < 0.25 else ""


def _email(first: str, last: str, number: int) -> str:
    local = "".join(ch for ch in f"{first}.{last}".lower() if ch.isalnum() or ch == ".")
    domain = ("example.com", "example.org", "example.net")[number % 3]
    return f"{local}{number}@{domain}"


def _phone(rng, channel: str) -> str:
    """Ofcom's numbers for drama, never a real person's: 07700 900xxx and 0121 496 0xxx."""
    if channel not in {Channel.PHONE, Channel.TEXT} and rng.random() < 0.08:
        return ""
    if channel != Channel.TEXT and rng.random() < 0.15:
        return f"+441214960{rng.randint(0, 999):03d}"
    return f"+447700900{rng.randint(0, 999):03d}"


def _postcode(rng, locality: str) -> str:
    outward = rng.choice(LOCALITIES[locality][1])
    inward = f"{rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    return f"{outward} {inward}"


def _days(rng) -> list[str]:
    if rng.random() < 0.1:
        return []
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    chosen = set(rng.choices(days, [10, 10, 10, 10, 8, 2, 1], k=rng.randint(1, 5)))
    return [d for d in days if d in chosen]


def _benefits(rng, expert: Expert) -> None:
    weights = {
        PaymentPreference.PAID: [72, 0, 17, 11],
        PaymentPreference.EXPENSES_ONLY: [55, 35, 6, 4],
        PaymentPreference.VOLUNTEER: [85, 15, 0, 0],
    }[PaymentPreference(expert.payment_preference)]
    kind = rng.choices(list(Benefits), weights)[0]
    expert.benefits_declaration = kind
    if kind == Benefits.WEEKLY_LIMIT:
        expert.earnings_limit = rng.choices(WEEKLY_LIMITS, [6, 3, 1])[0]
    elif kind == Benefits.MONTHLY_LIMIT:
        expert.earnings_limit = rng.choice(MONTHLY_LIMITS)
        expert.assessment_period_start_day = rng.randint(1, 28)


def _notice_version(at: datetime) -> str:
    """The privacy notice in force then: a new one each January, the current one from settings."""
    current = settings.PRIVACY_NOTICE_VERSION
    current_year = int(current[:4]) if current[:4].isdigit() else at.year
    return current if at.year >= current_year else f"{at.year}-1"


@contextmanager
def _dates_as_given() -> Iterator[None]:
    """auto_now_add would stamp every demo expert with today; a register built up over five
    years needs the dates the demo gives. Switched back on however the block ends."""
    fields = [
        cast(models.DateTimeField, Expert._meta.get_field(n)) for n in ("created_at", "updated_at")
    ]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _insert(plans: list[Plan]) -> None:
    with _dates_as_given():
        bulk.insert(Expert, [p.expert for p in plans])
    for plan in plans:
        for change in plan.history:
            change.expert = plan.expert
    bulk.insert(StatusChange, [c for p in plans for c in p.history])
    for name, column, attr in [
        ("lived_experience", "livedexperiencearea_id", "areas"),
        ("skills", "skill_id", "skills"),
        ("access_needs", "accessneed_id", "needs"),
    ]:
        through = getattr(Expert, name).through
        rows = [
            through(expert_id=p.expert.pk, **{column: i}) for p in plans for i in getattr(p, attr)
        ]
        bulk.insert(through, rows)
