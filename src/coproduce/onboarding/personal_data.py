"""Onboarding's part of a person's data: the agreements and training they have completed."""

from coproduce.core.subject_access import Section


def collect(expert) -> Section:
    return Section(
        "onboarding",
        [
            {
                "prerequisite": completion.get_prerequisite_display(),
                "completed_on": completion.completed_on,
                "expires_on": completion.expires_on,
                "version": completion.version,
            }
            for completion in expert.completions.order_by("completed_on")
        ],
    )


def erase(expert) -> list[str]:
    """The agreements and training they completed are deleted: nothing needs them once the
    person can no longer be involved."""
    count, _ = expert.completions.all().delete()
    return ["the agreements and training they completed"] if count else []
