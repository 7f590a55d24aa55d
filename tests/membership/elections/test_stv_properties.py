"""Whatever the ballots, an STV count fills the seats and its sheet balances at every stage."""

from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce.membership.elections.counting import Ballot, ElectedBy, count_stv

CANDIDATES = "ABCDEF"

ballot = st.builds(
    Ballot,
    st.permutations(CANDIDATES).flatmap(
        lambda order: st.integers(1, len(order)).map(lambda n: tuple(order[:n]))
    ),
    st.integers(1, 40),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ballot, min_size=1, max_size=30), st.integers(1, 5), st.integers(0, 2**32))
def test_any_count_fills_the_seats_and_balances(ballots, seats, seed):
    sheet = count_stv(CANDIDATES, ballots, seats, lot_seed=seed)

    sheet.assert_balanced()
    assert len(sheet.elected) == seats
    assert len(set(sheet.elected_candidates)) == seats
    assert not set(sheet.elected_candidates) & set(sheet.excluded)
    for election in sheet.elected:
        total = sheet.stages[election.stage - 1].totals[election.candidate]
        assert (total >= sheet.quota) == (election.by is ElectedBy.QUOTA)
    for stage in sheet.stages:
        assert stage.truncation >= 0
        assert all(total >= 0 for total in stage.totals.values())
        # Values are cut to five places, never finer.
        assert all(total == round(total, 5) for total in stage.totals.values())
