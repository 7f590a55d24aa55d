"""The count sheet of an STV count: what happened at each stage, and proof that it adds up.

It is the sheet a Scottish returning officer publishes: the valid votes and the quota, then for
every stage what was done (first preferences counted, a surplus transferred, a candidate
excluded), the votes each candidate gained or lost, the non-transferable votes at that stage and
in all, each candidate's total, and who is elected or excluded so far. Votes are `Decimal`s with
five decimal places, as the order counts them; nothing is rounded for display here.

The sheet must balance at every stage: the valid votes equal the votes credited to candidates
plus the votes that became non-transferable. A surplus transfer loses a little to truncation
(each paper's value is cut to five places, rule 49(3)); that loss is counted as non-transferable,
as the Scottish sheets do, so the balance is exact.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from coproduce.membership.elections.ballots import CandidateId
from coproduce.membership.elections.lots import Lot


class Action(StrEnum):
    FIRST_PREFERENCES = "first preferences counted"
    SURPLUS = "surplus transferred"
    EXCLUSION = "candidate excluded"


class ElectedBy(StrEnum):
    QUOTA = "reached the quota"
    LAST_VACANCIES = "continuing candidates equalled the vacancies left"


@dataclass(frozen=True)
class Election:
    candidate: CandidateId
    stage: int
    by: ElectedBy


@dataclass
class Stage:
    """One stage of the count, as one column of the sheet."""

    number: int
    action: Action
    # Whose surplus was transferred, or who was excluded; None at the first stage.
    subject: CandidateId | None
    # The surplus transferred (surplus stages only).
    surplus: Decimal | None
    # Votes gained (positive) or given up (negative, the subject's) at this stage.
    transfers: dict[CandidateId, Decimal]
    # Non-transferable at this stage: papers with no next available preference, at the value
    # they carried, plus what truncation to five decimal places lost (`truncation`).
    non_transferable: Decimal
    truncation: Decimal
    non_transferable_total: Decimal
    # Every candidate's total at the end of the stage (an excluded candidate's is 0; an elected
    # candidate's is the quota once their surplus has gone).
    totals: dict[CandidateId, Decimal]
    elected: list[Election] = field(default_factory=list)
    excluded_so_far: tuple[CandidateId, ...] = ()
    elected_so_far: tuple[CandidateId, ...] = ()
    lots: list[Lot] = field(default_factory=list)
    # How a tie over whom this stage dealt with was settled (rules 50(2)-(3), 52(2)), if any.
    tie: str | None = None

    @property
    def continuing(self) -> dict[CandidateId, Decimal]:
        """The totals of candidates neither elected nor excluded at the end of this stage."""
        done = set(self.excluded_so_far) | set(self.elected_so_far)
        return {c: total for c, total in self.totals.items() if c not in done}

    def description(self) -> str:
        if self.action is Action.SURPLUS:
            return f"Surplus of {self.subject} ({self.surplus}) transferred"
        if self.action is Action.EXCLUSION:
            return f"{self.subject} excluded"
        return "First preferences counted"


class SheetDoesNotBalance(AssertionError):
    """Votes went missing or appeared from nowhere: the count is wrong and must not stand."""


@dataclass
class CountSheet:
    candidates: tuple[CandidateId, ...]
    seats: int
    valid_votes: int
    quota: int
    stages: list[Stage]
    elected: list[Election]
    excluded: list[CandidateId]
    lots: list[Lot]
    # The seed any lot was drawn from: with the ballots, it replays the count exactly.
    lot_seed: int

    @property
    def elected_candidates(self) -> tuple[CandidateId, ...]:
        return tuple(election.candidate for election in self.elected)

    @property
    def lot_drawn(self) -> bool:
        return bool(self.lots)

    def imbalance(self, stage: Stage) -> Decimal:
        """Valid votes less (votes credited + non-transferable) at the end of `stage`: zero."""
        credited = sum(stage.totals.values(), Decimal(0))
        return Decimal(self.valid_votes) - credited - stage.non_transferable_total

    def imbalances(self) -> dict[int, Decimal]:
        """The stages that do not balance, by number, and by how much (empty when all do)."""
        return {s.number: d for s in self.stages if (d := self.imbalance(s)) != 0}

    def assert_balanced(self) -> None:
        """Raise if any stage does not balance, or a stage's own transfers do not add up."""
        if wrong := self.imbalances():
            raise SheetDoesNotBalance(f"Stages that do not balance: {wrong}")
        for stage in self.stages[1:]:
            moved = sum(stage.transfers.values(), Decimal(0)) + stage.non_transferable
            if moved != 0:
                raise SheetDoesNotBalance(
                    f"Stage {stage.number}: transfers and non-transferable add to {moved}, not 0"
                )
