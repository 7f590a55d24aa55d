"""Demo data for onboarding: the agreements experts sign (a confidentiality agreement in its
second version, a code of conduct, a privacy notice and a role description), each with an Easy
Read version in plain words; signatures of the current versions for most active experts, some
still on version 1 of the confidentiality agreement; experts at every stage of onboarding
(enquiries with nothing done, onboarding with some items done, a few ready to be made active);
welcome packs sent to some; and the organisation's choice of what is required. Every expert
with the investigations training has signed the current confidentiality agreement but two, so
the demo's serious incident review has experts to rank and shows what a new version does.
Fast: bulk_create, nothing audited (demo data is nobody's change)."""

from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from coproduce.demo.context import DemoContext
from coproduce.demo.people import DEMO_EXPERTS
from coproduce.onboarding.models import (
    Agreement,
    AgreementVersion,
    ChecklistItem,
    ChecklistSettings,
    Signature,
    WelcomePackSent,
)
from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.training.models import Course, CourseKind, TrainingRecord

K = Agreement.Kind

CONFIDENTIALITY_V1 = """## What this agreement is for

In meetings you may hear about people who use our services, or about staff. This agreement
says how we all keep that private.

## What you agree to

- You will not share anything that could identify a patient, a family or a member of staff.
- You will not take papers marked **confidential** out of the meeting.
- You will tell the involvement team straight away if you think something private was shared
  by mistake.
"""

CONFIDENTIALITY_V2 = (
    CONFIDENTIALITY_V1
    + """- You will not post about the meeting on social media, even without names.

## If you are not sure

Ask the involvement team before you share anything. Asking is always the right thing to do.
"""
)

CONFIDENTIALITY_EASY_V1 = """## Keeping things private

In meetings you may hear about people.

We keep this private.

- Do not tell other people about patients or staff.
- Leave private papers at the meeting.
- Tell us if something private got out by mistake.
"""

CONFIDENTIALITY_EASY_V2 = (
    CONFIDENTIALITY_EASY_V1
    + """- Do not write about the meeting on Facebook or other social media.

If you are not sure, ask us. That is always OK.
"""
)

CODE_OF_CONDUCT = """## How we work together

We value what every person brings. This code of conduct says how we treat each other.

- Treat everyone with respect and courtesy, whatever their role.
- Let people finish speaking, and listen to views that differ from your own.
- Keep to the meeting's ground rules and time.
- Tell the chair or the involvement team if something upsets you or someone else.

We will support you if you raise a concern. Breaking this code may mean a break from taking
part, after a conversation with you.
"""

CODE_OF_CONDUCT_EASY = """## How we treat each other

- Be kind and polite.
- Let people finish talking.
- Listen, even when you do not agree.
- Tell us if something upsets you.

We will help you.
"""

PRIVACY_NOTICE = """## What we keep about you

We keep your name, contact details, the support you need to take part, and the meetings you
come to. We use this to invite you to work that suits you and to pay you.

## Who sees it

Only the involvement team, and finance for payments. We never sell it.

## Your rights

You can ask to see what we keep, to correct it, or for us to delete it.
"""

PRIVACY_NOTICE_EASY = """## What we keep

We keep your name and how to contact you.

We keep what help you need at meetings.

## Who sees it

Only our team. We never sell it.

You can ask to see it. You can ask us to delete it.
"""

ROLE = """## Your role as an Expert by Experience

You help us make services better by sharing what you have lived through.

- Come to meetings you say yes to, or tell us if you cannot.
- Read the papers we send, if you can. We will explain anything that is not clear.
- Share your views honestly. There are no wrong answers.

We pay you for your time, as our payment policy says, and pay your travel.
"""

ROLE_EASY = """## Your role

You help make services better.

You tell us what it was like for you.

We pay you for your time. We pay for your travel.
"""

AGREEMENTS = [
    (
        K.CONFIDENTIALITY,
        "Confidentiality agreement",
        [
            (CONFIDENTIALITY_V1, CONFIDENTIALITY_EASY_V1, ""),
            (
                CONFIDENTIALITY_V2,
                CONFIDENTIALITY_EASY_V2,
                "We added a part about social media, and what to do if you are not sure.",
            ),
        ],
    ),
    (K.CODE_OF_CONDUCT, "Code of conduct", [(CODE_OF_CONDUCT, CODE_OF_CONDUCT_EASY, "")]),
    (K.PRIVACY_NOTICE, "Privacy notice", [(PRIVACY_NOTICE, PRIVACY_NOTICE_EASY, "")]),
    (K.ROLE_DESCRIPTION, "Expert by Experience role", [(ROLE, ROLE_EASY, "")]),
]

