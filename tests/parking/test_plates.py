"""Registrations are checked loosely and written one way, so an attendant reads the plate as
it is and the same car is never registered twice."""

import pytest

from coproduce.parking.plates import PlateError, normalise


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("ab12cde", "AB12 CDE"),
        (" AB12  CDE ", "AB12 CDE"),
        ("ab-12-cde", "AB12 CDE"),
        ("a123bcd", "A123 BCD"),
        ("abc123d", "ABC 123D"),
        ("1 ABC", "1ABC"),
        ("KX 5", "KX5"),
    ],
)
def test_plates_are_written_in_capitals_with_their_usual_space(typed, written):
    assert normalise(typed) == written


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the registration number"),
        ("AB12 CD£", "only have letters and numbers"),
        ("ABCDEFGHJ1", "between 2 and 8"),
        ("HELLO", "must have letters and numbers"),
        ("12345", "must have letters and numbers"),
    ],
)
def test_what_cannot_be_a_plate_is_refused_in_words_for_the_person(typed, message):
    with pytest.raises(PlateError, match=message):
        normalise(typed)
