"""Every spreadsheet we send out makes a cell that would run as a formula plain text."""

import pytest

from coproduce.core.spreadsheets import neutralise


@pytest.mark.parametrize("formula", ["=HYPERLINK(1)", "+44", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_a_formula_becomes_plain_text(formula):
    assert neutralise(formula) == "'" + formula


@pytest.mark.parametrize(("value", "text"), [("Nia Jones", "Nia Jones"), (None, ""), (12, "12")])
def test_other_values_are_left_as_they_are(value, text):
    assert neutralise(value) == text
