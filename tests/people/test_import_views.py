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
    assert "(2 problems)" in page
    assert "Enter a valid email address." in page
    assert "Import all" not in page
    response = coordinator_client.post(reverse("people:import_preview", args=[batch.pk]))
    assert response.status_code == 400
    assert "2 rows have problems. Nothing has been imported" in response.content.decode()
    assert Expert.objects.count() == 0


def test_one_problem_in_one_row_is_worded_for_one(coordinator, coordinator_client):
    batch = make_batch(coordinator, [person(1), person(2, Email="ann@")])
    url = reverse("people:import_preview", args=[batch.pk])
    page = coordinator_client.get(url).content.decode()
    assert "1 problem in 1 row" in page
    assert "(1 problem)" in page
    assert "1 row has problems. Nothing has been imported" in (
        coordinator_client.post(url).content.decode()
    )


def test_many_problems_in_one_row_are_worded_for_one_row(coordinator, coordinator_client):
    batch = make_batch(coordinator, [person(1, Email="ann@", Postcode="x", Perspective="?")])
    page = coordinator_client.get(
        reverse("people:import_preview", args=[batch.pk])
    ).content.decode()
    assert "3 problems in 1 row</caption>" in page


def test_long_lists_of_problems_are_paged_but_counted_in_full(coordinator, coordinator_client):
    rows = [person(n, Email="bad") for n in range(120)]
    batch = make_batch(coordinator, rows)
    url = reverse("people:import_preview", args=[batch.pk])
    page = coordinator_client.get(url).content.decode()
    assert "120 problems in 120 rows: showing 1 to 50" in page
    page = coordinator_client.get(url, {"problems_page": 3}).content.decode()
    assert "showing 101 to 120" in page


def test_each_likely_duplicate_is_shown_once_with_who_it_matches_and_why(
    coordinator, coordinator_client
):
    ann = ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911100009")
    rows = [
        person(1, **{"Full name": "Ann Lee", "Email": "ann@example.net", "Phone": "07911100009"}),
        person(2, **{"Full name": "Bo Shah", "Phone": "07911 100009"}),
    ]
    url = reverse("people:import_preview", args=[make_batch(coordinator, rows).pk])
    page = coordinator_client.get(url).content.decode()
    assert "2 rows look like someone already on the register" in page
    # Row 3 shares Ann's phone number and row 2's: it is asked about once, with both.
    assert page.count('name="row_3"') == 2  # the two radios of one question
    assert page.count("Row 3: Bo Shah") == 1
    assert reverse("people:expert_detail", args=[ann.pk]) in page
    assert "on the register: same email, same phone number and similar name" in page
    assert "row 2 of your file: same phone number" in page
    # A strong match is set to be left out; a shared phone number only, to be added.
    assert 'id="id_row_2-2" name="row_2" type="radio" value="leave_out" checked' in page
    assert 'id="id_row_3" name="row_3" type="radio" value="add" checked' in page


def test_the_coordinator_chooses_row_by_row_which_duplicates_to_add(
    coordinator, coordinator_client
):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net", phone="+447911200001")
    rows = [
        person(1, Email="ann@example.net"),
        person(2, Phone="07911 200001"),
        person(3),
        person(4, Email="ann@example.net", Phone="07911 200004"),
    ]
    batch = make_batch(coordinator, rows)
    url = reverse("people:import_preview", args=[batch.pk])
    response = coordinator_client.post(
        url, {"row_2": "add", "row_3": "leave_out", "row_5": "leave_out"}
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.imported_count, batch.skipped_count) == (2, 2)
    added = Expert.objects.filter(source=batch.source).values_list("email", flat=True)
    assert sorted(added) == ["ann@example.net", "person3@example.net"]


def test_a_refused_import_shows_the_choices_as_they_were_made(coordinator, coordinator_client):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net")
    rows = [person(1, Email="ann@example.net"), person(2, Email="ann@example.net")]
    batch = make_batch(coordinator, rows)
    url = reverse("people:import_preview", args=[batch.pk])
    response = coordinator_client.post(url, {"row_2": "leave_out"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose whether to add or leave out row 3" in page
    assert 'href="#id_row_3"' in page

    response = coordinator_client.post(url, {"row_2": "leave_out", "row_3": "leave_out"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You chose to leave out every row" in page
    assert 'id="id_row_2-2" name="row_2" type="radio" value="leave_out" checked' in page
    assert 'id="id_row_3-2" name="row_3" type="radio" value="leave_out" checked' in page
    # And when the page is opened again.
    page = coordinator_client.get(url).content.decode()
    assert 'id="id_row_3-2" name="row_3" type="radio" value="leave_out" checked' in page
    assert Expert.objects.count() == 1


def test_choices_on_each_page_of_duplicates_are_kept(coordinator, coordinator_client):
    ExpertFactory(full_name="Ann Lee", email="ann@example.net")
    rows = [person(n, Email="ann@example.net") for n in range(1, 56)] + [person(99)]
    batch = make_batch(coordinator, rows)
    url = reverse("people:import_preview", args=[batch.pk])
    page_one = {f"row_{n}": "leave_out" for n in range(2, 52)} | {"row_2": "add"}
    response = coordinator_client.post(url, page_one | {"show_duplicates_page": "2"})
    assert response["Location"] == f"{url}?duplicates_page=2#duplicates"
    page = coordinator_client.get(f"{url}?duplicates_page=2").content.decode()
    assert "Showing rows 51 to 55 of 55 likely duplicates" in page
    assert 'name="row_52"' in page and 'name="row_2"' not in page

    response = coordinator_client.post(
        f"{url}?duplicates_page=2",
        {f"row_{n}": "leave_out" for n in range(52, 57)} | {"row_56": "add"},
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    # Row 2 chosen on the first page, row 56 on the second, and the person nobody knows.
    assert (batch.imported_count, batch.skipped_count) == (3, 53)


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


def test_the_team_finds_import_among_its_pages(coordinator_client):
    page = coordinator_client.get(reverse("all_pages")).content.decode()
    assert f'href="{reverse("people:import_start")}"' in page
