"""The plain table `make bench` prints."""

from dataclasses import dataclass


@dataclass
class Row:
    measurement: str
    database: str
    target: str
    median: str
    queries: str
    met: bool | None  # None: no target, or not measured
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.note:
            return self.note
        return {True: "yes", False: "MISSED", None: "-"}[self.met]


HEADERS = ("measurement", "database", "target", "median", "queries", "met?")


def table(rows: list[Row]) -> str:
    cells = [HEADERS] + [
        (r.measurement, r.database, r.target, r.median, r.queries, r.verdict) for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADERS))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def milliseconds(value: float) -> str:
    return f"{value:,.1f} ms"


def seconds(value: float) -> str:
    return f"{value:,.1f} s"
