"""The bench's cold shortlists: every opportunity with an upcoming session, each timed once
with the cache emptied, beside the one query that loads its candidates."""

import pytest

from coproduce.bench.shortlist_case import shortlist_rows, time_shortlists
from tests.factories import ExpertFactory, SessionFactory


@pytest.mark.django_db
def test_each_upcoming_opportunity_is_timed_beside_its_candidate_query(monkeypatch):
    from coproduce.opportunities.matching import shortlist as matching

    ExpertFactory(status="active")
    sessions = [SessionFactory(), SessionFactory()]
    opened = []
    real = matching.shortlist

    def counting(opportunity, **kwargs):
        opened.append(opportunity.pk)
        return real(opportunity, **kwargs)

    monkeypatch.setattr(matching, "shortlist", counting)
    result = time_shortlists()
    mine = sorted(s.opportunity_id for s in sessions)
    # One opened first, untimed (the process's first pays for its start), then each once.
    assert opened[1:] == mine and opened[0] in mine
    assert result["count"] == 2
    assert result["worst_ms"] >= result["median_ms"] > 0
    assert result["median_query_ms"] > 0 and result["worst_ratio"] > 0
    rows = shortlist_rows("SQLite", result)
    assert [r.measurement for r in rows][0].endswith("each of 2 opportunities once, cold: slowest")
