"""Agreements and signatures for the tests, made through the services as people would."""

from datetime import date

from coproduce.accounts.roles import Role
from coproduce.onboarding.agreements import services
from coproduce.onboarding.models import AgreementVersion, Signature
from coproduce.training.models import Course, CourseKind, TrainingRecord
from tests.factories import UserFactory

TITLES = {
    "confidentiality": "Confidentiality agreement",
    "code_of_conduct": "Code of conduct",
    "privacy_notice": "Privacy notice",
    "role_description": "Expert by Experience role",
    "other": "Photography consent",
}


def publish(
    kind: str = "confidentiality", *, versions: int = 1, actor=None, title: str = ""
) -> AgreementVersion:
    """An agreement of this kind with this many versions; returns the newest."""
    actor = actor or UserFactory(role=Role.INVOLVEMENT_LEAD)
    version = services.add_agreement(
        actor=actor,
        kind=kind,
        title=title or TITLES[kind],
        body="## What we agree\n\nWe keep what we hear private.\n",
        easy_read="We keep what we hear private.\n\nWe do not tell other people.",
    )
    for number in range(2, versions + 1):
        version = services.publish_version(
            actor=actor,
            agreement=version.agreement,
            body=f"Version {number}: we keep what we hear private.",
            easy_read=f"Version {number}. We keep things private.",
            what_changed=f"Change number {number}",
            after=number - 1,
        )
    return version


def sign(expert, version: AgreementVersion):
    return services.sign(expert=expert, version=version, typed_name=expert.full_name)


def sign_on_paper(expert, version: AgreementVersion, day: date, actor=None):
    return services.record_on_paper(
        actor=actor or UserFactory(role=Role.COORDINATOR),
        expert=expert,
        version=version,
        signed_on=day,
    )


def train(expert, kind: str, *, on: date, expires_on: date | None = None) -> TrainingRecord:
    course = Course.objects.filter(kind=kind).first() or Course.objects.create(
        name=CourseKind(kind).label, kind=kind
    )
    return TrainingRecord.objects.create(
        course=course, expert=expert, completed_on=on, expires_on=expires_on
    )


def current_confidentiality() -> AgreementVersion:
    """The confidentiality agreement's current version, published as version 1 if there is
    none yet."""
    version = (
        AgreementVersion.objects.filter(agreement__kind="confidentiality")
        .order_by("-number")
        .first()
    )
    return version or publish("confidentiality")


def confidentiality_signed(expert, version: AgreementVersion | None = None) -> Signature:
    """The expert signed the current confidentiality agreement (written straight in: the
    shortlist's tests make many)."""
    version = version or current_confidentiality()
    return Signature.objects.create(expert=expert, version=version, typed_name=expert.full_name)
