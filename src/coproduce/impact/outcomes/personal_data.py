"""Outcomes' part of a person's data: what they were told of the outcomes of the work they
took part in, when, and how (or why they could not be told)."""

from coproduce.core.subject_access import Section
from coproduce.impact.outcomes import queries


def collect(expert) -> Section:
    return Section(
        "what_happened_next",
        {
            "told_what_happened_next": [
                {
                    "work": telling.words.get("work", telling.outcome.opportunity.title),
                    "what_you_were_told": telling.words,
                    "told_at": telling.told_at,
                    "how": telling.get_how_display() if telling.how else "",
                    "not_told_because": telling.problem,
                }
                for telling in queries.tellings_of_expert(expert)
            ],
        },
    )


def erase(expert) -> list[str]:
    """What they were told is deleted: it is theirs alone. The outcome itself stays: it is
    about the work, not the person."""
    count, _ = expert.outcome_tellings.all().delete()
    return ["what they were told of outcomes"] if count else []
