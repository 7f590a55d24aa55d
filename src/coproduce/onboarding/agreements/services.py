"""Changes to agreements and signatures, each in one transaction with its audit record. The
caller has checked the person may make them (onboarding.manage_agreements to publish,
onboarding.record_signatures for paper, onboarding.sign_agreements for the expert)."""

from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.formats import long_date
from coproduce.onboarding.models import Agreement, AgreementVersion, Signature
from coproduce.people.signals import privacy_notice_signed


class AgreementError(ValueError):
    """A change that cannot be made, with a message for the person. `field` is the form field
    it is about, when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _kind_in_use(kind: str) -> Agreement | None:
    if kind not in Agreement.SINGLE_KINDS:
        return None
    return Agreement.objects.filter(kind=kind, retired_at__isnull=True).first()


def add_agreement(*, actor, kind: str, title: str, body: str, easy_read: str) -> AgreementVersion:
    """A new agreement and its version 1, published at once: experts are asked to sign it."""
    kind = Agreement.Kind(kind)
    title = title.strip()
    with transaction.atomic():
        in_use = _kind_in_use(kind)
        if in_use is not None:
            raise AgreementError(
                f"There is already a {kind.label.lower()} (‘{in_use.title}’). Publish a new "
                "version of it instead.",
                field="kind",
            )
        if Agreement.objects.filter(title__iexact=title).exists():
            raise AgreementError("There is already an agreement with that title", field="title")
        agreement = Agreement.objects.create(kind=kind, title=title, created_by=actor)
        version = AgreementVersion.objects.create(
            agreement=agreement, number=1, body=body, easy_read=easy_read, published_by=actor
        )
        audit.record_change(
            actor=actor,
            instance=agreement,
            action=AuditEvent.Action.AGREEMENT_ADDED,
            summary=f"Agreement ‘{agreement.title}’ added and version 1 published",
            changes={"kind": ["", kind.label], "title": ["", title], "version": ["", 1]},
        )
    return version


def publish_version(
    *, actor, agreement: Agreement, body: str, easy_read: str, what_changed: str, after: int
) -> AgreementVersion:
    """A new version of the agreement. The old versions stay readable, and the signatures of
    them stay, but everyone is asked to sign the new one. `after` is the version the lead was
    looking at: if someone else published one meanwhile, nothing is saved and they are told."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.retired_at is not None:
            raise AgreementError(f"‘{agreement.title}’ is no longer in use.")
        last = AgreementVersion.objects.filter(agreement=agreement).order_by("-number").first()
        number = last.number if last else 0
        if number != after:
            raise AgreementError(
                f"Version {number} of ‘{agreement.title}’ was published while you were "
                "writing. Read it, then publish yours after it."
            )
        version = AgreementVersion.objects.create(
            agreement=agreement,
            number=number + 1,
            body=body,
            easy_read=easy_read,
            what_changed=what_changed.strip(),
            published_by=actor,
        )
        audit.record_change(
            actor=actor,
            instance=agreement,
            action=AuditEvent.Action.AGREEMENT_PUBLISHED,
            summary=f"Version {version.number} of ‘{agreement.title}’ published",
            changes={"version": [number, version.number], "what_changed": ["", what_changed]},
        )
    return version


def _current(version: AgreementVersion) -> AgreementVersion:
    """Checks this version is the one to sign now, locking the agreement so a new version is
    not published in between."""
    agreement = Agreement.objects.select_for_update().get(pk=version.agreement_id)
    if agreement.retired_at is not None:
        raise AgreementError(f"‘{agreement.title}’ is no longer in use, so it cannot be signed.")
    newest = AgreementVersion.objects.filter(agreement=agreement).order_by("-number").first()
    if newest is None or newest.pk != version.pk:
        number = newest.number if newest else 0
        raise AgreementError(
            f"This is an old version of ‘{agreement.title}’. Version {number} has been "
            "published since. Please read version "
            f"{number} and sign that instead. Nothing has been saved."
        )
    return newest


def _sign(
    *, actor, expert, version: AgreementVersion, typed_name: str, signed_at: datetime, method: str
) -> Signature:
    typed_name = " ".join(typed_name.split())
    if not typed_name:
        raise AgreementError("Type your full name to sign", field="typed_name")
    with transaction.atomic():
        version = _current(version)
        if Signature.objects.filter(expert=expert, version=version).exists():
            raise AgreementError(
                f"{expert.full_name} has already signed version {version.number} of "
                f"‘{version.agreement.title}’."
            )
        try:
            with transaction.atomic():
                signature = Signature.objects.create(
                    expert=expert,
                    version=version,
                    typed_name=typed_name,
                    signed_at=signed_at,
                    method=method,
                    recorded_by=actor,
                )
        except IntegrityError as clash:  # signed twice at the same moment
            raise AgreementError(
                f"{expert.full_name} has already signed version {version.number} of "
                f"‘{version.agreement.title}’."
            ) from clash
        if version.agreement.kind == Agreement.Kind.PRIVACY_NOTICE:
            # The register keeps the version on the expert's consent (people.receivers).
            privacy_notice_signed.send(
                sender=Signature,
                expert=expert,
                version=str(version.number),
                signed_at=signed_at,
                actor=actor,
            )
        paper = method == Signature.Method.PAPER
        audit.record_change(
            actor=actor,
            instance=signature,
            subject=expert,
            action=(
                AuditEvent.Action.AGREEMENT_SIGNED_ON_PAPER
                if paper
                else AuditEvent.Action.AGREEMENT_SIGNED
            ),
            summary=(
                f"Version {version.number} of ‘{version.agreement.title}’ signed "
                + (f"on paper on {long_date(signed_at)}" if paper else "in the portal")
            ),
            changes={
                "agreement": ["", version.agreement.title],
                "version": ["", version.number],
                "typed_name": ["", typed_name],
            },
        )
    return signature


def sign(*, expert, version: AgreementVersion, typed_name: str) -> Signature:
    """The expert signs the current version in the portal, typing their name."""
    return _sign(
        actor=expert.user,
        expert=expert,
        version=version,
        typed_name=typed_name,
        signed_at=timezone.now(),
        method=Signature.Method.PORTAL,
    )


def record_on_paper(
    *, actor, expert, version: AgreementVersion, signed_on: date, typed_name: str = ""
) -> Signature:
    """A coordinator records that the expert signed the current version on paper that day."""
    if signed_on > timezone.localdate():
        raise AgreementError("The date it was signed must be today or in the past", "signed_on")
    when = timezone.make_aware(datetime.combine(signed_on, time(12)))
    return _sign(
        actor=actor,
        expert=expert,
        version=version,
        typed_name=typed_name or expert.full_name,
        signed_at=when,
        method=Signature.Method.PAPER,
    )


def retire_agreement(*, actor, agreement: Agreement) -> Agreement:
    """Stops asking anyone to sign it; what was signed is kept. Retiring it twice (a double
    click, a page left open) changes nothing and says so."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.retired_at is not None:
            raise AgreementError(
                f"‘{agreement.title}’ was already retired on {long_date(agreement.retired_at)}. "
                "Nothing has changed."
            )
        agreement.retired_at = timezone.now()
        agreement.save(update_fields=["retired_at"])
        audit.record_change(
            actor=actor,
            instance=agreement,
            action=AuditEvent.Action.AGREEMENT_RETIRED,
            summary=f"Agreement ‘{agreement.title}’ no longer in use",
            changes={"retired_at": [None, str(agreement.retired_at)]},
        )
    return agreement
