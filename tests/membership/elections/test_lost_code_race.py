"""Two replacements of one voter's lost code at the same moment (the returning officer's
button pressed twice, or two officers) leave one working code: the election row is locked, so
they run one after the other and the second replaces the first."""

import threading

import pytest
from django.db import connection, connections

from coproduce.membership.elections import services
from coproduce.membership.elections.models import Voter
from tests.membership.elections import helpers_elections as h

AT_ONCE = 2


@pytest.mark.django_db(transaction=True)
def test_two_replacements_at_once_leave_one_working_code():
    if connection.vendor == "sqlite":
        reason = (
            "The race needs database connections writing at once; SQLite lets one write at a "
            "time (transactions begin IMMEDIATE), so it cannot race. Run with DATABASE_URL set "
            "to PostgreSQL to test it."
        )
        print(reason)
        pytest.skip(reason)
    e, standing, codes = h.poll(voters=0)  # the three candidates, with no email: letters
    voter = Voter.objects.filter(election=e).order_by("pk").first()
    old = codes[0]
    officer = h.officer()
    start = threading.Barrier(AT_ONCE)
    made: list[str] = []
    errors: list[BaseException] = []

    def replace():
        try:
            start.wait()
            new = services.replace_lost_code(
                actor=officer, election=e, voter_pk=voter.pk, now=h.DURING_POLL
            )
            made.append(new.code)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=replace) for _ in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert len(made) == AT_ONCE and len(set(made)) == AT_ONCE
    working = []
    for code in [old, *made]:
        try:
            services.voter_for_code(e, code)
        except services.VoteRefused:
            continue
        working.append(code)
    assert len(working) == 1 and working[0] in made
    services.cast_vote(election=e, code=working[0], preferences=[standing[0].pk], now=h.DURING_POLL)
