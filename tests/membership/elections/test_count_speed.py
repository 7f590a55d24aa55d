"""The issue's speed target: an STV count of 50,000 ballots cast one by one, 10 candidates and
4 seats, under 2 seconds. `make bench` measures it against the target; here the median of 3
counts must be within tests.speed's room for a shared machine."""

from coproduce.bench.election_case import COUNT_TARGET_S, count_row, random_ballots, time_count
from tests.speed import limit


def test_fifty_thousand_ballots_count_in_seconds():
    seconds = time_count(ballots=50_000, candidates=10, seats=4, repeats=3)

    print(f"STV count of 50,000 ballots: {seconds:.3f} s (median of 3)")
    assert COUNT_TARGET_S == 2.0
    assert seconds < limit(COUNT_TARGET_S)


def test_the_benchmark_ballots_are_many_and_varied():
    papers = random_ballots(50_000, 10)

    assert len(papers) == 50_000
    assert all(paper.weight == 1 for paper in papers)
    # Some 33,000 different ballots: grouping alone does not make the count fast.
    assert len({paper.preferences for paper in papers}) > 30_000
    assert {len(paper.preferences) for paper in papers} == set(range(1, 11))
    assert random_ballots(10, 10) == random_ballots(10, 10)  # the same election every run


def test_the_bench_prints_the_count_as_a_row_of_its_table():
    from coproduce.bench.report import table

    row = count_row()

    assert row.measurement == "STV count, 50,000 ballots"
    assert row.target == "< 2 s" and row.met is True
    assert row.median.endswith(" s")
    assert "STV count, 50,000 ballots | none" in table([row])
