"""The count of a governor election, in one place to import from.

Pure Python with no database: the elections app hands it the valid ballots and stores what it
returns. Two methods, as a trust's constitution chooses: first past the post (fptp.py) and the
single transferable vote by the Scottish local government rules (stv.py), whose count sheet is
sheet.py. Papers are read into ballots by `read_paper` (ballots.py); lots are drawn from a
recorded seed (lots.py).
"""

from coproduce.membership.elections.ballots import Ballot, CandidateId, Rejection, read_paper
from coproduce.membership.elections.fptp import FptpResult, count_fptp
from coproduce.membership.elections.lots import Lot
from coproduce.membership.elections.sheet import (
    Action,
    CountSheet,
    ElectedBy,
    Election,
    SheetDoesNotBalance,
    Stage,
)
from coproduce.membership.elections.stv import count_stv, droop_quota

__all__ = [
    "Action",
    "Ballot",
    "CandidateId",
    "CountSheet",
    "ElectedBy",
    "Election",
    "FptpResult",
    "Lot",
    "Rejection",
    "SheetDoesNotBalance",
    "Stage",
    "count_fptp",
    "count_stv",
    "droop_quota",
    "read_paper",
]
