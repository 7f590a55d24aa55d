"""The anonymous ballots as a CSV file, and back: one row a ballot, one column a candidate in
ballot-paper order, holding the figure the ballot gave them (1, 2, 3... for STV; X for a mark in
first past the post), and a last column with the reason a paper was rejected. No voter, no
time, no order that follows the order of voting (rows are in the order of their random keys)."""

import csv
import io

from coproduce.membership.elections.choices import Method
from coproduce.membership.elections.models import Election, Nomination
from coproduce.membership.elections.results import StoredBallot

REJECTED = "Rejected because"


class BadFile(Exception):
    """The file is not a ballots file for this election, with the words to say why."""


def write(election: Election, candidates: list[Nomination], ballots: list[StoredBallot]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([n.member.full_name for n in candidates] + [REJECTED])
    for ballot in ballots:
        figures = {pk: i + 1 for i, pk in enumerate(ballot.preferences)}
        row = []
        for nomination in candidates:
            figure = figures.get(nomination.pk)
            if figure is None:
                row.append("")
            elif election.method == Method.FPTP:
                row.append("X")
            else:
                row.append(str(figure))
        writer.writerow(row + [ballot.rejection])
    return out.getvalue()


def read(election: Election, candidates: list[Nomination], text: str) -> list[StoredBallot]:
    rows = list(csv.reader(io.StringIO(text)))
    expected = [n.member.full_name for n in candidates] + [REJECTED]
    if not rows or [cell.strip() for cell in rows[0]] != expected:
        raise BadFile(
            "The file's first row is not this election's candidates. Upload the ballots file "
            "downloaded from this page, unchanged."
        )
    ids = [n.pk for n in candidates]
    ballots = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(expected):
            raise BadFile(f"Row {number} has {len(row)} columns, not {len(expected)}.")
        *cells, rejection = row
        if election.method == Method.FPTP:
            preferences = tuple(pk for pk, cell in zip(ids, cells, strict=True) if cell.strip())
        else:
            marked = {}
            for pk, cell in zip(ids, cells, strict=True):
                if cell.strip():
                    if not cell.strip().isdigit():
                        raise BadFile(f"Row {number} has “{cell}”, which is not a number.")
                    marked[int(cell)] = pk
            preferences = tuple(marked[f] for f in sorted(marked))
        ballots.append(StoredBallot(preferences, rejection.strip()))
    return ballots