# What the demo organisation requires: the agreements and the two courses. The photo, the
# welcome pack and the badge are on each checklist but do not hold anyone back.
REQUIRED = [
    ChecklistItem.PRIVACY_NOTICE,
    ChecklistItem.CONFIDENTIALITY,
    ChecklistItem.CODE_OF_CONDUCT,
    ChecklistItem.INDUCTION,
    ChecklistItem.SAFEGUARDING,
]

SIGNED_SHARE = 0.85  # active experts who signed the current versions
OLD_VERSION_SHARE = 0.08  # active experts still on version 1 of the confidentiality agreement
READY = 6  # experts onboarding with every required item done
OLD_INVESTIGATORS = 2  # trained investigators still on version 1


def _versions(ctx: DemoContext) -> dict[str, list[AgreementVersion]]:
    """The agreements and their versions, by kind, oldest version first; made once."""
    have = {a.title.casefold(): a for a in Agreement.objects.all()}
    published = ctx.now - timedelta(days=400)
    for kind, title, versions in AGREEMENTS:
        agreement = have.get(title.casefold())
        if agreement is None:
            agreement = Agreement.objects.create(kind=kind, title=title, created_at=published)
            AgreementVersion.objects.bulk_create(
                AgreementVersion(
                    agreement=agreement,
                    number=number,
                    body=body,
                    easy_read=easy,
                    what_changed=changed,
                    # Version 2 of the confidentiality agreement came out a month ago.
                    published_at=published if number == 1 else ctx.now - timedelta(days=30),
                )
                for number, (body, easy, changed) in enumerate(versions, start=1)
            )
    by_kind: dict[str, list[AgreementVersion]] = {}
    for version in AgreementVersion.objects.select_related("agreement").order_by(
        "agreement_id", "number"
    ):
        by_kind.setdefault(version.agreement.kind, []).append(version)
    return by_kind


