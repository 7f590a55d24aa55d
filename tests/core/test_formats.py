from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from coproduce.core import formats
from coproduce.core.formats import date_time, long_date, money, time_of_day

LONDON = ZoneInfo("Europe/London")


def test_dates_read_as_in_the_style_guide():
    assert long_date(date(2026, 3, 3)) == "Tuesday 3 March 2026"


def test_times_read_as_in_the_style_guide():
    assert time_of_day(datetime(2026, 3, 3, 14, 30, tzinfo=LONDON)) == "2:30pm"
    assert time_of_day(datetime(2026, 3, 3, 9, 0, tzinfo=LONDON)) == "9am"
    assert time_of_day(datetime(2026, 3, 3, 0, 5, tzinfo=LONDON)) == "12:05am"
    assert time_of_day(datetime(2026, 3, 3, 12, 0, tzinfo=LONDON)) == "12pm"


def test_aware_times_show_in_uk_time():
    summer_utc = datetime(2026, 7, 1, 13, 30, tzinfo=ZoneInfo("UTC"))
    assert time_of_day(summer_utc) == "2:30pm"
    assert date_time(summer_utc) == "1 July 2026 at 2:30pm"


def test_money_has_a_pound_sign_and_two_places_rounded_half_up():
    assert money(Decimal("12.5")) == "£12.50"
    assert money(Decimal("1234.565")) == "£1,234.57"
    assert money(Decimal("-3")) == "-£3.00"
    assert money(None) == ""


def test_hours_drop_trailing_zeros():
    assert formats.hours(Decimal("1.50")) == "1.5"
    assert formats.hours(Decimal("2.00")) == "2"
    assert formats.hours(Decimal("1.75")) == "1.75"
    assert formats.hours(Decimal("10")) == "10"
    assert formats.hours(None) == ""


def test_counts_have_the_right_form_of_their_word():
    assert formats.count_of(1, "hour") == "1 hour"
    assert formats.count_of(Decimal("1.00"), "hour") == "1 hour"
    assert formats.count_of(Decimal("2.50"), "hour") == "2.5 hours"
    assert formats.count_of(0, "row") == "0 rows"
    assert formats.count_of(1204, "row") == "1,204 rows"
    assert formats.count_of(Decimal("1000"), "mile") == "1,000 miles"
    assert formats.count_of(1, "person", "people") == "1 person"
    assert formats.count_of(3, "person", "people") == "3 people"


def test_counts_read_the_same_in_templates():
    from django.template import engines

    page = engines["jinja2"].from_string(
        "{{ one | count_of('hour') }}; {{ many | count_of('hour') }}; {{ days | count_of('day') }}"
    )
    assert page.render({"one": Decimal("1"), "many": Decimal("2.5"), "days": 1}) == (
        "1 hour; 2.5 hours; 1 day"
    )


def test_a_name_put_mid_sentence_loses_its_capital_unless_it_is_an_abbreviation():
    assert formats.lower_first("A companion or carer") == "a companion or carer"
    assert formats.lower_first("Easy read") == "easy read"
    assert formats.lower_first("BSL interpreter") == "BSL interpreter"
    assert formats.lower_first("NHS number") == "NHS number"
