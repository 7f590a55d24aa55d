"""The register export streams: the CSV starts with its headings before any expert is read,
then reads experts a chunk at a time in a fixed number of queries per chunk; the XLSX is
written row by row. Both carry every expert, with formulas made plain text."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.people import exports
from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    SkillFactory,
)

ROWS, CHUNK = 25, 10


@pytest.fixture
def register(db):
    """ROWS experts, each with their own lists, some of whose names a spreadsheet would run."""
    town = LocalityFactory(name="Ludlow")
    experts = []
    for n in range(ROWS):
        name = f"=CMD|{n}" if n % 5 == 0 else f"Person {n:02d}"
        experts.append(
            ExpertFactory(
                full_name=name,
                email=f"person{n}@example.net",
                locality=town,
                lived_experience=[LivedExperienceAreaFactory(name=f"Area {n:02d}")],
                skills=[SkillFactory(name=f"Skill {n:02d}a"), SkillFactory(name=f"Skill {n:02d}b")],
                access_needs=[AccessNeedFactory(name=f"Need {n:02d}")],
            )
        )
    return experts


def expected_row(n: int) -> dict[str, str]:
    name = f"'=CMD|{n}" if n % 5 == 0 else f"Person {n:02d}"
    return {
        "Full name": name,
        "Email": f"person{n}@example.net",
        "Locality": "Ludlow",
        "Lived experience": f"Area {n:02d}",
        "Skills": f"Skill {n:02d}a; Skill {n:02d}b",
        "Access needs": f"Need {n:02d}",
    }


def by_email(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["Email"]: row for row in rows}


def test_csv_is_streamed_headings_first_then_experts_a_chunk_at_a_time(
    coordinator_client, register, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", CHUNK)
    coordinator_client.get(reverse("people:dashboard"))  # the session passes MFA once

    with CaptureQueriesContext(connection) as before_sending:
        response = coordinator_client.get(reverse("people:export", args=["csv"]))
    assert response.status_code == 200
    assert response.streaming
    assert not _expert_queries(before_sending), "experts were read before the response began"

    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as first:
        headings = next(chunks)
    assert headings.decode().startswith("Full name,Preferred name,")
    assert not _expert_queries(first), "the headings waited for the experts"

    with CaptureQueriesContext(connection) as rest:
        body = b"".join(chunks)
    # One query reads the experts (a cursor fetched a chunk at a time); each chunk of CHUNK
    # then costs one query per list: lived experience, skills, access needs.
    chunk_count = -(-ROWS // CHUNK)
    assert len(rest) == 1 + 3 * chunk_count, "\n".join(q["sql"] for q in rest.captured_queries)
    rows = list(csv.DictReader(io.StringIO((headings + body).decode())))
    assert len(rows) == ROWS


def _expert_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if '"people_expert"' in q["sql"]]


def test_csv_carries_every_expert_with_their_lists_and_formulas_made_plain(
    coordinator_client, register, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", CHUNK)
    response = coordinator_client.get(reverse("people:export", args=["csv"]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="register-')
    reader = csv.DictReader(io.StringIO(response.getvalue().decode()))
    assert reader.fieldnames == exports.COLUMNS
    rows = by_email(list(reader))
    assert len(rows) == ROWS
    for n in range(ROWS):
        row = rows[f"person{n}@example.net"]
        assert {key: row[key] for key in expected_row(n)} == expected_row(n)
    first = register[1]
    shown = {
        "Preferred contact": first.get_preferred_channel_display(),
        "Perspective": first.get_perspective_display(),
        "Payment preference": first.get_payment_preference_display(),
        "Status": first.get_status_display(),
        "Phone": "07700 900123",
        "Postcode": "SY2 6ND",
        "Added": first.created_at.date().isoformat(),
    }
    assert {key: rows[first.email][key] for key in shown} == shown


def test_xlsx_has_the_same_columns_and_rows_as_the_csv(coordinator_client, register, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", CHUNK)
    csv_rows = list(
        csv.reader(
            io.StringIO(
                coordinator_client.get(reverse("people:export", args=["csv"])).getvalue().decode()
            )
        )
    )
    response = coordinator_client.get(reverse("people:export", args=["xlsx"]))

    assert response["Content-Disposition"].startswith('attachment; filename="register-')
    assert int(response["Content-Length"]) > 0
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.title == "Register"
    assert sheet.freeze_panes == "A2"
    xlsx_rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert xlsx_rows == csv_rows
    assert xlsx_rows[1][0] == "'=CMD|0"


def test_xlsx_leaves_out_control_characters_instead_of_failing(coordinator_client, db):
    ExpertFactory(full_name="Bell\x07 Character", email="bell@example.net")

    response = coordinator_client.get(reverse("people:export", args=["xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.cell(2, 1).value == "Bell Character"
