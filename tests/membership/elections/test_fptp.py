"""First past the post: the most votes win; a tie for the last seat is settled by a recorded lot."""

import pytest

from coproduce.membership.elections.counting import Ballot, count_fptp


def ballots(*groups: tuple[str, int]) -> list[Ballot]:
    """("AB", 3) is three papers marking A and B."""
    return [Ballot(tuple(marks), weight) for marks, weight in groups]


def test_the_seats_go_to_the_most_votes():
    result = count_fptp("ABCD", ballots(("AB", 3), ("AC", 2), ("D", 1)), 2, lot_seed=0)

    assert result.totals == {"A": 5, "B": 3, "C": 2, "D": 1}
    assert result.elected == ("A", "B")
    assert result.valid_votes == 6
    assert not result.lot_drawn


def test_a_clear_winner_of_one_seat():
    result = count_fptp("ABC", ballots(("C", 4), ("A", 3), ("B", 3)), 1, lot_seed=0)

    assert result.elected == ("C",)
    assert result.lots == []


def test_a_tie_for_the_last_seat_is_decided_by_lot_and_reported():
    election = ballots(("AB", 2), ("AC", 2), ("D", 1))

    result = count_fptp("ABCD", election, 2, lot_seed=3)

    assert result.totals == {"A": 4, "B": 2, "C": 2, "D": 1}
    assert result.lot_drawn
    assert result.lot_seed == 3
    [lot] = result.lots
    assert lot.tied == ("B", "C")
    assert len(lot.chosen) == 1
    assert result.elected == ("A", *lot.chosen)
    # The same seed replays the draw; different seeds can draw differently.
    assert count_fptp("ABCD", election, 2, lot_seed=3).elected == result.elected
    winners = {count_fptp("ABCD", election, 2, lot_seed=s).elected for s in range(20)}
    assert winners == {("A", "B"), ("A", "C")}


def test_a_tie_that_fits_the_seats_needs_no_lot():
    result = count_fptp("ABC", ballots(("AB", 2), ("C", 1)), 2, lot_seed=0)

    assert set(result.elected) == {"A", "B"}
    assert not result.lot_drawn


def test_a_three_way_tie_for_two_seats_draws_two():
    result = count_fptp("ABC", ballots(("A", 1), ("B", 1), ("C", 1)), 2, lot_seed=5)

    [lot] = result.lots
    assert lot.tied == ("A", "B", "C")
    assert len(set(lot.chosen)) == 2
    assert result.elected == lot.chosen


@pytest.mark.parametrize(
    "bad, message",
    [
        (Ballot(("A", "B", "C")), "more than 2"),
        (Ballot(("A", "A")), "twice"),
        (Ballot(()), "empty"),
        (Ballot(("Z",)), "not standing"),
    ],
)
def test_count_refuses_a_paper_it_cannot_take(bad, message):
    with pytest.raises(ValueError, match=message):
        count_fptp("ABC", [bad], 2)
