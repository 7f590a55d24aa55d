"""Ballots as the count sees them, and the reading of a marked paper into one.

A ballot is the candidates a voter numbered, in order of preference, with a weight: how many
voters cast that same ballot. Grouped ballots (as the Scottish councils publish them, and as a
count groups identical papers) count as fast as one; a paper cast on its own has weight 1.

`read_paper` applies the Scottish rules on which papers count and how far (The Scottish Local
Government Elections Order 2011, Schedule 1: rule 44, rejected ballot papers, and the meaning of
"next available preference" in rule 2 — "a preference which is the second or, as the case may be,
subsequent preference in consecutive order").
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

# A candidate is whatever identifies them to the caller: a primary key, a number on the paper.
CandidateId = Hashable


@dataclass(frozen=True, slots=True)
class Ballot:
    """The candidates one or more voters numbered, first preference first."""

    preferences: tuple[CandidateId, ...]
    weight: int = 1


class Rejection(StrEnum):
    """Why a paper is void and not counted (rule 44), in words a returning officer would use."""

    UNMARKED = "The paper is unmarked."
    NO_FIRST_PREFERENCE = "No candidate is marked with the figure 1."
    FIRST_PREFERENCE_FOR_MORE_THAN_ONE = "The figure 1 is marked against more than one candidate."


def read_paper(
    marks: Mapping[CandidateId, int], candidates: Sequence[CandidateId]
) -> tuple[CandidateId, ...] | Rejection:
    """The preferences a paper counts for, or why it is rejected.

    `marks` is the figure the voter wrote against each candidate they marked. The paper is valid
    when exactly one candidate has the figure 1. It then counts for 2, 3, ... in consecutive
    order, and stops at the first figure that does not continue the order:
    - a skipped figure (1, 2, 4): the preferences after the gap are ignored, so the paper counts
      for the candidates marked 1 and 2 only — there is no "next available preference" after 2;
    - a repeated figure (1, 2, 2, 3): the voter's next preference cannot be told, so the paper
      counts for the candidate marked 1 only; everything from the repeated figure on is ignored.
    Figures below 1 are not preferences and are ignored. A paper that stops early is still valid;
    it becomes non-transferable when its preferences run out, like any other.
    """
    unknown = [candidate for candidate in marks if candidate not in candidates]
    if unknown:
        raise ValueError(f"Marks for candidates not standing: {unknown!r}")
    if not marks:
        return Rejection.UNMARKED
    by_figure: dict[int, list[CandidateId]] = {}
    for candidate, figure in marks.items():
        by_figure.setdefault(figure, []).append(candidate)
    firsts = by_figure.get(1, [])
    if not firsts:
        return Rejection.NO_FIRST_PREFERENCE
    if len(firsts) > 1:
        return Rejection.FIRST_PREFERENCE_FOR_MORE_THAN_ONE
    preferences = [firsts[0]]
    figure = 2
    while len(by_figure.get(figure, [])) == 1:
        preferences.append(by_figure[figure][0])
        figure += 1
    return tuple(preferences)


def group_ballots(
    ballots: Iterable[Ballot], candidates: Sequence[CandidateId]
) -> Counter[tuple[CandidateId, ...]]:
    """Identical ballots added together, each checked once: the count then works per group.

    A ballot the count cannot take is a mistake upstream (papers are read with `read_paper`
    first), so it raises rather than being skipped silently.
    """
    grouped: Counter[tuple[CandidateId, ...]] = Counter()
    for ballot in ballots:
        grouped[ballot.preferences] += ballot.weight
    standing = set(candidates)
    for preferences, weight in grouped.items():
        if weight < 0:
            raise ValueError(f"A ballot's weight is negative: {preferences!r}")
        if not preferences:
            raise ValueError("An empty ballot cannot be counted: it is rejected as unmarked.")
        if len(set(preferences)) != len(preferences):
            raise ValueError(f"A ballot names a candidate twice: {preferences!r}")
        if not standing.issuperset(preferences):
            raise ValueError(f"A ballot names a candidate not standing: {preferences!r}")
    return grouped
