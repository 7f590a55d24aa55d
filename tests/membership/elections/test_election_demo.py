"""The demo's elections: one declared, whose stored count matches a recount of its ballots, and
one taking nominations now, with nominations waiting."""

import pytest
from django.utils import timezone

from coproduce.demo import elections
from coproduce.demo.context import DemoContext
from coproduce.membership.elections import results
from coproduce.membership.elections.models import Ballot, Election, HasVoted

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_declared_election_and_one_taking_nominations():
    said: list[str] = []
    ctx = DemoContext.seeded(seed=1, experts=10, now=timezone.now(), say=said.append)
    elections.create(ctx)
    past = Election.objects.get(status="declared")
    current = Election.objects.get(status="nominations")
    assert current.nominations_are_open(timezone.now())
    assert current.nominations.filter(status="submitted").count() == 2
    ballots = Ballot.objects.filter(election=past).count()
    assert ballots == HasVoted.objects.filter(voter__election=past).count() > 0
    _, same = results.recount(
        past,
        past.result.elected_nominations,
        results.stored_ballots(past),
        int(past.result.lot_seed),
    )
    assert same and len(past.result.elected) == 2
    assert said[-1].startswith("Elections: one declared")
    elections.create(ctx)
    assert said[-1] == "Elections: already there"
