"""Small STV elections whose every number was worked out by hand from the Scottish rules
(The Scottish Local Government Elections Order 2011, Schedule 1, rules 46 to 53)."""

from decimal import Decimal

import pytest

from coproduce.membership.elections.counting import (
    Action,
    Ballot,
    ElectedBy,
    count_stv,
)


def ballots(*groups: tuple[str, int]) -> list[Ballot]:
    """("ABC", 4) is four papers numbered A 1, B 2, C 3."""
    return [Ballot(tuple(prefs), weight) for prefs, weight in groups]


def D(text: str) -> Decimal:
    return Decimal(text)


# 15 valid votes for 2 seats: quota 15 // 3 + 1 = 6 (rule 47).
# Stage 1: A 7, B 3, C 4, D 1; A is elected with a surplus of 1.
# Stage 2: A's surplus goes on from all seven of A's papers (rule 49) at 1 x 1 / 7 = 0.142857...,
# truncated (not rounded) to 0.14285: B gets 4 x 0.14285 = 0.57140, C gets 2 x 0.14285 =
# 0.28570, the paper "A" alone is non-transferable at 0.14285, and truncation loses
# 1 - 0.99995 = 0.00005.
# Stage 3: no surplus left; D (1) is lowest and excluded; D's paper has no next preference.
# Stage 4: B (3.57140) is lowest and excluded: the four ABC papers go to C at the 0.14285 they
# carry (rule 51) = 0.57140, the three "B" papers are non-transferable (3). C is then the only
# continuing candidate for the one seat left, and is elected without the quota (rule 53).
SURPLUS_ELECTION = ballots(("ABC", 4), ("AC", 2), ("A", 1), ("B", 3), ("C", 4), ("D", 1))


def test_surplus_is_transferred_at_a_truncated_value_with_the_loss_non_transferable():
    sheet = count_stv("ABCD", SURPLUS_ELECTION, 2, lot_seed=0)

    assert sheet.valid_votes == 15
    assert sheet.quota == 6
    first, surplus = sheet.stages[0], sheet.stages[1]
    assert first.totals == {"A": 7, "B": 3, "C": 4, "D": 1}
    assert [(e.candidate, e.stage, e.by) for e in first.elected] == [("A", 1, ElectedBy.QUOTA)]

    assert surplus.action is Action.SURPLUS
    assert surplus.subject == "A"
    assert surplus.surplus == 1
    assert surplus.transfers == {"A": D("-1"), "B": D("0.57140"), "C": D("0.28570")}
    assert surplus.truncation == D("0.00005")
    assert surplus.non_transferable == D("0.14290")  # 0.14285 on the paper "A", 0.00005 lost
    assert surplus.non_transferable_total == D("0.14290")
    assert surplus.totals == {"A": 6, "B": D("3.57140"), "C": D("4.28570"), "D": 1}
    sheet.assert_balanced()


def test_exclusion_passes_papers_on_at_the_value_they_carry():
    sheet = count_stv("ABCD", SURPLUS_ELECTION, 2, lot_seed=0)

    exclude_d, exclude_b = sheet.stages[2], sheet.stages[3]
    assert (exclude_d.action, exclude_d.subject) == (Action.EXCLUSION, "D")
    assert exclude_d.transfers == {"D": -1}
    assert exclude_d.non_transferable == 1
    assert (exclude_b.action, exclude_b.subject) == (Action.EXCLUSION, "B")
    assert exclude_b.transfers == {"B": D("-3.57140"), "C": D("0.57140")}
    assert exclude_b.non_transferable == 3
    assert exclude_b.non_transferable_total == D("4.14290")
    assert exclude_b.totals == {"A": 6, "B": 0, "C": D("4.85710"), "D": 0}
    assert sheet.excluded == ["D", "B"]


