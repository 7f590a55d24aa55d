"""Who cannot be invited yet, and why: experts missing a prerequisite, and experts already
invited to every session the shortlist is for (invited to some, or to other sessions of the
work, is a note instead). A fixed few queries, whatever the number of experts."""

from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from coproduce.onboarding import queries as onboarding
from coproduce.onboarding.models import AgreementVersion, Prerequisite
from coproduce.opportunities.matching import reasons as words
from coproduce.opportunities.matching.reasons import Effect, Reason
from coproduce.opportunities.models import Invitation, Opportunity, Session
from coproduce.training.queries import holders


@dataclass(frozen=True)
class Prerequisites:
    """What the work asks every expert to have done first, in order (agreements, then
    training): for each, the experts who have done it, as a subquery. The candidates' query
    asks the database, for each expert, which they have met, as one number with a bit for each
    (bit `i` for `kinds[i]`), so that who lacks what is known without reading every signature
    and training record into Python; the words are made only for the experts shown apart."""

    kinds: list[str]
    # Who has met each, as a subquery of expert ids; None where no one can yet (an agreement
    # of that kind has no version published).
    met_by: list[QuerySet | None]
    current: dict[str, AgreementVersion]

    @property
    def all_met(self) -> int:
        return (1 << len(self.kinds)) - 1

    def missing(self, met: int) -> str:
        """In words, what an expert lacks, from the bits of what they have met."""
        labels = [
            _agreement_missing(kind, self.current.get(kind))
            if kind in AGREEMENT_KINDS
            else Prerequisite(kind).label.lower()
            for i, kind in enumerate(self.kinds)
            if not met & (1 << i)
        ]
        return words.missing_prerequisites(labels)


def prerequisites_for(opportunity: Opportunity, on_day: date) -> Prerequisites | None:
    """The work's prerequisites, each to be met by the first session's day (`on_day`): the
    current version of each agreement named signed (one query, for the versions), and
    training valid on that day. None when the work asks for none."""
    asked = [p for p in opportunity.prerequisites if p in Prerequisite.values]
    if not asked:
        return None
    agreements = [p for p in asked if p in AGREEMENT_KINDS]
    courses = [p for p in asked if p not in AGREEMENT_KINDS]
    current = onboarding.current_by_kind(agreements) if agreements else {}
    met_by: list[QuerySet | None] = [
        onboarding.signed_by(current[kind]) if kind in current else None for kind in agreements
    ]
    met_by += [holders(kind, on_day) for kind in courses]
    return Prerequisites(kinds=agreements + courses, met_by=met_by, current=current)


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
