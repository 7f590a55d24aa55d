"""Reading a marked STV paper (rule 44 and "next available preference" of the Scottish order)."""

import pytest

from coproduce.membership.elections.counting import Rejection, read_paper

CANDIDATES = ("A", "B", "C", "D")


def test_a_fully_numbered_paper_counts_in_order():
    assert read_paper({"C": 1, "A": 2, "D": 3, "B": 4}, CANDIDATES) == ("C", "A", "D", "B")


def test_a_single_first_preference_is_a_valid_paper():
    assert read_paper({"B": 1}, CANDIDATES) == ("B",)


def test_a_skipped_figure_ends_the_preferences_before_the_gap():
    assert read_paper({"A": 1, "B": 2, "D": 4}, CANDIDATES) == ("A", "B")


def test_a_repeated_figure_ends_the_preferences_before_it():
    assert read_paper({"A": 1, "B": 2, "C": 2, "D": 3}, CANDIDATES) == ("A",)


def test_a_repeated_later_figure_keeps_the_preferences_before_it():
    assert read_paper({"A": 1, "B": 2, "C": 3, "D": 3}, CANDIDATES) == ("A", "B")


def test_figures_below_one_are_ignored():
    assert read_paper({"A": 1, "B": 0, "C": -2, "D": 2}, CANDIDATES) == ("A", "D")


@pytest.mark.parametrize(
    "marks, reason",
    [
        ({}, Rejection.UNMARKED),
        ({"A": 2, "B": 3}, Rejection.NO_FIRST_PREFERENCE),
        ({"A": 1, "B": 1, "C": 2}, Rejection.FIRST_PREFERENCE_FOR_MORE_THAN_ONE),
    ],
)
def test_a_paper_without_one_clear_first_preference_is_rejected(marks, reason):
    assert read_paper(marks, CANDIDATES) is reason


def test_rejections_read_as_plain_english():
    assert str(Rejection.NO_FIRST_PREFERENCE) == "No candidate is marked with the figure 1."


def test_a_mark_for_someone_not_standing_is_a_mistake_upstream():
    with pytest.raises(ValueError, match="not standing"):
        read_paper({"A": 1, "Z": 2}, CANDIDATES)