def test_last_seat_goes_to_the_last_continuing_candidate_without_the_quota():
    sheet = count_stv("ABCD", SURPLUS_ELECTION, 2, lot_seed=0)

    assert len(sheet.stages) == 4
    assert [(e.candidate, e.stage, e.by) for e in sheet.elected] == [
        ("A", 1, ElectedBy.QUOTA),
        ("C", 4, ElectedBy.LAST_VACANCIES),
    ]
    assert sheet.stages[-1].totals["C"] < sheet.quota
    assert sheet.stages[-1].elected_so_far == ("A", "C")
    assert not sheet.lot_drawn


def test_as_many_candidates_as_seats_are_all_elected_at_the_first_stage():
    sheet = count_stv("AB", ballots(("A", 5), ("B", 1)), 2, lot_seed=0)

    # Quota 6 // 3 + 1 = 3: A reaches it, B does not, and no transfer is made (rule 53).
    assert [(e.candidate, e.by) for e in sheet.elected] == [
        ("A", ElectedBy.QUOTA),
        ("B", ElectedBy.LAST_VACANCIES),
    ]
    assert len(sheet.stages) == 1


# 24 valid votes for 1 seat: quota 24 // 2 + 1 = 13.
# Stage 1: A 8, C 6, D 5, E 2, F 3.      E lowest: excluded, both papers to D.
# Stage 2: A 8, C 6, D 7, F 3.           F lowest: excluded, one paper to C, two exhausted.
# Stage 3: A 8, C 7, D 7.                C and D tie for lowest. At the most recent preceding
#   stage at which they differed (stage 2) C had 6 and D 7, so C is excluded (rule 52(2)(a)) —
#   although at stage 1, the earliest, C had more than D.
# Stage 4: C's six "CA" papers go to A: A 14, over the quota; the "FC" paper is exhausted.
TIE_ELECTION = ballots(("A", 8), ("CA", 6), ("D", 5), ("ED", 2), ("FC", 1), ("F", 2))


def test_tie_for_exclusion_is_broken_by_the_most_recent_stage_at_which_they_differed():
    sheet = count_stv("ACDEF", TIE_ELECTION, 1, lot_seed=0)

    assert sheet.quota == 13
    assert [s.totals for s in sheet.stages[:3]] == [
        {"A": 8, "C": 6, "D": 5, "E": 2, "F": 3},
        {"A": 8, "C": 6, "D": 7, "E": 0, "F": 3},
        {"A": 8, "C": 7, "D": 7, "E": 0, "F": 0},
    ]
    assert sheet.excluded == ["E", "F", "C"]
    tie_stage = sheet.stages[3]
    assert tie_stage.subject == "C"
    assert tie_stage.tie == "C, D were tied; decided by the totals at stage 2."
    assert tie_stage.totals["A"] == 14
    assert tie_stage.non_transferable == 1
    assert [(e.candidate, e.stage, e.by) for e in sheet.elected] == [("A", 4, ElectedBy.QUOTA)]
    assert not sheet.lot_drawn
    sheet.assert_balanced()


def test_tie_for_exclusion_equal_at_every_stage_is_decided_by_a_recorded_lot():
    # 7 votes, 1 seat, quota 4. B and C tie on 2 at the first stage, with no earlier stage.
    election = ballots(("A", 3), ("B", 2), ("C", 2))

    sheet = count_stv("ABC", election, 1, lot_seed=7)

    assert sheet.lot_drawn
    assert sheet.lot_seed == 7
    [lot] = sheet.lots
    assert lot.tied == ("B", "C")
    assert lot.purpose == "whom to exclude"
    assert lot.stage == 2
    assert sheet.stages[1].lots == [lot]
    assert sheet.stages[1].subject == lot.chosen[0]
    assert sheet.stages[1].tie == "B, C were tied at every stage; decided by lot."
    # The same seed draws the same lot, so the count can be replayed exactly.
    again = count_stv("ABC", election, 1, lot_seed=7)
    assert again.lots == sheet.lots and again.excluded == sheet.excluded
    # It is a real draw: some seeds exclude B first and others C.
    firsts = {count_stv("ABC", election, 1, lot_seed=s).excluded[0] for s in range(20)}
    assert firsts == {"B", "C"}
    sheet.assert_balanced()


