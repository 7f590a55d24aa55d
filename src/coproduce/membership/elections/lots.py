"""Drawing lots: how a returning officer settles a tie the votes cannot.

Both counts end a tie the rules cannot break "by lot" (the Model Election Rules for first past
the post; rules 50(3) and 52(2)(b) of the Scottish order for STV). Here the lot is a draw from a
pseudo-random sequence started from a recorded seed: anyone holding the seed and the ballots can
replay the count and see the same draw, which a hat cannot offer. The seed comes from `secrets`
unless the caller gives one (a test, or a re-count that must repeat the original draw).
"""

import random
import secrets
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Lot:
    """One draw: who was tied, for what, and who the lot chose (in the order drawn)."""

    stage: int
    purpose: str
    tied: tuple[Hashable, ...]
    chosen: tuple[Hashable, ...]


class LotDrawer:
    """Draws lots from one seed, in candidate order, and keeps the record of every draw."""

    def __init__(self, candidates: Sequence[Hashable], seed: int | None) -> None:
        self.seed = secrets.randbits(64) if seed is None else seed
        # A seeded sequence on purpose: the draw must be repeatable from the recorded seed.
        self._random = random.Random(self.seed)
        self._order = {candidate: index for index, candidate in enumerate(candidates)}
        self.lots: list[Lot] = []

    def draw(
        self, tied: Sequence[Hashable], *, number: int, stage: int, purpose: str
    ) -> tuple[Hashable, ...]:
        """`number` of the tied candidates, chosen by lot and recorded."""
        # Sorted into ballot-paper order first, so the same seed gives the same draw whatever
        # order the caller found the tied candidates in.
        pool = sorted(tied, key=self._order.__getitem__)
        chosen = tuple(self._random.sample(pool, number))
        self.lots.append(Lot(stage=stage, purpose=purpose, tied=tuple(pool), chosen=chosen))
        return chosen
