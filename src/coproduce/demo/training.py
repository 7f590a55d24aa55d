"""Demo data for training: a course of every kind with a realistic time it lasts, and who has
done them. Most active experts have their induction and safeguarding; a few dozen have the
investigations training (the demo's serious incident review needs trained experts); some have
development courses; some training runs out within the month and some has run out. Some staff
have done the staff induction on working with experts. Fast: bulk_create, nothing audited
(demo data is nobody's change)."""

from datetime import timedelta

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.demo import bulk
from coproduce.demo.context import DemoContext
from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.training.dates import months_after
from coproduce.training.models import Course, CourseKind, TrainingRecord

K = CourseKind
# name, kind, months it lasts (None: does not run out), for experts, for staff, description
COURSES = [
    (
        "Induction for Experts by Experience",
        K.INDUCTION,
        None,
        True,
        False,
        "How we work together, what to expect at meetings, and how you are paid.",
    ),
    (
        "Safeguarding adults and children",
        K.SAFEGUARDING,
        36,
        True,
        True,
        "How to spot harm or abuse and who to tell. Done again every 3 years.",
    ),
    (
        "Information governance and confidentiality",
        K.INFORMATION_GOVERNANCE,
        12,
        True,
        True,
        "Keeping people's information safe. Done again every year.",
    ),
    (
        "Sitting on a recruitment panel",
        K.RECRUITMENT,
        24,
        True,
        True,
        "Fair interviews: asking questions, scoring, and avoiding bias.",
    ),
    (
        "Serious incident investigations",
        K.INVESTIGATION,
        24,
        True,
        True,
        "Taking part in patient safety investigations, and looking after yourself while you do.",
    ),
    (
        "Chairing a meeting",
        K.DEVELOPMENT,
        None,
        True,
        False,
        "Lead a meeting so that everyone is heard. Equal chance for all to develop as leaders.",
    ),
    (
        "Co-facilitating a workshop",
        K.DEVELOPMENT,
        None,
        True,
        True,
        "Plan and run a workshop side by side with a member of staff.",
    ),
    (
        "Delivering training to staff",
        K.DEVELOPMENT,
        None,
        True,
        False,
        "Share your story and teach staff, with support to plan your session.",
    ),
    (
        "Working with Experts by Experience",
        K.STAFF_INDUCTION,
        None,
        False,
        True,
        "For staff: involving experts early, paying them properly, and closing the loop.",
    ),
]

# Chances an active expert has each kind (development is picked per course).
INDUCTION_SHARE = 0.9
SAFEGUARDING_SHARE = 0.8
GOVERNANCE_SHARE = 0.5
RECRUITMENT_SHARE = 0.15
DEVELOPMENT_SHARE = 0.05
INVESTIGATORS = 60


def _courses() -> dict[str, Course]:
    have = {c.name.casefold(): c for c in Course.objects.all()}
    new = [
        Course(
            name=name,
            kind=kind,
            valid_for_months=months,
            for_experts=experts,
            for_staff=staff,
            description=about,
        )
        for name, kind, months, experts, staff, about in COURSES
        if name.casefold() not in have
    ]
    Course.objects.bulk_create(new)
    return {c.name: c for c in Course.objects.all()}


