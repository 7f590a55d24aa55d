"""A small known data set, with the figures it must give (worked out by hand).

Financial year 2025 (1 April 2025 to 31 March 2026), "now" 15 January 2026:

- W1, co-design (rung 6), team North, linked to A and B: a session held on 10 May 2025
  (expert 1 for 2 hours, expert 2 for 3 hours, expert 3 did not attend), a cancelled one on
  1 June 2025 (expert 1 "attended" 2 hours: not counted), outcome recorded 1 July 2025.
- W2, consultation (rung 4), team South, confidential, linked to A: a session held on
  1 September 2025 (expert 1 for 1.5 hours, expert 4 for 2.5 hours) and one still to come on
  1 February 2026 (counts the work, not a session held).
- W3, co-production (rung 7), team North, linked to A: its only session in December 2024
  (expert 5 for 4 hours: last year), outcome recorded 10 April 2025 (this year).
- W4, not linked to anything: a session held in the year (not counted anywhere).

A (target: 10 hours): 2 pieces of work, 2 sessions, 9 hours, 3 experts, 5 of 9 hours doing
with (56%), 2 outcomes, 9 of 10 hours (90%).
B (no target): 1 piece of work, 1 session, 5 hours, 2 experts, 100% doing with, 1 outcome.
C (target: 3 outcomes): nothing linked, so all nought; 0 of 3 (0%).
"""

from dataclasses import dataclass
from datetime import date

from coproduce.core.figures import Filters
from coproduce.impact.ambitions.models import Ambition
from coproduce.impact.outcomes.models import Outcome
from tests.factories import ExpertFactory, OpportunityFactory, TeamFactory
from tests.impact.ambitions.helpers import ambition, at, link, session

YEAR = Filters(start=date(2025, 4, 1), end=date(2026, 3, 31))
NOW = at(2026, 1, 15, 12)


@dataclass
class Known:
    a: Ambition
    b: Ambition
    c: Ambition
    north: int
    south: int
    works: list


def known() -> Known:
    north, south = TeamFactory(name="North"), TeamFactory(name="South")
    e1, e2, e3, e4, e5 = (ExpertFactory() for _ in range(5))
    w1 = OpportunityFactory(title="Discharge letters", team=north, rung=6)
    w2 = OpportunityFactory(title="Serious incident review", team=south, rung=4, confidential=True)
    w3 = OpportunityFactory(title="Crisis line menu", team=north, rung=7)
    w4 = OpportunityFactory(title="Not linked", team=north, rung=7)
    session(w1, at(2025, 5, 10), [(e1, "2"), (e2, "3")], missed=[e3])
    session(w1, at(2025, 6, 1), [(e1, "2")], status="cancelled")
    session(w2, at(2025, 9, 1), [(e1, "1.5"), (e4, "2.5")])
    session(w2, at(2026, 2, 1))
    session(w3, at(2024, 12, 1), [(e5, "4")])
    session(w4, at(2025, 10, 1), [(e5, "6")])
    Outcome.objects.create(
        opportunity=w1,
        changed=True,
        pairs=[{"said": "a", "did": "b"}],
        recorded_at=at(2025, 7, 1),
    )
    Outcome.objects.create(
        opportunity=w3,
        changed=True,
        pairs=[{"said": "a", "did": "b"}],
        recorded_at=at(2025, 4, 10),
    )
    a = ambition("Experts are involved before decisions are made", measure="hours", target=10)
    b = ambition("Involvement reaches people who are seldom heard")
    c = ambition("Every piece of work says what changed", measure="outcomes", target=3)
    link(a, w1, w2, w3)
    link(b, w1)
    return Known(a=a, b=b, c=c, north=north.pk, south=south.pk, works=[w1, w2, w3, w4])
