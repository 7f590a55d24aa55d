"""Who cannot be invited yet, and why: experts missing a prerequisite, and experts already
invited to every session the shortlist is for (invited to some, or to other sessions of the
work, is a note instead). One query each, whatever the number of experts."""

from collections import defaultdict
from collections.abc import Callable, Collection, Container
from datetime import date

from django.utils import timezone

from coproduce.onboarding import queries as onboarding
from coproduce.onboarding.models import Prerequisite
from coproduce.opportunities.matching import reasons as words
from coproduce.opportunities.matching.reasons import Effect, Reason
from coproduce.opportunities.models import Invitation, Opportunity, Session
from coproduce.training.queries import valid_course_kinds


def lacking_prerequisites(
    opportunity: Opportunity, first: Session | None, today: date, active: Collection[int]
) -> tuple[set[int], Callable[[int], str]]:
    """The active experts ranked (`active`) who have not met every prerequisite: signed the
    current version of each agreement named (two queries: the versions, then who signed them),
    and training valid on the first session's day (one query); and a function that says, for
    one of them, what is missing. Read for every active expert: narrowing it to those ranked
    (their areas and skills again, in a subquery) took longer than reading them all. Who has
    met them is worked out as sets; the words only for the experts shown apart."""
    prerequisites = [p for p in opportunity.prerequisites if p in Prerequisite.values]
    if not prerequisites or not active:
        return set(), _nothing_missing
    on_day = timezone.localdate(first.starts_at) if first else today
    agreements = [p for p in prerequisites if p in AGREEMENT_KINDS]
    courses = [p for p in prerequisites if p not in AGREEMENT_KINDS]
    current = onboarding.current_by_kind(agreements) if agreements else {}
    signed = onboarding.signers(current.values()) if current else {}
    trained = valid_course_kinds(courses, on_day) if courses else {}
    met = set(active)
    for kind in agreements:
        version = current.get(kind)
        met &= {e for e, versions in signed.items() if version and version.pk in versions}
    for kind in courses:
        met &= {e for e, kinds in trained.items() if kind in kinds}

    def missing(expert_id: int) -> str:
        labels = [
            _agreement_missing(kind, current.get(kind))
            for kind in agreements
            if kind not in current or current[kind].pk not in signed.get(expert_id, ())
        ]
        labels += [
            Prerequisite(kind).label.lower()
            for kind in courses
            if kind not in trained.get(expert_id, ())
        ]
        return words.missing_prerequisites(labels)

    return set(active) - met, missing


def _nothing_missing(expert_id: int) -> str:
    raise ValueError(f"Expert {expert_id} has met every prerequisite")


# The prerequisites met by signing the current version of an agreement of that kind; the
# others are met by training (a course of that kind).
AGREEMENT_KINDS = {Prerequisite.CONFIDENTIALITY, Prerequisite.CODE_OF_CONDUCT}
AGREEMENT_NAMES = {
    Prerequisite.CONFIDENTIALITY: "the confidentiality agreement",
    Prerequisite.CODE_OF_CONDUCT: "the code of conduct",
}


def _agreement_missing(kind: str, version) -> str:
    name = AGREEMENT_NAMES[Prerequisite(kind)]
    if version is None:
        return f"{name} (none is published yet)"
    return f"has not signed version {version.number} of {name}"


def invitations(
    opportunity: Opportunity,
    upcoming: list[Session],
    sessions: list[Session],
    for_session: Session | None,
    candidates: Container[int],
) -> tuple[dict[int, list[Reason]], dict[int, str]]:
    """Invitations to this work's upcoming sessions: being invited to every session the
    shortlist is for leaves nothing to invite someone to (why, by expert, for the
    `candidates` read); the rest are notes, by expert. Returns (notes, why apart)."""
    wanted = {x.pk for x in sessions}
    here: dict[int, list[str]] = defaultdict(list)  # to the sessions the shortlist is for
    elsewhere: dict[int, list[str]] = defaultdict(list)  # to the work's other sessions
    for expert_id, session, status in (
        Invitation.objects.filter(session__opportunity=opportunity, session__in=upcoming)
        .values_list("expert_id", "session_id", "status")
        .order_by("session__starts_at")
    ):
        (here if session in wanted else elsewhere)[expert_id].append(status)
    notes: dict[int, list[Reason]] = defaultdict(list)
    apart: dict[int, str] = {}
    for expert_id, statuses in here.items():
        if expert_id not in candidates:
            continue
        if len(statuses) < len(sessions):
            notes[expert_id].append(
                Reason(Effect.NOTE, words.invited_to_some(statuses, len(sessions)))
            )
        elif for_session:
            apart[expert_id] = words.invited_to_this_session(statuses)
        else:
            apart[expert_id] = words.invited_to_every(statuses)
    for expert_id, statuses in elsewhere.items():
        notes[expert_id].append(Reason(Effect.NOTE, words.invited_elsewhere(statuses)))
    return notes, apart
