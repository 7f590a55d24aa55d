"""Counting a governor election at the issue's scale: 50,000 ballots for 10 candidates and 4
seats by STV, under COUNT_TARGET_S. The ballots are random (a fixed seed, so every run counts
the same election) and cast one by one, as members' papers arrive, not grouped: grouping
identical papers is the count's own work, and is timed with it."""

import random
import statistics
import time

COUNT_NAME = "STV count, 50,000 ballots"
COUNT_TARGET_S = 2.0
# The median of a few counts, so one slow moment on a busy machine does not decide it.
COUNT_REPEATS = 3
BALLOT_SEED = 2026


def random_ballots(ballots: int, candidates: int, seed: int = BALLOT_SEED) -> list:
    """`ballots` papers, each numbering a random number (1 to all) of the candidates 1..n in a
    random order — how real papers look: most voters stop before the end."""
    from coproduce.membership.elections.ballots import Ballot

    draw = random.Random(seed)
    numbers = list(range(1, candidates + 1))
    return [
        Ballot(tuple(draw.sample(numbers, draw.randint(1, candidates)))) for _ in range(ballots)
    ]


def time_count(
    ballots: int = 50_000, candidates: int = 10, seats: int = 4, repeats: int = COUNT_REPEATS
) -> float:
    """Seconds an STV count of `ballots` random papers takes: the median of `repeats` counts."""
    from coproduce.membership.elections.stv import count_stv

    papers = random_ballots(ballots, candidates)
    names = list(range(1, candidates + 1))
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        sheet = count_stv(names, papers, seats, lot_seed=0)
        times.append(time.perf_counter() - started)
    if len(sheet.elected) != seats or sheet.valid_votes != ballots:
        raise RuntimeError("the count did not fill the seats from every ballot")
    return statistics.median(times)


def count_row():
    """The count's row of the bench's table. The count needs no database (it counts the
    ballots it is given), so it is timed once, in the bench's own process."""
    from coproduce.bench.report import Row, seconds

    try:
        took = time_count()
    except Exception as error:  # reported in the table, like a broken page
        return Row(COUNT_NAME, "none", f"< {COUNT_TARGET_S:.0f} s", "-", "-", None, str(error))
    return Row(
        COUNT_NAME, "none", f"< {COUNT_TARGET_S:.0f} s", seconds(took), "-", took < COUNT_TARGET_S
    )
