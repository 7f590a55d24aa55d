"""Text we make is shortened on purpose to fit its field, with "…" to show it goes on; what
is kept whole (a file's extension, the fee in words) stays whole."""

import pytest

from coproduce.core.lengths import file_name_for, limit_of, shorten_for, too_long
from coproduce.payments.models import ClaimLine


def test_the_message_for_too_long_text_reads_as_the_nhs_design_system_s_do():
    assert too_long("description", 200) == "Description must be 200 characters or fewer"
    assert too_long("the reason", 1000) == "The reason must be 1,000 characters or fewer"


def test_text_that_fits_is_kept_whole_and_longer_text_is_marked_where_it_is_cut():
    assert shorten_for(ClaimLine, "description", "Bus") == "Bus"
    assert shorten_for(ClaimLine, "description", "b" * 200) == "b" * 200
    assert shorten_for(ClaimLine, "description", "b" * 201) == "b" * 199 + "…"
    made = shorten_for(ClaimLine, "description", "T" * 200, end=": 2 hours")
    assert made == "T" * 190 + "…: 2 hours"
    assert len(made) == limit_of(ClaimLine, "description") == 200


def test_a_file_name_keeps_its_extension_when_shortened():
    assert file_name_for(ClaimLine, "receipt_name", "ticket.pdf") == "ticket.pdf"
    name = file_name_for(ClaimLine, "receipt_name", "t" * 300 + ".jpeg")
    assert name == "t" * 194 + "….jpeg"
    assert file_name_for(ClaimLine, "receipt_name", "n" * 300) == "n" * 199 + "…"


def test_an_ending_with_no_room_before_it_is_a_mistake_in_the_code():
    with pytest.raises(ValueError, match="leaves no room"):
        shorten_for(ClaimLine, "description", "T", end="e" * 199)
