"""Demo data for Foundation Trust membership: the constituencies of a trust serving the demo's
county (three public constituencies by the postcode districts the demo's experts live in,
patients and carers, and staff), with about one member for every two demo experts: most
joined online or on paper, staff from the staff list, about one in ten left, and some of them
experts who joined from their portal (their own names and addresses). About half told us the
characteristics for the regulator's report. Fast: one query reads the experts, every row goes
in with bulk_create, nothing is audited (demo data is nobody's change)."""

from datetime import date, timedelta

from coproduce.demo.context import DemoContext
from coproduce.impact.equality.categories import PREFER_NOT
from coproduce.membership.members.choices import (
    AreaKind,
    ConstituencyKind,
    JoinedBy,
    MemberStatus,
)
from coproduce.membership.members.models import Constituency, Member, MemberCharacteristics
from coproduce.people.models import Expert

BATCH = 2000
SHARE_LEFT = 0.1
SHARE_EXPERTS = 0.15  # of members, experts who joined from their portal
SHARE_TELLING = 0.5
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# (name, kind, postcode districts, governor seats, population, weight of members)
CONSTITUENCIES = [
    (
        "Shrewsbury and Atcham",
        ConstituencyKind.PUBLIC,
        ["SY1", "SY2", "SY3", "SY4", "SY5"],
        4,
        105_000,
        30,
    ),
    (
        "Telford and Wrekin",
        ConstituencyKind.PUBLIC,
        ["TF1", "TF2", "TF3", "TF4", "TF6", "TF7", "TF9", "TF10"],
        4,
        185_000,
        28,
    ),
    (
        "North and South Shropshire",
        ConstituencyKind.PUBLIC,
        ["SY6", "SY8", "SY9", "SY10", "SY11", "SY13", "WV15", "WV16"],
        3,
        130_000,
        20,
    ),
    ("Patients and carers", ConstituencyKind.PATIENTS_AND_CARERS, [], 3, None, 12),
    ("Staff", ConstituencyKind.STAFF, [], 2, 6_500, 10),
]
CHARACTERISTICS: dict[str, dict[str, float]] = {
    "sex": {"female": 58, "male": 39, PREFER_NOT: 3},
    "ethnic_group": {"white": 90, "asian": 4, "black": 2, "mixed": 2, "other": 1, PREFER_NOT: 1},
    "disability": {"a_lot": 12, "a_little": 15, "no": 65, PREFER_NOT: 8},
}


def _postcode(ctx: DemoContext, districts: list[str]) -> str:
    if not districts:
        districts = ["SY1", "TF3", "WV16", "SY11"]
    inward = (
        f"{ctx.rng.randint(1, 9)}{ctx.rng.choice(INWARD_LETTERS)}{ctx.rng.choice(INWARD_LETTERS)}"
    )
    return f"{ctx.rng.choice(districts)} {inward}"


def _born(ctx: DemoContext) -> date:
    # Members are older than the area, as most trusts' are.
    age = int(ctx.rng.triangular(17, 92, 62))
    return (ctx.now - timedelta(days=age * 365 + ctx.rng.randint(0, 364))).date()


def _choice(ctx: DemoContext, weights: dict[str, float]) -> str:
    return ctx.rng.choices(list(weights), list(weights.values()))[0]


def create(ctx: DemoContext) -> None:
    if Constituency.objects.exists():
        ctx.say("Membership: already there")
        return
    places = Constituency.objects.bulk_create(
        [
            Constituency(
                name=name,
                kind=kind,
                area_kind=AreaKind.POSTCODE_DISTRICTS if areas else "",
                areas=areas,
                governor_seats=seats,
                population=population,
                order=order,
            )
            for order, (name, kind, areas, seats, population, _) in enumerate(CONSTITUENCIES)
        ]
    )
    places = list(Constituency.objects.order_by("order"))
    weights = [row[5] for row in CONSTITUENCIES]
    total = max(ctx.experts // 2, 10)
    experts = list(
        Expert.objects.processable()
        .filter(address__gt="")
        .values_list("pk", "full_name", "email", "phone", "address", "postcode")[
            : int(total * SHARE_EXPERTS)
        ]
    )
    names = ctx.pool(ctx.faker.name, min(total, 5000))
    streets = ctx.pool(ctx.faker.street_address, min(total, 2000))
    towns = ["Shrewsbury", "Telford", "Oswestry", "Ludlow", "Bridgnorth", "Wellington"]
    members: list[Member] = []
    staff_number = 10_000
    for n in range(total):
        place = ctx.rng.choices(places, weights)[0]
        joined = ctx.now - timedelta(days=ctx.rng.randint(1, 365 * 8))
        left = ctx.rng.random() < SHARE_LEFT
        fields = {
            "constituency": place,
            "joined_at": joined,
            "consent_at": joined,
            "privacy_notice_version": "2026-1",
            "date_of_birth": _born(ctx),
            "status": MemberStatus.LEFT if left else MemberStatus.MEMBER,
            "left_at": joined + (ctx.now - joined) * ctx.rng.random() if left else None,
            "left_reason": ctx.rng.choice(["", "", "Moved away", "No longer interested"])
            if left
            else "",
            "wants_news": ctx.rng.random() < 0.7,
        }
        if n < len(experts) and place.kind != ConstituencyKind.STAFF:
            pk, name, email, phone, address, postcode = experts[n]
            fields |= {
                "expert_id": pk,
                "full_name": name,
                "email": email,
                "phone": phone,
                "address": address,
                "postcode": postcode,
                "joined_by": JoinedBy.EXPERT_PORTAL,
                "by_email": bool(email),
                "by_post": not email,
            }
        else:
            name = names[n % len(names)]
            email = "" if ctx.rng.random() < 0.2 else f"member{n}@example.org"
            fields |= {
                "full_name": name,
                "email": email,
                "address": f"{streets[n % len(streets)]}\n{ctx.rng.choice(towns)}",
                "postcode": _postcode(ctx, place.areas),
                "by_email": bool(email),
                "by_post": not email or ctx.rng.random() < 0.1,
            }
            if place.kind == ConstituencyKind.STAFF:
                staff_number += 1
                fields |= {"joined_by": JoinedBy.STAFF_LIST, "staff_number": f"E{staff_number}"}
            else:
                fields["joined_by"] = ctx.rng.choices([JoinedBy.ONLINE, JoinedBy.PAPER], [7, 3])[0]
        members.append(Member(**fields))
    Member.objects.bulk_create(members, batch_size=BATCH)
    ids = list(Member.objects.values_list("pk", flat=True))
    told = [
        MemberCharacteristics(
            member_id=pk,
            updated_at=ctx.now,
            **{field: _choice(ctx, weights) for field, weights in CHARACTERISTICS.items()},
        )
        for pk in ids
        if ctx.rng.random() < SHARE_TELLING
    ]
    MemberCharacteristics.objects.bulk_create(told, batch_size=BATCH)
    linked = sum(1 for m in members if m.expert_id)
    ctx.say(
        f"Membership: {len(places)} constituencies, {len(members):,} members "
        f"({linked:,} of them experts), {len(told):,} told us about themselves"
    )