def create(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = ctx.now.date()
    courses = _courses()
    by_kind: dict[str, list[Course]] = {}
    for each in courses.values():
        by_kind.setdefault(each.kind, []).append(each)

    def course(kind: str) -> Course:
        return by_kind[kind][0]

    trained = set(
        TrainingRecord.objects.filter(expert__isnull=False).values_list("expert_id", flat=True)
    )
    active = [
        pk
        for pk in Expert.objects.filter(status=Status.ACTIVE)
        .order_by("id")
        .values_list("id", flat=True)
        if pk not in trained
    ]
    onboarding = [
        pk
        for pk in Expert.objects.filter(status=Status.ONBOARDING)
        .order_by("id")
        .values_list("id", flat=True)
        if pk not in trained
    ]
    records: list[TrainingRecord] = []

    def add(expert_id=None, staff_id=None, *, of: Course, ago_days: int) -> None:
        completed = today - timedelta(days=ago_days)
        expires = months_after(completed, of.valid_for_months) if of.valid_for_months else None
        records.append(
            TrainingRecord(
                course=of,
                expert_id=expert_id,
                staff_id=staff_id,
                completed_on=completed,
                expires_on=expires,
                recorded_at=ctx.now,
            )
        )

    def ago_for(of: Course) -> int:
        """Mostly well within its life; about 1 in 12 running out within the month, 1 in 15
        already run out."""
        if not of.valid_for_months:
            return rng.randint(30, 1500)
        roll = rng.random()
        if roll < 0.08:
            runs_out = today + timedelta(days=rng.randint(1, 30))
        elif roll < 0.15:
            runs_out = today - timedelta(days=rng.randint(1, 200))
        else:
            runs_out = today + timedelta(days=rng.randint(31, of.valid_for_months * 30 - 10))
        return (today - months_after(runs_out, -of.valid_for_months)).days

    development = by_kind.get(K.DEVELOPMENT, [])
    for expert_id in active:
        if rng.random() < INDUCTION_SHARE:
            add(expert_id, of=course(K.INDUCTION), ago_days=rng.randint(60, 1800))
        if rng.random() < SAFEGUARDING_SHARE:
            add(expert_id, of=course(K.SAFEGUARDING), ago_days=ago_for(course(K.SAFEGUARDING)))
        if rng.random() < GOVERNANCE_SHARE:
            of = course(K.INFORMATION_GOVERNANCE)
            add(expert_id, of=of, ago_days=ago_for(of))
        if rng.random() < RECRUITMENT_SHARE:
            add(expert_id, of=course(K.RECRUITMENT), ago_days=ago_for(course(K.RECRUITMENT)))
        for of in development:
            if rng.random() < DEVELOPMENT_SHARE:
                add(expert_id, of=of, ago_days=ago_for(of))
    # Investigations: a few dozen active experts, all still valid (the demo's serious incident
    # review needs them), with their induction and safeguarding current too.
    investigation = course(K.INVESTIGATION)
    chosen = rng.sample(active, min(INVESTIGATORS, len(active)))
    chosen_set = set(chosen)
    records = [
        r
        for r in records
        if r.expert_id not in chosen_set or r.course.kind not in {K.INDUCTION, K.SAFEGUARDING}
    ]
    for expert_id in chosen:
        add(expert_id, of=investigation, ago_days=rng.randint(20, 500))
        add(expert_id, of=course(K.INDUCTION), ago_days=rng.randint(400, 1500))
        add(expert_id, of=course(K.SAFEGUARDING), ago_days=rng.randint(20, 700))
    # Experts still onboarding: about half have done their induction.
    for expert_id in onboarding:
        if rng.random() < 0.5:
            add(expert_id, of=course(K.INDUCTION), ago_days=rng.randint(3, 60))
    # Staff who work beside experts: about half have done the staff induction.
    staff_trained = set(
        TrainingRecord.objects.filter(staff__isnull=False).values_list("staff_id", flat=True)
    )
    staff = User.objects.filter(role__in=[Role.STAFF, Role.COORDINATOR], is_active=True)
    for staff_id in staff.order_by("id").values_list("id", flat=True):
        if staff_id in staff_trained or rng.random() < 0.5:
            continue
        add(staff_id=staff_id, of=course(K.STAFF_INDUCTION), ago_days=rng.randint(10, 900))
        if rng.random() < 0.5:
            of = course(K.SAFEGUARDING)
            add(staff_id=staff_id, of=of, ago_days=ago_for(of))
    bulk.insert(TrainingRecord, records)
    month = today + timedelta(days=30)
    soon = sum(1 for r in records if r.expires_on and today < r.expires_on <= month)
    gone = sum(1 for r in records if r.expires_on and r.expires_on <= today)
    ctx.say(
        f"Training: {len(courses)} courses, {len(records):,} records "
        f"({soon:,} running out within 30 days, {gone:,} run out)"
    )
