"""Demo data for "who is heard": about 6 in 10 experts answer the equality monitoring questions,
some of each question left out or "Prefer not to say", in proportions like many involvement
registers (older, whiter, more women and more carers than the area); and the local population
of Exampleshire, a fictional county shaped like England in the 2021 Census. So the comparison
shows some voices missing. Fast: one query reads the experts, every row goes in with
bulk_create, and nothing is audited (demo data is nobody's change)."""

from datetime import timedelta

from coproduce.demo.context import DemoContext
from coproduce.impact.equality.categories import CHARACTERISTICS, ETHNIC_DETAIL, PREFER_NOT
from coproduce.impact.equality.models import CONSENT_VERSION, EqualityAnswers, Population
from coproduce.people.models import Expert

BATCH = 2000
SHARE_ANSWERING = 0.6
LEFT_OUT = 0.04  # how often a question is skipped by someone who answers others
GIVES_DETAIL = 0.4  # how often someone who gives an ethnic group gives the detailed one too

# How experts answer, by weight (PREFER_NOT included).
EXPERTS: dict[str, dict[str, float]] = {
    "age_band": {
        "16-24": 4,
        "25-34": 9,
        "35-44": 14,
        "45-54": 19,
        "55-64": 22,
        "65-74": 18,
        "75+": 10,
        PREFER_NOT: 4,
    },
    "ethnic_group": {
        "white": 88,
        "asian": 4,
        "black": 3.2,
        "mixed": 2.4,
        "other": 0.9,
        PREFER_NOT: 1.5,
    },
    "disability": {"a_lot": 25, "a_little": 22, "no": 45, PREFER_NOT: 8},
    "sex": {"female": 62, "male": 35, PREFER_NOT: 3},
    "gender_identity": {"same": 95, "different": 1.5, PREFER_NOT: 3.5},
    "sexual_orientation": {
        "straight": 85,
        "gay_lesbian": 3,
        "bisexual": 2.5,
        "other": 1,
        PREFER_NOT: 8.5,
    },
    "religion": {
        "none": 30,
        "christian": 52,
        "buddhist": 0.6,
        "hindu": 0.8,
        "jewish": 0.6,
        "muslim": 2.5,
        "sikh": 0.4,
        "other": 1.5,
        PREFER_NOT: 11.6,
    },
    "carer": {"yes": 38, "no": 55, PREFER_NOT: 7},
}

# Exampleshire: shares of England in the 2021 Census (percent), of the people each table counts.
POPULATION: dict[str, tuple[int, dict[str, float]]] = {
    "age_band": (
        650_000,
        {
            "16-24": 13.5,
            "25-34": 16.9,
            "35-44": 16.0,
            "45-54": 16.6,
            "55-64": 15.2,
            "65-74": 11.9,
            "75+": 9.9,
        },
    ),
    "ethnic_group": (
        800_000,
        {"asian": 9.6, "black": 4.2, "mixed": 3.0, "white": 81.0, "other": 2.2},
    ),
    "disability": (800_000, {"a_lot": 7.5, "a_little": 9.8, "no": 82.7}),
    "sex": (800_000, {"female": 51.0, "male": 49.0}),
    "gender_identity": (650_000, {"same": 93.5, "different": 0.5}),
    "sexual_orientation": (
        650_000,
        {"straight": 89.4, "gay_lesbian": 1.5, "bisexual": 1.3, "other": 0.3},
    ),
    "religion": (
        800_000,
        {
            "none": 36.7,
            "christian": 46.3,
            "buddhist": 0.5,
            "hindu": 1.8,
            "jewish": 0.5,
            "muslim": 6.7,
            "sikh": 0.9,
            "other": 0.6,
        },
    ),
    "carer": (760_000, {"yes": 8.9, "no": 91.1}),
}
DETAILS = {
    group: [key for key, _, of in ETHNIC_DETAIL if of == group]
    for group in ("asian", "black", "mixed", "white", "other")
}


def _answers(ctx: DemoContext) -> dict[str, str]:
    rng = ctx.rng
    answers = {}
    for slug, weights in EXPERTS.items():
        if rng.random() < LEFT_OUT:
            answers[slug] = ""
            continue
        answers[slug] = rng.choices(list(weights), list(weights.values()))[0]
    group = answers["ethnic_group"]
    answers["ethnic_detail"] = (
        rng.choice(DETAILS[group]) if group in DETAILS and rng.random() < GIVES_DETAIL else ""
    )
    return answers


def _population(ctx: DemoContext) -> list[Population]:
    rows = []
    for characteristic in CHARACTERISTICS:
        base, shares = POPULATION[characteristic.slug]
        rows.append(
            Population(
                characteristic=characteristic.slug,
                counts={key: round(base * shares[key] / 100) for key in characteristic.keys},
                source=f"Census 2021, table {characteristic.census}, Exampleshire",
                set_at=ctx.now,
            )
        )
    return rows


def create(ctx: DemoContext) -> None:
    if EqualityAnswers.objects.exists() or Population.objects.exists():
        ctx.say("Equality monitoring: already there")
        return
    Population.objects.bulk_create(_population(ctx))
    experts = Expert.objects.processable().values_list("pk", "created_at")
    rows = [
        EqualityAnswers(
            expert_id=pk,
            consent_at=max(created, ctx.now - timedelta(days=365)),
            consent_version=CONSENT_VERSION,
            updated_at=ctx.now,
            **_answers(ctx),
        )
        for pk, created in experts.iterator(chunk_size=BATCH)
        if ctx.rng.random() < SHARE_ANSWERING
    ]
    EqualityAnswers.objects.bulk_create(rows, batch_size=BATCH)
    ctx.say(f"Equality monitoring: {len(rows):,} experts answered; Exampleshire's population")
