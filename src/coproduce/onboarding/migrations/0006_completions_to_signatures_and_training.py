"""Moves what the old `Completion` rows said into the records that replace them: a signed
confidentiality agreement becomes a signature of version 1 of a "Confidentiality agreement"
made for the purpose, and safeguarding training (or induction, investigation, information
governance) a training record of a course of that kind, made for the purpose when there is
none. The code of conduct is moved like the confidentiality agreement. Going back makes the
Completion rows again from the signatures of those agreements and those training records
(which stay: going forward again does not copy them twice)."""

from datetime import datetime, time

from django.db import migrations
from django.utils import timezone

AGREEMENTS = {
    "confidentiality": (
        "Confidentiality agreement",
        "We keep what we hear in meetings private. We do not share it outside the meeting.",
    ),
    "code_of_conduct": (
        "Code of conduct",
        "We treat everyone with respect. We listen. We are kind.",
    ),
}
COURSES = {
    "safeguarding": "Safeguarding",
    "induction": "Induction",
    "investigation": "Investigations",
    "information_governance": "Information governance",
}
MOVED_TEXT = (
    "This agreement was signed before agreements were kept in this service. The signature "
    "was recorded as a completed agreement, version “{version}”."
)


def forward(apps, schema_editor):
    Completion = apps.get_model("onboarding", "Completion")
    Agreement = apps.get_model("onboarding", "Agreement")
    AgreementVersion = apps.get_model("onboarding", "AgreementVersion")
    Signature = apps.get_model("onboarding", "Signature")
    Course = apps.get_model("training", "Course")
    TrainingRecord = apps.get_model("training", "TrainingRecord")
    versions = {}
    courses = {}
    signatures, records = [], []
    # Rows already moved (a database migrated back and forward again) are not moved twice.
    seen = set(Signature.objects.values_list("expert_id", "version_id"))
    trained = set(TrainingRecord.objects.values_list("expert_id", "course_id", "completed_on"))
    for completion in Completion.objects.select_related("expert").order_by("completed_on", "id"):
        code = completion.prerequisite
        signed_at = timezone.make_aware(datetime.combine(completion.completed_on, time(12)))
        if code in AGREEMENTS:
            if code not in versions:
                title, easy = AGREEMENTS[code]
                agreement = Agreement.objects.filter(
                    kind=code, retired_at__isnull=True
                ).first() or Agreement.objects.create(kind=code, title=title)
                versions[code] = AgreementVersion.objects.filter(
                    agreement=agreement, number=1
                ).first() or AgreementVersion.objects.create(
                    agreement=agreement,
                    number=1,
                    body=MOVED_TEXT.format(version=completion.version or "1"),
                    easy_read=easy,
                    what_changed="",
                )
            version = versions[code]
            if (completion.expert_id, version.pk) not in seen:
                seen.add((completion.expert_id, version.pk))
                signatures.append(
                    Signature(
                        expert_id=completion.expert_id,
                        version=version,
                        typed_name=completion.expert.full_name,
                        signed_at=signed_at,
                        method="paper",
                        recorded_by_id=completion.recorded_by_id,
                        recorded_at=completion.recorded_at,
                    )
                )
        elif code in COURSES:
            if code not in courses:
                courses[code] = Course.objects.filter(kind=code, retired_at__isnull=True).first()
                if courses[code] is None:
                    name = COURSES[code]
                    courses[code] = Course.objects.filter(name__iexact=name).first() or (
                        Course.objects.create(name=name, kind=code)
                    )
            key = (completion.expert_id, courses[code].pk, completion.completed_on)
            if key in trained:
                continue
            trained.add(key)
            expires = completion.expires_on
            if expires is not None and expires <= completion.completed_on:
                expires = None
            records.append(
                TrainingRecord(
                    course=courses[code],
                    expert_id=completion.expert_id,
                    completed_on=completion.completed_on,
                    expires_on=expires,
                    recorded_by_id=completion.recorded_by_id,
                    recorded_at=completion.recorded_at,
                )
            )
    Signature.objects.bulk_create(signatures)
    TrainingRecord.objects.bulk_create(records)


def backward(apps, schema_editor):
    Completion = apps.get_model("onboarding", "Completion")
    Signature = apps.get_model("onboarding", "Signature")
    TrainingRecord = apps.get_model("training", "TrainingRecord")
    rows = [
        Completion(
            expert_id=s.expert_id,
            prerequisite=s.version.agreement.kind,
            completed_on=timezone.localdate(s.signed_at),
            version=str(s.version.number),
            recorded_by_id=s.recorded_by_id,
            recorded_at=s.recorded_at,
        )
        for s in Signature.objects.select_related("version__agreement").filter(
            version__agreement__kind__in=list(AGREEMENTS)
        )
    ]
    rows += [
        Completion(
            expert_id=r.expert_id,
            prerequisite=r.course.kind,
            completed_on=r.completed_on,
            expires_on=r.expires_on,
            recorded_by_id=r.recorded_by_id,
            recorded_at=r.recorded_at,
        )
        for r in TrainingRecord.objects.select_related("course").filter(
            expert__isnull=False, course__kind__in=list(COURSES)
        )
    ]
    Completion.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0005_agreements_and_checklist"),
        ("training", "0001_courses"),
    ]

    operations = [migrations.RunPython(forward, backward)]
