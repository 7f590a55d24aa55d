"""Onboarding's part of a person's data: the agreements and training they have completed, and
their photo ID badges."""

from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    return Section(
        "onboarding",
        {
            "agreements_and_training": [
                {
                    "prerequisite": completion.get_prerequisite_display(),
                    "completed_on": completion.completed_on,
                    "expires_on": completion.expires_on,
                    "version": completion.version,
                }
                for completion in expert.completions.order_by("completed_on")
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
        },
    )


def erase(expert) -> list[str]:
    """The agreements and training they completed, and their photo ID badges, are deleted:
    nothing needs them once the person can no longer be involved. A printed sheet of badges
    that has theirs on it is deleted too (it holds their photo and name)."""
    from coproduce.onboarding.models import BadgePrint

    erased = []
    count, _ = expert.completions.all().delete()
    if count:
        erased.append("the agreements and training they completed")
    badge_ids = set(expert.badges.values_list("pk", flat=True))
    if badge_ids:
        for run in BadgePrint.objects.exclude(file=""):
            if badge_ids & set(run.badge_ids):
                run.file.delete(save=False)
                BadgePrint.objects.filter(pk=run.pk).update(file="")
        expert.badges.all().delete()
        erased.append("their photo ID badges")
    return erased
