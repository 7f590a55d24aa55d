"""Concerns' part of a person's data: each concern they raised, with what they told us, our
replies and what happened. Triage notes (who handles it, its category) are the team's working,
and the safeguarding contacts' emails carry nothing about the person, so neither is here."""

from coproduce.core.subject_access import Section
from coproduce.impact.concerns import queries


def collect(expert) -> Section:
    return Section(
        "concerns",
        [
            {
                "reference": concern.reference,
                "about": concern.get_about_display(),
                "what_happened": concern.what_happened,
                "what_you_would_like": concern.wanted,
                "anyone_at_risk": concern.safeguarding,
                "how_we_heard": concern.get_received_display(),
                "raised_at": concern.raised_at,
                "status": concern.get_status_display(),
                "closed_at": concern.closed_at,
                "history": [
                    {"when": step.at, "what": step.get_kind_display(), "text": step.text}
                    for step in concern.steps.all()
                ],
            }
            for concern in queries.concerns_of_for_export(expert)
        ],
    )


def erase(expert) -> list[str]:
    """What they wrote, and what was written back, is emptied; the concerns stay, without
    words, so the organisation's figures (raised, closed, days to reply) stay right."""
    concerns = expert.concerns.all()
    if not concerns.exists():
        return []
    from coproduce.core.erasure import pseudonym
    from coproduce.impact.concerns.models import Step

    steps = Step.objects.filter(concern__expert=expert)
    steps.update(text="")
    # The expert's own steps were signed with their name.
    steps.filter(kind__in=[Step.Kind.RAISED, Step.Kind.ADDED]).update(by_label=pseudonym(expert))
    concerns.update(what_happened="", wanted="", invitation=None, claim=None, submission=None)
    return ["what they wrote in their concerns, and the replies to them"]
