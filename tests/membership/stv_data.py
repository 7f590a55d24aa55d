"""Reads the real Scottish ward ballots in ../shared/data/stv, beside the checkout (see the
README there).

The format (mggg/scot-elex's CSV): row 1 "candidates,seats"; then one row per distinct ballot,
"count,first,second,..." with candidates numbered from 1; then one row per candidate
("Candidate 1","name","party"); the last row the ward's name. Some names are double-quoted twice
(""Ward 2 - Troup""), which no CSV dialect reads back, so the last row is read as text.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from coproduce.membership.elections.ballots import Ballot

# The shared folder sits beside the checkout, here and in CI.
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "stv"


@dataclass(frozen=True)
class Ward:
    file: str
    name: str
    seats: int
    candidates: tuple[int, ...]  # 1..n, as numbered in the file
    names: dict[int, str]
    parties: dict[int, str]
    ballots: tuple[Ballot, ...]

    @property
    def year(self) -> int:
        return int(next(part for part in self.file.split("_") if part.isdigit()))


def ward_files() -> list[Path]:
    return sorted(DATA.glob("*.csv"))


def read_ward(path: Path) -> Ward:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(csv.reader([lines[0]]))
    count, seats = int(header[0]), int(header[1])
    ballot_lines = lines[1 : -count - 1]
    ballots = []
    for row in csv.reader(ballot_lines):
        numbers = [int(cell) for cell in row if cell.strip()]
        ballots.append(Ballot(preferences=tuple(numbers[1:]), weight=numbers[0]))
    names, parties = {}, {}
    for number, row in enumerate(csv.reader(lines[-count - 1 : -1]), start=1):
        label, name, party = row[0], row[1], row[2]
        if label != f"Candidate {number}":
            raise ValueError(f"{path.name}: expected Candidate {number}, found {label!r}")
        names[number], parties[number] = name, party
    ward_name = lines[-1].strip().rstrip(",").strip('"')
    return Ward(
        file=path.name,
        name=ward_name,
        seats=seats,
        candidates=tuple(range(1, count + 1)),
        names=names,
        parties=parties,
        ballots=tuple(ballots),
    )