def create(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = ctx.now.date()
    versions = _versions(ctx)
    current = {kind: vs[-1] for kind, vs in versions.items()}
    first_confidentiality = versions[K.CONFIDENTIALITY][0]
    if not ChecklistSettings.objects.exists():
        ChecklistSettings.objects.create(required=[str(i) for i in REQUIRED])

    signed_already = set(Signature.objects.values_list("expert_id", flat=True).distinct())
    experts = list(
        Expert.objects.filter(erased_at__isnull=True)
        .exclude(pk__in=signed_already)
        .order_by("id")
        .values_list("id", "full_name", "status", "user__email")
    )
    investigators = set(
        TrainingRecord.objects.filter(
            course__kind=CourseKind.INVESTIGATION, expert__isnull=False
        ).values_list("expert_id", flat=True)
    )
    old_investigators = set(sorted(investigators)[:OLD_INVESTIGATORS])
    # The demo expert who signs in first has version 1 only: their portal asks them to sign
    # version 2, and the Easy Read version is a link away.
    asked_again = {d.email for d in DEMO_EXPERTS[:1]}
    signatures: list[tuple] = []
    packs: list[tuple] = []
    # Each day's time of signing, worked out once (tens of thousands of rows).
    adapt = connection.ops.adapt_datetimefield_value
    when = {
        days: adapt(
            timezone.make_aware(datetime.combine(today - timedelta(days=days), time(10 + days % 7)))
        )
        for days in range(0, 1001)
    }
    recorded = adapt(ctx.now)
    paper, portal = Signature.Method.PAPER.value, Signature.Method.PORTAL.value

    def sign(expert_id: int, name: str, version: AgreementVersion, days_ago: int) -> None:
        method = paper if rng.random() < 0.2 else portal
        signatures.append((expert_id, version.pk, name, when[days_ago], method, recorded))

    def pack(expert_id: int, days_ago: int) -> None:
        packs.append((expert_id, today - timedelta(days=days_ago), "standard", recorded))

    onboarding = [pk for pk, _, status, _ in experts if status == Status.ONBOARDING]
    ready = set(onboarding[:READY])
    for expert_id, name, status, email in experts:
        if status in (Status.ACTIVE, Status.PAUSED):
            old = (
                expert_id in old_investigators
                or email in asked_again
                or (expert_id not in investigators and rng.random() < OLD_VERSION_SHARE)
            )
            if expert_id not in investigators and not old and rng.random() > SIGNED_SHARE:
                continue
            first_days = rng.randint(60, 900)
            # Those who signed version 2 signed version 1 before, if they were here then.
            if old or rng.random() < 0.25:
                sign(expert_id, name, first_confidentiality, first_days)
            sign(expert_id, name, current[K.PRIVACY_NOTICE], first_days)
            sign(expert_id, name, current[K.CODE_OF_CONDUCT], first_days)
            if rng.random() < 0.3:
                sign(expert_id, name, current[K.ROLE_DESCRIPTION], first_days)
            if not old:
                sign(expert_id, name, current[K.CONFIDENTIALITY], rng.randint(1, 29))
            if rng.random() < 0.6:
                pack(expert_id, first_days)
        elif status == Status.ONBOARDING:
            # Some items done; the first few have every required one and are ready.
            everything = expert_id in ready
            days = rng.randint(2, 40)
            if everything or rng.random() < 0.7:
                sign(expert_id, name, current[K.PRIVACY_NOTICE], days)
            if everything or rng.random() < 0.5:
                sign(expert_id, name, current[K.CONFIDENTIALITY], days)
            if everything or rng.random() < 0.4:
                sign(expert_id, name, current[K.CODE_OF_CONDUCT], days)
            if everything or rng.random() < 0.3:
                pack(expert_id, days)
        # Enquiries have done nothing yet: they have only asked.
    _insert(
        Signature,
        ["expert_id", "version_id", "typed_name", "signed_at", "method", "recorded_at"],
        signatures,
    )
    _insert(WelcomePackSent, ["expert_id", "sent_on", "format", "recorded_at"], packs)
    # Each signer's consent shows the privacy notice version they signed, as signing in the
    # product records it (people.receivers): one UPDATE.
    notice = current[K.PRIVACY_NOTICE]
    Expert.objects.filter(signatures__version=notice).update(
        consent_privacy_notice_version=str(notice.number),
        consent_given_at=Subquery(
            Signature.objects.filter(expert=OuterRef("pk"), version=notice).values("signed_at")[:1]
        ),
    )
    _train_the_ready(ctx, ready)
    ctx.say(
        f"Onboarding: {len(versions)} agreements, {len(signatures):,} signatures, "
        f"{len(packs):,} welcome packs sent, {len(ready)} experts ready to be made active"
    )


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Many rows at once, their values already as the database keeps them: for tens of
    thousands of signatures bulk_create, which builds a model and prepares every value of each
    row, took most of this part's time. PostgreSQL copies them in (COPY); SQLite, used for
    small demos and tests, inserts them one statement many times."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            places = ", ".join(["%s"] * len(columns))
            # Our own table and column names, quoted; the values are parameters.
            sql = f"INSERT INTO {table} ({names}) VALUES ({places})"  # noqa: S608  # nosec B608
            cursor.executemany(sql, rows)


def _train_the_ready(ctx: DemoContext, ready: set[int]) -> None:
    """Induction and safeguarding for the experts ready to be made active, where the training
    demo did not give them already."""
    today = ctx.now.date()
    courses = {
        kind: Course.objects.filter(kind=kind, retired_at__isnull=True).order_by("id").first()
        for kind in (CourseKind.INDUCTION, CourseKind.SAFEGUARDING)
    }
    held = set(
        TrainingRecord.objects.filter(
            expert_id__in=ready, course__kind__in=list(courses)
        ).values_list("expert_id", "course__kind")
    )
    records = []
    for expert_id in sorted(ready):
        for kind, course in courses.items():
            if course is None or (expert_id, kind) in held:
                continue
            done = today - timedelta(days=ctx.rng.randint(3, 30))
            expires = (
                done + timedelta(days=30 * course.valid_for_months)
                if course.valid_for_months
                else None
            )
            records.append(
                TrainingRecord(
                    course=course,
                    expert_id=expert_id,
                    completed_on=done,
                    expires_on=expires,
                    recorded_at=ctx.now,
                )
            )
    TrainingRecord.objects.bulk_create(records)
