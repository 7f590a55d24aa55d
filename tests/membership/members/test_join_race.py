"""Two sign-ups with the same details at the same moment (a double click, or a form sent from
two tabs) make one member: joining takes the constituencies' row locks, so the second finds the
first and gets the neutral "already a member" answer."""

from datetime import date

import pytest

from coproduce.membership.members import services
from coproduce.membership.members.choices import JoinedBy
from coproduce.membership.members.models import Member
from tests.membership.members.helpers import make_constituencies
from tests.races import at_once, needs_postgresql

AT_ONCE = 4


@pytest.mark.django_db(transaction=True)
def test_the_same_person_joining_four_times_at_once_becomes_one_member():
    needs_postgresql()
    north = make_constituencies()["north"]
    values = {
        "full_name": "Rae Racer",
        "email": "rae@example.org",
        "address": "2 Road, Leeds",
        "postcode": "LS6 2AB",
        "date_of_birth": date(1980, 1, 2),
    }

    def join() -> services.Joined:
        return services.join(
            actor=None, values=values, constituency=north, joined_by=JoinedBy.ONLINE
        )

    joined = at_once(join, AT_ONCE)

    assert Member.objects.filter(email="rae@example.org").count() == 1
    made = [j.member for j in joined if j.member is not None]
    assert len(made) == 1
    others = [j.existing for j in joined if j.member is None]
    assert len(others) == AT_ONCE - 1
    assert all(other is not None and other.pk == made[0].pk for other in others)
