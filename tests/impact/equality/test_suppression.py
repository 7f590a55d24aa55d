"""Small numbers are never shown: a count under the fewest people shown reads "fewer than N"
with no share, in the page, the CSV and the sections; a lone hidden group takes the next
smallest with it, so a total cannot give it away; a column of fewer than N is hidden whole."""

import re

import pytest
from django.urls import reverse

from coproduce.core.figures import Filters, csv_text
from coproduce.impact.equality import presenters
from coproduce.impact.equality.presenters import hidden_cells
from tests.impact.equality.helpers import END, START, answered, attended, population

pytestmark = pytest.mark.django_db

PERIOD = Filters(start=START, end=END)
PEOPLE = re.compile(r"(\d[\d,]*) (?:person|people)\b")


def test_a_lone_small_count_hides_the_next_smallest_too():
    assert hidden_cells([40, 3, 20, 12], 10) == {1, 3}


def test_two_small_counts_hide_only_themselves():
    assert hidden_cells([40, 3, 20, 0], 10) == {1, 3}


def test_a_column_adding_up_to_fewer_than_the_fewest_is_hidden_whole():
    assert hidden_cells([5, 3], 10) == {0, 1}


def test_nothing_is_hidden_when_every_count_is_big_enough():
    assert hidden_cells([10, 11], 10) == set()


def _small_groups() -> None:
    """With the default of 10: 12 women and 2 men on the register, all involved; 4 carers
    (too few to show a column for) and 3 who preferred not to say their religion."""
    for n in range(14):
        answers = answered(
            sex="female" if n < 12 else "male",
            carer="yes" if n < 4 else "",
            religion="prefer_not" if n < 3 else "",
        )
        attended(answers.expert)
    population("sex", female=510, male=490)


def _counts_shown(text: str) -> set[int]:
    return {int(found.replace(",", "")) for found in PEOPLE.findall(text)}


def test_no_count_under_the_fewest_appears_in_the_sections():
    _small_groups()
    sections = presenters.sections(PERIOD)
    for section in sections:
        for row in section.table.rows:
            for cell in row:
                assert all(n >= 10 for n in _counts_shown(cell)), (section.slug, row)
        assert all(n >= 10 for n in _counts_shown(section.summary)), section.summary
    sex = next(s for s in sections if s.slug == "who-is-heard-sex")
    assert [row[2] for row in sex.table.rows] == [
        "fewer than 10",  # 12 women, hidden so that the 2 men cannot be worked out
        "fewer than 10",
        "14 people",
        "fewer than 10",
    ]
    assert "%" not in sex.table.rows[0][2] and "%" not in sex.table.rows[1][2]


def test_no_count_under_the_fewest_appears_in_the_page_or_the_csv(lead_client):
    _small_groups()
    query = "?period=dates&start-day=1&start-month=4&start-year=2026&end-day=31&end-month=3&end-year=2027"
    page = lead_client.get(reverse("equality:who_is_heard") + query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "fewer than 10" in html
    assert _counts_shown(html) and all(n >= 10 for n in _counts_shown(html))
    assert "12 people" not in html and "2 people" not in html
    download = lead_client.get(reverse("equality:download") + query)
    assert download["Content-Type"].startswith("text/csv")
    text = download.content.decode()
    assert text == csv_text(presenters.sections(PERIOD))
    assert all(n >= 10 for n in _counts_shown(text))
    assert "fewer than 10" in text


def test_a_column_of_fewer_than_the_fewest_shows_no_total_or_share():
    _small_groups()
    carer = next(s for s in presenters.sections(PERIOD) if s.slug == "who-is-heard-carer")
    answered_row = next(r for r in carer.table.rows if r[0] == "Answered")
    assert answered_row[2:4] == ["fewer than 10", "fewer than 10"]
    assert all("%" not in cell for row in carer.table.rows for cell in row[2:4])
    assert "Fewer than 10 people on the register answered" in carer.summary


def test_the_fewest_shown_is_the_leads_setting():
    _small_groups()
    from coproduce.impact.equality import services
    from tests.factories import UserFactory

    services.set_fewest(actor=UserFactory(role="involvement_lead"), fewest=3)
    sections = presenters.sections(PERIOD)
    sex = next(s for s in sections if s.slug == "who-is-heard-sex")
    # Now only the 2 men are under the fewest; the women are hidden with them.
    assert sex.table.rows[0][2] == "fewer than 3"
    religion = next(s for s in sections if s.slug == "who-is-heard-religion")
    prefer_not = next(r for r in religion.table.rows if r[0] == "Preferred not to say")
    assert prefer_not[2] == "3 people"
