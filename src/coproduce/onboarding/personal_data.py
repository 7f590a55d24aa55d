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
