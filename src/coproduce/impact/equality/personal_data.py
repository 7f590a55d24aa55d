"""Equality monitoring's part of a person's data: the answers they gave about themselves, with
when they consented and to which words. Only here, in their own subject access export, are the
answers ever shown. Erasure deletes them."""

from coproduce.core.subject_access import Section
from coproduce.impact.equality import queries
from coproduce.impact.equality.categories import BY_SLUG, CHARACTERISTICS, DETAIL_LABEL


def collect(expert) -> Section:
    found = queries.answers_of(expert)
    if found is None:
        return Section("equality_monitoring", {"equality_monitoring_answers": None})
    answers = {
        c.title: BY_SLUG[c.slug].label(getattr(found, c.slug)) or "Not answered"
        for c in CHARACTERISTICS
    }
    if found.ethnic_detail:
        answers["Ethnic group, in more detail"] = DETAIL_LABEL.get(found.ethnic_detail, "")
    return Section(
        "equality_monitoring",
        {
            "equality_monitoring_answers": {
                "answers": answers,
                "consent_given_at": found.consent_at,
                "consent_version": found.consent_version,
                "copied_from_a_paper_form": found.recorded_by_id is not None,
                "last_changed_at": found.updated_at,
            }
        },
    )


def erase(expert) -> list[str]:
    from coproduce.impact.equality.models import EqualityAnswers

    count, _ = EqualityAnswers.objects.filter(expert=expert).delete()
    return ["equality monitoring answers"] if count else []
