"""Fifty attempts to vote with one code at the same moment leave one ballot: the "has voted"
row (unique on the voter) and the ballot are written in one transaction, so every attempt but
one fails on the unique row and takes its ballot back with it."""

import threading

import pytest
from django.db import connection, connections

from coproduce.membership.elections import services
from coproduce.membership.elections.models import Ballot, HasVoted
from tests.membership.elections import helpers_elections as h

ATTEMPTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_votes_with_one_code_leave_one_ballot():
    if connection.vendor == "sqlite":
        reason = (
            "The race needs database connections writing at once; SQLite lets one write at a "
            "time (transactions begin IMMEDIATE), so it cannot race. Run with DATABASE_URL set "
            "to PostgreSQL to test it."
        )
        print(reason)
        pytest.skip(reason)
    e, standing, codes = h.poll(voters=2)
    start = threading.Barrier(ATTEMPTS)
    taken: list[object] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def vote(n: int):
        try:
            start.wait()
            ballot = services.cast_vote(
                election=e,
                code=codes[0],
                preferences=[standing[n % len(standing)].pk],
                now=h.DURING_POLL,
            )
            taken.append(ballot)
        except services.VoteRefused as refusal:
            refused.append(str(refusal))
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert len(taken) == 1
    assert len(refused) == ATTEMPTS - 1
    assert set(refused) == {services.ALREADY_VOTED}
    assert Ballot.objects.filter(election=e).count() == 1
    assert HasVoted.objects.filter(voter__election=e).count() == 1
