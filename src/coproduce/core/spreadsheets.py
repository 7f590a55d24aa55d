"""What every spreadsheet we send out shares (the register, payment runs).

A cell that a spreadsheet would run as a formula is made plain text, so an exported name like
"=HYPERLINK(...)" cannot run on the machine of the person who opens the file. Each sheet starts
with a bold row of headings."""

from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def heading_row(sheet: WriteOnlyWorksheet, headings: Sequence[str]) -> list[WriteOnlyCell]:
    """The headings as bold cells, for `sheet.append` on a write-only sheet."""
    bold = Font(bold=True)
    cells = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        cells.append(cell)
    return cells
