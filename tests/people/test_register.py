"""Finding people on the register: search, filters, sorting, paging, the overview and export."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import (
    AccessNeedFactory,
    ExpertFactory,
    LivedExperienceAreaFactory,
    LocalityFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [e.full_name for e in response.context["page"].object_list]


def test_search_finds_by_name_email_and_phone_digits(coordinator_client):
    ExpertFactory(full_name="Aisha Begum", email="aisha@example.net", phone="+447700900301")
    ExpertFactory(full_name="Tom Jones", email="tj@example.net", phone="+447700900999")
    url = reverse("people:register")
    assert names(coordinator_client.get(url, {"q": "aisha"})) == ["Aisha Begum"]
    assert names(coordinator_client.get(url, {"q": "tj@example"})) == ["Tom Jones"]
    assert names(coordinator_client.get(url, {"q": "07700 900301"})) == ["Aisha Begum"]


def test_filters_combine_and_an_expert_with_two_matching_areas_shows_once(coordinator_client):
    dementia = LivedExperienceAreaFactory(name="Dementia")
    autism = LivedExperienceAreaFactory(name="Autism")
    panel = SkillFactory(name="Interview panel")
    bsl = AccessNeedFactory(name="BSL interpreter")
    ludlow = LocalityFactory(name="Ludlow")
    ExpertFactory(
        full_name="Both Areas",
        lived_experience=[dementia, autism],
        skills=[panel],
        access_needs=[bsl],
        locality=ludlow,
        payment_preference="paid",
    )
    ExpertFactory(full_name="Paused Person", status="paused", lived_experience=[dementia])
    ExpertFactory(full_name="Other Area", lived_experience=[LivedExperienceAreaFactory()])
    url = reverse("people:register")

    both = coordinator_client.get(url, {"area": [dementia.pk, autism.pk]})
    assert sorted(names(both)) == ["Both Areas", "Paused Person"]
    active = coordinator_client.get(url, {"area": dementia.pk, "status": "active"})
    assert names(active) == ["Both Areas"]
    assert names(coordinator_client.get(url, {"skill": panel.pk})) == ["Both Areas"]
    assert names(coordinator_client.get(url, {"need": bsl.pk})) == ["Both Areas"]
    assert names(coordinator_client.get(url, {"locality": ludlow.pk})) == ["Both Areas"]
    assert "Other Area" not in names(coordinator_client.get(url, {"payment": "volunteer"}))


def test_sorting_and_paging(coordinator_client):
    for i in range(30):
        ExpertFactory(full_name=f"Person {i:02d}")
    url = reverse("people:register")
    first = coordinator_client.get(url)
    assert names(first)[0] == "Person 00"
    assert len(names(first)) == 25
    second = coordinator_client.get(url, {"page": 2})
    assert names(second) == [f"Person {i:02d}" for i in range(25, 30)]
    reverse_sorted = coordinator_client.get(url, {"sort": "-name"})
    assert names(reverse_sorted)[0] == "Person 29"
    assert "30</strong> experts found" in first.content.decode()


def test_an_unknown_filter_value_shows_nothing_rather_than_everything(coordinator_client):
    ExpertFactory()
    response = coordinator_client.get(reverse("people:register"), {"status": "nonsense"})
    assert names(response) == []
    assert "There is a problem" in response.content.decode()
    assert "Choose status again: one of the choices you made is no longer available" in (
        response.content.decode()
    )


def test_overview_counts_by_status_perspective_area_and_locality(coordinator_client):
    dementia = LivedExperienceAreaFactory(name="Dementia")
    town = LocalityFactory(name="Oswestry")
    ExpertFactory(status="active", perspective="carer", lived_experience=[dementia], locality=town)
    ExpertFactory(status="active", perspective="carer", lived_experience=[dementia], locality=town)
    ExpertFactory(status="left", perspective="service_user", lived_experience=[dementia])
    ExpertFactory(status="enquiry", perspective="both", locality=None)

    summary = coordinator_client.get(reverse("people:dashboard")).context["summary"]

    assert summary.total == 4
    assert ("active", "Active", 2) in summary.by_status
    assert ("left", "Left", 1) in summary.by_status
    assert ("carer", "Carer", 2) in summary.by_perspective
    # Area and locality counts leave out people who have left.
    assert (dementia.pk, "Dementia", 2) in summary.by_area
    assert (town.pk, "Oswestry", 2) in summary.by_locality
    assert (None, "Not recorded", 1) in summary.by_locality


def test_export_csv_follows_the_filters_and_neutralises_formulas(coordinator_client):
    dementia = LivedExperienceAreaFactory(name="Dementia")
    ExpertFactory(full_name='=HYPERLINK("http://evil")', lived_experience=[dementia])
    ExpertFactory(full_name="@SUM(A1)", lived_experience=[dementia])
    ExpertFactory(full_name="Not Exported")

    response = coordinator_client.get(reverse("people:export", args=["csv"]), {"area": dementia.pk})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0][0] == "Full name"
    exported = sorted(r[0] for r in rows[1:])
    assert exported == ['\'=HYPERLINK("http://evil")', "'@SUM(A1)"]
    assert all(r[9] == "Dementia" for r in rows[1:])


def test_export_xlsx_opens_as_a_spreadsheet(coordinator_client):
    ExpertFactory(full_name="+44 trick", email="x@example.net")
    response = coordinator_client.get(reverse("people:export", args=["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    sheet = book.active
    assert sheet.cell(1, 1).value == "Full name"
    assert sheet.cell(2, 1).value == "'+44 trick"
    assert sheet.cell(2, 4).value == "x@example.net"
