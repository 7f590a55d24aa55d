"""The bench's poll (coproduce.bench.poll_case): the election it sets up takes one vote per
code through the service, what it counts afterwards is what the database holds, and its rows
say met or MISSED from the figures, double votes included."""

import json

import pytest
from django.db import connection

from coproduce.bench.poll_case import (
    POLL_CANDIDATES,
    PollResult,
    check,
    poll_rows,
    prepare,
    vote_over_http,
)
from coproduce.membership.elections import services
from coproduce.membership.elections.models import Election

pytestmark = pytest.mark.django_db


def test_the_bench_election_is_in_its_poll_with_a_code_for_every_voter(tmp_path):
    plan_file = tmp_path / "poll.json"
    made = prepare(str(plan_file), voters=5)
    plan = json.loads(plan_file.read_text())
    election = Election.objects.get(pk=made["election"])

    assert len(plan["codes"]) == len(set(plan["codes"])) == 5
    assert len(plan["fields"]) == POLL_CANDIDATES
    assert plan["path"] == f"/elections/{election.pk}/vote/"
    first = int(plan["fields"][0][1:])
    services.cast_vote(election=election, code=plan["codes"][0], preferences=[first])
    with pytest.raises(services.VoteRefused):
        services.cast_vote(election=election, code=plan["codes"][0], preferences=[first])
    assert check(election.pk) == {"ballots": 1, "voted": 1}


@pytest.mark.django_db(transaction=True)
def test_the_bench_voters_cast_over_http_as_a_browser_does(live_server, tmp_path):
    """The bench's own voters against a real server: each opens the vote page for its cookie
    and form token, then casts with its code; a raced code is taken once and a used one never.
    On SQLite the test server shares one connection between its threads, so there the voters
    go one at a time."""
    plan_file = tmp_path / "poll.json"
    made = prepare(str(plan_file), voters=9)
    plan = json.loads(plan_file.read_text())
    at_once = 1 if connection.vendor == "sqlite" else 4

    result = vote_over_http(live_server.url, plan, threads=at_once, race=at_once)

    assert (result.votes, result.refused, result.errors) == (8, 0, 0), result.problems
    assert (result.race_taken, result.reused_taken) == (1, 0)
    assert check(made["election"]) == {"ballots": 9, "voted": 9}


def test_the_rows_say_met_only_when_fast_enough_and_with_no_double_vote():
    good = PollResult(votes=3000, seconds=10.0, race_taken=1, ballots=3001, voted=3001)
    speed, doubles = poll_rows("PostgreSQL", good)
    assert speed.met is True and speed.median.startswith("300/s")
    assert doubles.met is True and doubles.median.startswith("0 ")

    slow = PollResult(votes=300, seconds=10.0, race_taken=1, ballots=301, voted=301)
    assert poll_rows("PostgreSQL", slow)[0].met is False

    twice = PollResult(votes=300, seconds=1.0, race_taken=2, ballots=302, voted=301)
    assert twice.double_votes == 1
    assert poll_rows("PostgreSQL", twice)[1].met is False

    broken = PollResult(problems=["gunicorn stopped"])
    speed, doubles = poll_rows("PostgreSQL", broken)
    assert speed.verdict == doubles.verdict == "not measured: gunicorn stopped"
