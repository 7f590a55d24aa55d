"""What every demo module shares with the demo_data command.

Each module (accounts.py, people.py, ...) has:

- `create(ctx: DemoContext) -> None`: adds its fictional records;
- optionally `sign_ins() -> list[SignIn]`: the demo accounts it makes, for the printed table.
"""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from faker import Faker

T = TypeVar("T")


@dataclass(frozen=True)
class SignIn:
    role: str
    email: str
    how: str


@dataclass
class DemoContext:
    rng: random.Random
    faker: Faker
    experts: int
    now: datetime
    say: Callable[[str], None]

    @classmethod
    def seeded(
        cls, *, seed: int, experts: int, now: datetime, say: Callable[[str], None]
    ) -> "DemoContext":
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        return cls(rng=random.Random(seed), faker=faker, experts=experts, now=now, say=say)

    def pool(self, make: Callable[[], T], size: int) -> list[T]:
        """Distinct values made by Faker once, up front: calling Faker for every row of a
        20,000-row register would take most of the time the command has."""
        seen: dict[T, None] = {}
        for _ in range(size * 3):
            seen.setdefault(make(), None)
            if len(seen) >= size:
                break
        return list(seen)

    def pick(self, items: Sequence[T], weights: Sequence[float], k: int) -> list[T]:
        """k different items, likelier ones more often."""
        k = min(k, len(items))
        chosen: dict[T, None] = {}
        while len(chosen) < k:
            chosen.setdefault(self.rng.choices(items, weights)[0], None)
        return list(chosen)