def test_a_lot_without_a_seed_still_records_the_seed_it_drew_from():
    election = ballots(("A", 3), ("B", 2), ("C", 2))

    sheet = count_stv("ABC", election, 1)

    replay = count_stv("ABC", election, 1, lot_seed=sheet.lot_seed)
    assert replay.lots == sheet.lots


# 37 valid votes for 3 seats: quota 37 // 4 + 1 = 10. Candidates in ballot order Y, X, Z, W, V.
# Stage 1: Y 8, X 9, Z 5, W 6, V 9.   Z lowest: excluded, 2 papers to X and 3 to Y.
# Stage 2: Y 11, X 11: both elected, equal surpluses of 1. At the most recent preceding stage
#   at which they differed (stage 1) X had more, so X's surplus goes first (rule 50(2)) —
#   though Y comes first on the ballot paper.
# Stage 3: X's 11 papers at 1 x 1 / 11 = 0.09090: 9 "XW" to W (0.81810); the 2 "ZX" have no
#   next preference (0.18180); truncation loses 0.00010. W 6.81810.
# Stage 4: Y's 11 papers likewise: W gets 8 x 0.09090 = 0.72720, 0.27270 non-transferable,
#   0.00010 lost. W 7.54530.
# Stage 5: W (7.54530) is lower than V (9) and is excluded; none of W's papers go further.
#   V is then the one continuing candidate for the one seat left (rule 53).
EQUAL_SURPLUSES = ballots(("XW", 9), ("YW", 8), ("ZX", 2), ("ZY", 3), ("W", 6), ("V", 9))


def test_equal_surpluses_go_by_the_most_recent_stage_at_which_they_differed():
    sheet = count_stv("YXZWV", EQUAL_SURPLUSES, 3, lot_seed=0)

    assert sheet.quota == 10
    assert sheet.stages[1].totals == {"Y": 11, "X": 11, "Z": 0, "W": 6, "V": 9}
    assert [e.candidate for e in sheet.stages[1].elected] == ["Y", "X"]
    x_surplus, y_surplus, exclude_w = sheet.stages[2:]
    assert (x_surplus.action, x_surplus.subject) == (Action.SURPLUS, "X")
    assert x_surplus.tie == "Y, X were tied; decided by the totals at stage 1."
    assert x_surplus.transfers == {"X": -1, "W": D("0.81810")}
    assert (x_surplus.non_transferable, x_surplus.truncation) == (D("0.18190"), D("0.00010"))
    assert (y_surplus.action, y_surplus.subject) == (Action.SURPLUS, "Y")
    assert y_surplus.transfers == {"Y": -1, "W": D("0.72720")}
    assert y_surplus.totals["W"] == D("7.54530")
    assert (exclude_w.action, exclude_w.subject) == (Action.EXCLUSION, "W")
    assert exclude_w.non_transferable == D("7.54530")
    assert exclude_w.non_transferable_total == 8
    assert [(e.candidate, e.stage, e.by) for e in sheet.elected] == [
        ("Y", 2, ElectedBy.QUOTA),
        ("X", 2, ElectedBy.QUOTA),
        ("V", 5, ElectedBy.LAST_VACANCIES),
    ]
    assert not sheet.lot_drawn
    sheet.assert_balanced()


@pytest.mark.parametrize(
    "bad, message",
    [
        ([Ballot(())], "empty"),
        ([Ballot(("A", "A"))], "twice"),
        ([Ballot(("A", "Z"))], "not standing"),
    ],
)
def test_count_refuses_a_ballot_it_cannot_take(bad, message):
    with pytest.raises(ValueError, match=message):
        count_stv("AB", bad, 1)


def test_count_refuses_more_seats_than_candidates():
    with pytest.raises(ValueError, match="Cannot fill 3 seats"):
        count_stv("AB", ballots(("A", 1)), 3)
