"""Reading an uploaded spreadsheet: the formats teams really have, and every way a file can be
wrong, each with a message in plain English."""

import io
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError

from coproduce.people.imports import read_spreadsheet
from tests.people.importing import csv_bytes, xlsx_bytes


def message(content: bytes, filename: str) -> str:
    with pytest.raises(ValidationError) as caught:
        read_spreadsheet(content=content, filename=filename)
    return caught.value.messages[0]


def test_reads_a_utf8_csv_with_the_byte_order_mark_excel_adds():
    content = "\ufeffFull name,Email\nZoë Adeyemi,zoe@example.net\n".encode()
    sheet = read_spreadsheet(content=content, filename="experts.csv")
    assert sheet.headers == ["Full name", "Email"]
    assert sheet.rows == [(2, ["Zoë Adeyemi", "zoe@example.net"])]


def test_reads_a_windows_1252_csv():
    content = csv_bytes([["Full name"], ["Zoë Adeyemi"], ["Siân Price"]], encoding="cp1252")
    sheet = read_spreadsheet(content=content, filename="experts.csv")
    assert [cells[0] for _, cells in sheet.rows] == ["Zoë Adeyemi", "Siân Price"]


def test_reads_a_semicolon_separated_csv_with_a_comma_inside_a_cell():
    content = csv_bytes([["Full name", "Skills"], ["Ann Lee", "Chairing, reading"]], delimiter=";")
    sheet = read_spreadsheet(content=content, filename="experts.csv")
    assert sheet.rows == [(2, ["Ann Lee", "Chairing, reading"])]


def test_reads_the_first_sheet_of_an_xlsx_keeping_phone_digits_stored_as_numbers():
    content = xlsx_bytes([["Full name", "Mobile"], ["Ann Lee", 7911123456]])
    sheet = read_spreadsheet(content=content, filename="Experts.XLSX")
    assert sheet.file_format == "xlsx"
    assert sheet.rows == [(2, ["Ann Lee", "7911123456"])]


def test_blank_rows_are_skipped_and_row_numbers_match_the_spreadsheet():
    content = csv_bytes([[], ["Full name"], ["Ann Lee"], ["", ""], ["Bo Shah"]])
    sheet = read_spreadsheet(content=content, filename="experts.csv")
    assert sheet.rows == [(3, ["Ann Lee"]), (5, ["Bo Shah"])]


def test_a_blank_heading_is_named_by_its_column_letter():
    sheet = read_spreadsheet(
        content=csv_bytes([["Full name", "", "Email"]] + [["a", "b", "c"]]), filename="a.csv"
    )
    assert sheet.headers == ["Full name", "Column B", "Email"]


def test_an_empty_file_is_refused():
    assert message(b"", "experts.csv") == "The selected file is empty"
    assert message(b"\n\n,,\n", "experts.csv") == "The selected file is empty"


def test_a_corrupt_xlsx_is_refused():
    text = message(os.urandom(2048), "experts.xlsx")
    assert text.startswith("We could not open this Excel file. It may be damaged")


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert message(out.getvalue(), "experts.xlsx").startswith("We could not open this Excel file")


def test_an_xlsx_that_would_unzip_to_something_huge_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (201 * 1024 * 1024))
    assert len(out.getvalue()) < 5 * 1024 * 1024
    assert message(out.getvalue(), "experts.xlsx").startswith("This Excel file is too big")


@pytest.mark.parametrize("filename", ["photo.jpg", "minutes.pdf", "experts.docx", "experts"])
def test_a_file_that_is_not_a_spreadsheet_is_refused(filename):
    assert message(b"Full name\nAnn Lee\n", filename) == (
        "The file must be a CSV or Excel (.xlsx) spreadsheet"
    )


def test_an_old_xls_file_is_refused_with_how_to_save_it_again():
    text = message(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "experts.xls")
    assert "older Excel file (.xls)" in text


def test_a_binary_file_named_csv_is_refused():
    text = message(b"%PDF-1.7\x00\x01\x02" * 10, "experts.csv")
    assert text.startswith("This file is not a CSV file we can read")


def test_a_file_with_no_heading_row_is_refused():
    content = csv_bytes([["Ann Lee", "ann@example.net", "07911 123456"], ["Bo Shah", "", ""]])
    assert message(content, "experts.csv").startswith(
        "The first row looks like a person's details, not column headings"
    )


def test_a_file_with_headings_but_nobody_in_it_is_refused():
    content = csv_bytes([["Full name", "Email"]])
    assert message(content, "experts.csv") == "The file has column headings but no people in it"


def test_two_columns_with_the_same_heading_are_refused():
    content = csv_bytes([["Name", "Email", "EMAIL "], ["Ann Lee", "a@example.net", ""]])
    assert "Two columns are headed 'EMAIL'" in message(content, "experts.csv")


def test_more_than_ten_thousand_people_is_refused():
    content = csv_bytes([["Full name"]] + [[f"Person {n}"] for n in range(10_001)])
    assert message(content, "experts.csv").startswith("The file has more than 10,000 people")


def test_ten_thousand_people_is_allowed():
    content = csv_bytes([["Full name"]] + [[f"Person {n}"] for n in range(10_000)])
    assert len(read_spreadsheet(content=content, filename="experts.csv").rows) == 10_000


def test_a_file_over_five_megabytes_is_refused():
    content = b"Full name\n" + b"x" * (5 * 1024 * 1024)
    assert message(content, "experts.csv").startswith("The file must be smaller than 5 MB")


def test_a_cell_our_export_guarded_against_formulas_reads_back_as_typed():
    content = csv_bytes([["Full name", "Phone"], ["Ann Lee", "'+33 1 23 45 67 89"]])
    sheet = read_spreadsheet(content=content, filename="experts.csv")
    assert sheet.rows[0][1][1] == "+33 1 23 45 67 89"
