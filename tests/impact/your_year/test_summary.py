"""An expert's year read and put in words: which years they took part in, the sessions,
hours, roles, training, outcomes and payments of one financial year (and none from either
side of it), and confidential work named only on their own page."""

from datetime import date
from decimal import Decimal

import pytest

from coproduce.impact.your_year import queries
from coproduce.impact.your_year.presenters import CONFIDENTIAL, paid_words, summary_for
from tests.factories import ExpertFactory
from tests.impact.your_year.helpers import (
    HIDDEN_OUTCOME,
    HIDDEN_TITLE,
    YEAR,
    at,
    attended,
    busy_year,
)

pytestmark = pytest.mark.django_db


def test_the_years_are_those_they_took_part_in_newest_first_with_this_one():
    expert = ExpertFactory()
    busy_year(expert)
    assert queries.years_taken_part(expert, today=date(2026, 12, 3)) == [2026, 2025, 2024, 2023]
    nobody = ExpertFactory()
    assert queries.years_taken_part(nobody, today=date(2027, 3, 31)) == [2026]


def test_a_session_just_after_midnight_on_1_april_is_in_the_new_year():
    # 00:30 on 1 April 2025 in London is still 31 March in UTC.
    expert = ExpertFactory()
    from tests.factories import OpportunityFactory

    attended(expert, OpportunityFactory(), at(date(2025, 4, 1), 0, 30))
    assert queries.years_taken_part(expert, today=date(2025, 4, 2)) == [2025]
    assert len(queries.year_of(expert, 2025).attended) == 1
    assert queries.year_of(expert, 2024).attended == []


def test_the_year_has_its_sessions_hours_roles_training_outcomes_and_payments():
    expert = ExpertFactory(full_name="Ann Other", preferred_name="Ann")
    busy_year(expert)
    own = summary_for(queries.year_of(expert, YEAR), shared=False)
    assert own.label == "April 2024 to March 2025"
    assert own.sessions == 5
    assert own.hours == Decimal("11")
    assert [row.title for row in own.attended] == [
        "Interviews for a ward manager",
        "Interviews for a ward manager",
        "Interviews for a ward manager",
        "Designing the carers' café",
        HIDDEN_TITLE,
    ]
    assert [role.line for role in own.roles] == [
        "Interview panel member — 3 times",
        "Serious incident investigation panel member — once",
        "Workshop member — once",
    ]
    assert [(t.course, t.completed_on) for t in own.training] == [
        ("Safeguarding adults", date(2024, 6, 20))
    ]
    assert sorted(c.title for c in own.changes) == ["Designing the carers' café", HIDDEN_TITLE]
    assert [(p.paid_on, p.amount) for p in own.payments] == [
        (date(2024, 6, 14), Decimal("30.00")),
        (date(2024, 10, 1), Decimal("12.40")),
        (date(2024, 12, 2), Decimal("37.50")),
    ]
    assert own.paid_total == Decimal("79.90")
    assert isinstance(own.paid_total, Decimal)
    assert paid_words(own) == (
        "£79.90 was paid to you: £67.50 for your time and £12.40 of expenses paid back."
    )
    assert own.in_words == "You came to 5 sessions and gave 11 hours of your time."
    assert own.thanks[0] == "Thank you, Ann."


def test_a_shared_summary_never_names_confidential_work_but_counts_its_date_and_hours():
    expert = ExpertFactory()
    busy_year(expert)
    shared = summary_for(queries.year_of(expert, YEAR), shared=True)
    hidden = [row for row in shared.attended if row.confidential]
    assert [(r.title, r.kind, r.day, r.hours) for r in hidden] == [
        (CONFIDENTIAL, "", date(2024, 11, 19), Decimal("2.5"))
    ]
    assert shared.hours == Decimal("11")
    words = repr(shared)
    assert HIDDEN_TITLE not in words
    assert HIDDEN_OUTCOME not in words
    assert "investigation" not in words.lower()
    assert "Confidential work (details not shared) — once" in [r.line for r in shared.roles]
    assert "Payment for your time: confidential work, Tuesday 19 November 2024" in [
        p.what_for for p in shared.payments
    ]


def test_a_year_with_nothing_in_it_says_so_kindly():
    expert = ExpertFactory(full_name="Sam Quiet")
    empty = summary_for(queries.year_of(expert, YEAR), shared=True)
    assert empty.sessions == 0
    assert empty.hours == 0
    assert empty.in_words == (
        "You did not take part in any sessions between April 2024 and March 2025."
    )
    assert "that is fine" in empty.thanks[1]
    assert paid_words(empty) == "Nothing was paid to you between April 2024 and March 2025."
