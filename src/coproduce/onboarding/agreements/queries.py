"""Reads of agreements and signatures, each with a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, QuerySet
from django.http import Http404

from coproduce.onboarding.models import Agreement, AgreementVersion, Signature
from coproduce.people.choices import Status
from coproduce.people.models import Expert


def current_versions(kinds: Iterable[str] | None = None) -> dict[int, AgreementVersion]:
    """The newest version of each agreement in use (of these kinds, or all), by agreement id,
    with its agreement (one query; there are a handful)."""
    versions = AgreementVersion.objects.select_related("agreement").filter(
        agreement__retired_at__isnull=True
    )
    if kinds is not None:
        versions = versions.filter(agreement__kind__in=list(kinds))
    current: dict[int, AgreementVersion] = {}
    for version in versions.order_by("agreement_id", "-number"):
        current.setdefault(version.agreement_id, version)
    return current


def current_by_kind(kinds: Iterable[str]) -> dict[str, AgreementVersion]:
    """The current version of the one agreement in use of each of these kinds (the
    confidentiality agreement, the code of conduct, the privacy notice), by kind (one query).
    A kind with nothing published is left out."""
    return {v.agreement.kind: v for v in current_versions(kinds).values()}


def signers(
    versions: Iterable[AgreementVersion], *, expert_ids: Iterable[int] | None = None
) -> dict[int, set[int]]:
    """Which of these versions each expert has signed, by expert id (one query; none when
    there are no versions). `expert_ids` None reads every active expert, which is quicker for
    the shortlist than a list of thousands of numbers."""
    ids = [v.pk for v in versions]
    signed: dict[int, set[int]] = defaultdict(set)
    if not ids:
        return signed
    rows = Signature.objects.filter(version_id__in=ids)
    if expert_ids is None:
        rows = rows.filter(expert__status=Status.ACTIVE)
    else:
        rows = rows.filter(expert_id__in=list(expert_ids))
    for expert_id, version_id in (
        rows.order_by().values_list("expert_id", "version_id").iterator(chunk_size=5000)
    ):
        signed[expert_id].add(version_id)
    return signed


def signed_by(version: AgreementVersion) -> QuerySet:
    """The ids of the experts who signed this version, as a subquery (for the shortlist, which
    asks the database whether each candidate is among them)."""
    return Signature.objects.filter(version=version).order_by().values("expert_id")


def agreements_with_counts() -> list[tuple[Agreement, AgreementVersion | None, int]]:
    """Every agreement, in use first, with its current version and how many experts have
    signed that version (two queries)."""
    current = current_versions()
    counts = dict(
        Signature.objects.filter(version__in=[v.pk for v in current.values()])
        .order_by()
        .values_list("version_id")
        .annotate(n=Count("id"))
        .values_list("version_id", "n")
    )
    agreements = list(Agreement.objects.order_by("retired_at", "kind", "title", "id"))
    out = []
    for agreement in agreements:
        version = current.get(agreement.pk)
        out.append((agreement, version, counts.get(version.pk, 0) if version else 0))
    return out


def agreement(pk: int) -> Agreement:
    found = Agreement.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such agreement.")
    return found


def versions_of(agreement: Agreement) -> list[AgreementVersion]:
    """Every version, newest first, with how many signed each (one query)."""
    return list(
        AgreementVersion.objects.filter(agreement=agreement)
        .annotate(signed=Count("signatures"))
        .order_by("-number")
    )


def signature_count(agreement: Agreement) -> int:
    """How many signatures there are of any version of the agreement (one query)."""
    return Signature.objects.filter(version__agreement=agreement).count()


def version(pk: int) -> AgreementVersion:
    """A version with its agreement; 404 when there is none. The caller applies the rules."""
    found = AgreementVersion.objects.select_related("agreement").filter(pk=pk).first()
    if found is None:
        raise Http404("No such agreement.")
    return found


def latest_version(agreement: Agreement) -> AgreementVersion | None:
    return AgreementVersion.objects.filter(agreement=agreement).order_by("-number").first()


def not_signed(version: AgreementVersion) -> QuerySet[Expert]:
    """Experts taking part or onboarding who have not signed this version, by name (the
    caller pages it: a count and a page)."""
    return (
        Expert.objects.filter(
            status__in=[Status.ACTIVE, Status.ONBOARDING],
            erased_at__isnull=True,
        )
        .exclude(signatures__version=version)
        .only("id", "full_name", "status")
        .order_by("full_name", "id")
    )


def signatures_of(expert) -> list[Signature]:
    """Every signature the expert has made, newest first, with the version and agreement
    (one query)."""
    return list(
        Signature.objects.filter(expert=expert)
        .select_related("version__agreement")
        .order_by("-signed_at", "-id")
    )


def agreements_for_expert(expert) -> list[dict]:
    """Each agreement in use with its current version and what this expert has signed of it:
    the current version, an older one, or nothing (two queries). Newest-signed first within."""
    current = current_versions()
    signed: dict[int, Signature] = {}
    for signature in signatures_of(expert):
        signed.setdefault(signature.version.agreement_id, signature)
    rows = []
    for agreement_id, version in sorted(
        current.items(), key=lambda pair: (pair[1].agreement.kind, pair[1].agreement.title)
    ):
        latest = signed.get(agreement_id)
        rows.append(
            {
                "agreement": version.agreement,
                "current": version,
                "signature": latest,
                "signed_current": latest is not None and latest.version_id == version.pk,
            }
        )
    return rows


def to_sign(expert) -> list[AgreementVersion]:
    """The current versions the expert has not signed yet (two queries)."""
    return [row["current"] for row in agreements_for_expert(expert) if not row["signed_current"]]


def signature_by(expert, version: AgreementVersion) -> Signature | None:
    return Signature.objects.filter(expert=expert, version=version).first()
