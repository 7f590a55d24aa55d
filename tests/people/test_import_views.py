"""The import journey through the pages, as a coordinator: upload, columns, check, import."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.people.models import Expert, ImportBatch
from tests.factories import ExpertFactory, LivedExperienceAreaFactory, UserFactory
from tests.people.importing import HEADINGS, csv_bytes, make_batch, person, xlsx_bytes

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name: str):
    return client.post(reverse("people:import_start"), {"file": SimpleUploadedFile(name, content)})


def columns_data(batch, **overrides) -> dict:
    data = {f"column_{i}": name for i, name in enumerate(batch.mapping)}
    data |= {"default_perspective": "", "default_status": "active"}
    data.update(overrides)
    return data


def test_a_coordinator_imports_a_spreadsheet_from_start_to_finish(coordinator_client):
    LivedExperienceAreaFactory(name="Dementia")
    content = xlsx_bytes(
        [HEADINGS, person(1, **{"Full name": "Ann Lee", "Lived experience": "Dementia"}), person(2)]
    )
    page = coordinator_client.get(reverse("people:import_start"))
    assert "How to prepare your spreadsheet" in page.content.decode()

    response = upload(coordinator_client, content, "our experts.xlsx")
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:import_columns", args=[batch.pk])

    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Column A: Full name" in page
    assert "For example: Ann Lee" in page
    assert '<option value="full_name" selected' in page

    response = coordinator_client.post(
        reverse("people:import_columns", args=[batch.pk]), columns_data(batch)
    )
    assert response["Location"] == reverse("people:import_preview", args=[batch.pk])

    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Import all 2 rows" in page

    response = coordinator_client.post(reverse("people:import_preview", args=[batch.pk]))
    assert response["Location"] == reverse("people:import_done", args=[batch.pk])
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "2 people were added to the register" in page
    assert "Ann Lee" in page
    assert Expert.objects.get(full_name="Ann Lee").lived_experience.get().name == "Dementia"


@pytest.mark.parametrize(
    ("content", "name", "error"),
    [
        (os.urandom(1024), "experts.xlsx", "We could not open this Excel file"),
        (b"", "experts.csv", "The selected file is empty"),
        (b"%PDF-1.7", "minutes.pdf", "The file must be a CSV or Excel (.xlsx) spreadsheet"),
        (csv_bytes([["Ann Lee", "ann@example.net"]]), "experts.csv", "looks like a person"),
    ],
)
def test_a_bad_file_gets_a_clear_message_beside_the_field(coordinator_client, content, name, error):
    response = upload(coordinator_client, content, name)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Import experts" in page
    assert "nhsuk-error-summary" in page
    assert 'href="#id_file"' in page
    assert error in page
    assert not ImportBatch.objects.exists()


def test_sending_no_file_asks_for_one(coordinator_client):
    response = coordinator_client.post(reverse("people:import_start"), {})
    assert "Select a CSV or Excel file to upload" in response.content.decode()


def test_the_same_field_twice_or_no_name_is_an_error_beside_the_column(
    coordinator, coordinator_client
):
    batch = make_batch(coordinator, [person(1)])
    url = reverse("people:import_columns", args=[batch.pk])
    data = columns_data(batch, column_0="", column_2="email")
    response = coordinator_client.post(url, data)
    page = response.content.decode()
    assert "No column is set to Full name" in page
    assert "Email is already chosen for column B (Email)" in page
    assert 'href="#id_column_2"' in page
    # What was chosen is kept.
    assert response.context["form"]["column_2"].value() == "email"
    batch.refresh_from_db()
    assert batch.mapping[0] == "full_name"


def test_no_perspective_column_and_no_default_is_an_error(coordinator, coordinator_client):
    batch = make_batch(coordinator, [person(1)])
    data = columns_data(batch, column_5="")
    response = coordinator_client.post(reverse("people:import_columns", args=[batch.pk]), data)
    assert "No column is set to Perspective" in response.content.decode()
    data["default_perspective"] = "carer"
    response = coordinator_client.post(reverse("people:import_columns", args=[batch.pk]), data)
    assert response.status_code == 302


def test_unrecognised_headings_get_a_warning(coordinator, coordinator_client):
    batch = make_batch(
        coordinator,
        [["Ann Lee", "carer"]],
        headings=["Naam", "Soort"],
        mapping=["full_name", "perspective"],
    )
    page = coordinator_client.get(
        reverse("people:import_columns", args=[batch.pk])
    ).content.decode()
    assert "We did not recognise any of your column headings" in page


def test_the_preview_lists_problems_and_offers_no_import(coordinator, coordinator_client):
    batch = make_batch(
        coordinator, [person(1), person(2, Email="ann@"), person(3, **{"Full name": ""})]
    )
    page = coordinator_client.get(
        reverse("people:import_preview", args=[batch.pk])
    ).content.decode()
    assert "Fix these problems before importing" in page
    assert "2 problems in 2 rows" in page
    assert "Enter a valid email address." in page
    assert "Import all" not in page
    response = coordinator_client.post(reverse("people:import_preview", args=[batch.pk]))
    assert response.status_code == 400
    assert "2 rows have problems. Nothing has been imported" in response.content.decode()
    assert Expert.objects.count() == 0


def test_long_lists_of_problems_are_paged_but_counted_in_full(coordinator, coordinator_client):
    rows = [person(n, Email="bad") for n in range(120)]
    batch = make_batch(coordinator, rows)
    url = reverse("people:import_preview", args=[batch.pk])
    page = coordinator_client.get(url).content.decode()
    assert "120 problems in 120 rows: showing 1 to 50" in page
    page = coordinator_client.get(url, {"problems_page": 3}).content.decode()
    assert "showing 101 to 120" in page


def test_duplicates_ask_whether_to_leave_them_out(coordinator, coordinator_client):
    existing = ExpertFactory(full_name="Ann Lee", email="ann@example.net")
    batch = make_batch(coordinator, [person(1, Email="ann@example.net"), person(2)])
    url = reverse("people:import_preview", args=[batch.pk])
    page = coordinator_client.get(url).content.decode()
    assert "Likely duplicates" in page
    assert reverse("people:expert_detail", args=[existing.pk]) in page
    assert "Leave out the 1 likely duplicate and add 1 person" in page

    response = coordinator_client.post(url, {})
    assert response.status_code == 400
    assert "Choose whether to leave out the likely duplicates" in response.content.decode()

    response = coordinator_client.post(url, {"duplicates": "skip"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.imported_count, batch.skipped_count) == (1, 1)


def test_cancel_discards_the_batch(coordinator, coordinator_client):
    batch = make_batch(coordinator, [person(1)])
    response = coordinator_client.post(reverse("people:import_cancel", args=[batch.pk]))
    assert response["Location"] == reverse("people:import_start")
    assert not ImportBatch.objects.exists()


def test_another_coordinators_batch_cannot_be_seen(coordinator_client):
    batch = make_batch(UserFactory(), [person(1)])
    for name in ("import_columns", "import_preview", "import_done"):
        assert coordinator_client.get(reverse(f"people:{name}", args=[batch.pk])).status_code == 404
    assert (
        coordinator_client.post(reverse("people:import_preview", args=[batch.pk])).status_code
        == 404
    )
    assert Expert.objects.count() == 0


def test_an_imported_batch_goes_to_its_confirmation(coordinator, coordinator_client):
    batch = make_batch(coordinator, [person(1)])
    coordinator_client.post(reverse("people:import_preview", args=[batch.pk]))
    for name in ("import_columns", "import_preview"):
        response = coordinator_client.get(reverse(f"people:{name}", args=[batch.pk]))
        assert response["Location"] == reverse("people:import_done", args=[batch.pk])


def test_the_template_has_headings_the_import_recognises(coordinator_client):
    from coproduce.people.imports import suggest_mapping

    response = coordinator_client.get(reverse("people:import_template"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    headings = response.content.decode().strip().split(",")
    assert headings[0] == "Full name"
    assert all(suggest_mapping(headings))


def test_the_team_sees_import_in_the_header(coordinator_client):
    page = coordinator_client.get(reverse("people:register")).content.decode()
    assert f'href="{reverse("people:import_start")}"' in page
