"""Two replacements of one voter's lost code at the same moment (the returning officer's
button pressed twice, or two officers) leave one working code: the election row is locked, so
they run one after the other and the second replaces the first."""

import pytest

from coproduce.membership.elections import services
from coproduce.membership.elections.models import Voter
from tests.membership.elections import helpers_elections as h
from tests.races import at_once, needs_postgresql

AT_ONCE = 2


@pytest.mark.django_db(transaction=True)
def test_two_replacements_at_once_leave_one_working_code():
    needs_postgresql()
    e, standing, codes = h.poll(voters=0)  # the three candidates, with no email: letters
    voter = Voter.objects.filter(election=e).order_by("pk").first()
    old = codes[0]
    officer = h.officer()

    def replace() -> str:
        new = services.replace_lost_code(
            actor=officer, election=e, voter_pk=voter.pk, now=h.DURING_POLL
        )
        return new.code

    made = at_once(replace, AT_ONCE)

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
