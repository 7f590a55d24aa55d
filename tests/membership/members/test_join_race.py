"""Two sign-ups with the same details at the same moment (a double click, or a form sent from
two tabs) make one member: joining takes the constituencies' row locks, so the second finds the
first and gets the neutral "already a member" answer."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from coproduce.membership.members import services
from coproduce.membership.members.choices import JoinedBy
from coproduce.membership.members.models import Member
from tests.membership.members.helpers import make_constituencies

AT_ONCE = 4


@pytest.mark.django_db(transaction=True)
def test_the_same_person_joining_four_times_at_once_becomes_one_member():
    if connection.vendor == "sqlite":
        reason = (
            "The race needs database connections writing at once; SQLite lets one write at a "
            "time (transactions begin IMMEDIATE), so it cannot race. Run with DATABASE_URL set "
            "to PostgreSQL to test it."
        )
        print(reason)
        pytest.skip(reason)
    north = make_constituencies()["north"]
    values = {
        "full_name": "Rae Racer",
        "email": "rae@example.org",
        "address": "2 Road, Leeds",
        "postcode": "LS6 2AB",
        "date_of_birth": date(1980, 1, 2),
    }
    start = threading.Barrier(AT_ONCE)
    joined: list[services.Joined] = []
    errors: list[BaseException] = []

    def join():
        try:
            start.wait()
            joined.append(
                services.join(
                    actor=None, values=values, constituency=north, joined_by=JoinedBy.ONLINE
                )
            )
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=join) for _ in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert Member.objects.filter(email="rae@example.org").count() == 1
    made = [j for j in joined if j.member is not None]
    assert len(made) == 1
    assert all(
        j.existing is not None and j.existing.pk == made[0].member.pk
        for j in joined
        if j.member is None
    )
