"""Onboarding's part of a person's data: the agreements they signed (which version, when and
how), their photo ID badges and the welcome packs sent to them. Their training is the training
app's part."""

from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    return Section(
        "onboarding",
        {
            "agreements_signed": [
                {
                    "agreement": signature.version.agreement.title,
                    "version": signature.version.number,
                    "signed_at": signature.signed_at,
                    "how_signed": signature.get_method_display(),
                    "typed_name": signature.typed_name,
                }
                for signature in expert.signatures.select_related("version__agreement").order_by(
                    "signed_at", "id"
                )
            ],
            "photo_id_badges": [
                {
                    "badge_number": badge.number,
                    "issued_on": badge.issued_on,
                    "expires_on": badge.expires_on,
                    "revoked_at": badge.revoked_at,
                    "why_revoked": badge.revoked_reason,
                }
                for badge in expert.badges.order_by("issued_at", "id")
            ],
            "welcome_packs_sent": [
                {"sent_on": pack.sent_on, "format": pack.get_format_display()}
                for pack in expert.welcome_packs.order_by("sent_on", "id")
            ],
        },
    )


def erase(expert) -> list[str]:
    """The agreements they signed, the welcome packs sent and their photo ID badges are
    deleted: nothing needs them once the person can no longer be involved. A printed sheet of badges
    that has theirs on it is deleted too (it holds their photo and name)."""
    from coproduce.onboarding.models import BadgePrint

    erased = []
    count, _ = expert.signatures.all().delete()
    if count:
        erased.append("the agreements they signed")
    count, _ = expert.welcome_packs.all().delete()
    if count:
        erased.append("the welcome packs sent to them")
    badge_ids = set(expert.badges.values_list("pk", flat=True))
    if badge_ids:
        for run in BadgePrint.objects.exclude(file=""):
            if badge_ids & set(run.badge_ids):
                run.file.delete(save=False)
                BadgePrint.objects.filter(pk=run.pk).update(file="")
        expert.badges.all().delete()
        erased.append("their photo ID badges")
    return erased
