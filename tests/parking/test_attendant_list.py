"""Each site's list for its car-park attendant: who is expected that day and in what vehicle,
made from the accepted places at meetings there, with only what the attendant needs."""

import io
from datetime import date

import pikepdf
import pytest
from django.urls import reverse

from coproduce.core.pdf import render_document
from coproduce.parking import queries
from coproduce.parking.documents import (
    attendant_list_html,
    attendant_list_pdf,
    permit_html,
    permit_pdf,
)
from tests.factories import AccessNeedFactory, ExpertFactory, VenueFactory
from tests.onboarding.test_badge_pdf import page_texts
from tests.parking.helpers import DAY, booked, permit, vehicle

pytestmark = pytest.mark.django_db

A4_POINTS = (595.28, 841.89)
A6_LANDSCAPE_POINTS = (419.53, 297.64)


def _url(name, venue, day=DAY):
    return reverse(name, args=[day.isoformat(), venue.pk])


def test_the_list_has_who_is_coming_their_vehicle_arrival_permit_and_blue_badge():
    venue = VenueFactory(name="Shirehall")
    ann = ExpertFactory(full_name="Ann Driver")
    vehicle(ann, "ab12cde", make="Ford Fiesta", colour="Blue", blue_badge=True)
    issued = permit(ann.vehicles.get(), venue=venue, valid_from=DAY, valid_to=date(2026, 3, 31))
    booked(ann, venue, hour=10)
    listing = queries.attendant_list(venue, DAY)
    (person,) = listing.people
    assert person.name == "Ann Driver"
    assert person.vehicles == ("AB12 CDE (Blue Ford Fiesta)",)
    assert person.arrives == "9:30am to 10am"
    assert person.permit == issued.number
    assert person.blue_badge is True


def test_people_with_no_vehicle_and_other_sites_days_and_answers_are_left_off():
    venue = VenueFactory()
    walker = ExpertFactory(full_name="Wally Walker")
    booked(walker, venue)
    elsewhere = ExpertFactory(full_name="Elsie Elsewhere")
    vehicle(elsewhere, "EL12 SEW")
    booked(elsewhere, VenueFactory())
    tomorrow = ExpertFactory(full_name="Tom Tomorrow")
    vehicle(tomorrow, "TO12 MOR")
    booked(tomorrow, venue, day=date(2026, 3, 4))
    declined = ExpertFactory(full_name="Dee Declined")
    vehicle(declined, "DE12 CLN")
    booked(declined, venue).__class__.objects.filter(expert=declined).update(status="declined")
    listing = queries.attendant_list(venue, DAY)
    assert listing.people == []
    assert listing.not_driving == 1


def test_the_page_never_shows_health_information_or_a_confidential_title(coordinator_client):
    venue = VenueFactory()
    ann = ExpertFactory(full_name="Ann Driver", access_notes="Uses a wheelchair; epilepsy")
    ann.access_needs.add(AccessNeedFactory(name="Step-free access"))
    vehicle(ann, "AB12 CDE")
    booked(ann, venue, title="Serious incident review: ward 7", confidential=True)
    page = coordinator_client.get(_url("parking:attendant_list", venue)).content.decode()
    assert "Ann Driver" in page and "AB12 CDE" in page
    assert "Meeting" in page
    for secret in ("Serious incident", "ward 7", "wheelchair", "epilepsy", "Step-free"):
        assert secret not in page


def test_the_list_page_costs_the_same_queries_for_few_and_many(
    coordinator_client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    venue = VenueFactory()
    first = ExpertFactory()
    vehicle(first, "AB12 CDE")
    booked(first, venue)
    url = _url("parking:attendant_list", venue)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for n in range(10):
        someone = ExpertFactory()
        permit(vehicle(someone, f"CD{n}2 XYZ"), venue=venue)
        booked(someone, venue, hour=11)
    with django_assert_num_queries(len(few)):
        page = coordinator_client.get(url)
    assert page.content.decode().count("app-registration") == 11


def test_the_day_page_lists_sites_with_people_coming(coordinator_client, django_assert_num_queries):
    venue = VenueFactory(name="Shirehall")
    for _ in range(3):
        booked(ExpertFactory(), venue)
    page = coordinator_client.get(reverse("parking:attendant_day", args=[DAY.isoformat()]))
    text = page.content.decode()
    assert "Shirehall" in text and _url("parking:attendant_list", venue) in text


def test_a_day_typed_wrongly_is_refused_beside_the_field(coordinator_client):
    response = coordinator_client.get(
        reverse("parking:attendant_lists"), {"day-day": "31", "day-month": "2", "day-year": "2026"}
    )
    assert response.status_code == 400
    assert "The day must be a real date" in response.content.decode()


def test_a_day_that_is_not_a_date_in_the_address_is_not_found(coordinator_client):
    response = coordinator_client.get(reverse("parking:attendant_day", args=["someday"]))
    assert response.status_code == 404


def _text(html: str) -> str:
    """The words laid out on the PDF's pages, as WeasyPrint places them."""
    return " ".join(page_texts(render_document(html)))


def test_the_attendant_list_pdf_is_tagged_a4_with_the_list(settings):
    settings.ORGANISATION_NAME = "Northshire Partnership"
    venue = VenueFactory(name="Shirehall")
    ann = ExpertFactory(full_name="Ann Driver")
    vehicle(ann, "AB12 CDE", blue_badge=True)
    booked(ann, venue, title="Secret review", confidential=True)
    listing = queries.attendant_list(venue, DAY)
    pdf_bytes = attendant_list_pdf(listing)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
        assert (width, height) == pytest.approx(A4_POINTS, abs=0.5)
        assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == "Car park list for Shirehall, Tuesday 3 March 2026"
    text = _text(attendant_list_html(listing))
    for wanted in ("Ann Driver", "AB12 CDE", "9:30am to 10am", "Meeting", "Northshire Partnership"):
        assert wanted in text
    assert "Secret review" not in text


def test_the_permit_pdf_fits_a_windscreen_and_says_what_an_attendant_checks(settings):
    settings.ORGANISATION_NAME = "Northshire Partnership"
    issued = permit(
        vehicle(registration="ab12cde"),
        venue=VenueFactory(name="Shirehall"),
        valid_from=date(2026, 3, 3),
        valid_to=date(2026, 6, 30),
    )
    pdf_bytes = permit_pdf(issued)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) == 1
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
        assert (width, height) == pytest.approx(A6_LANDSCAPE_POINTS, abs=0.5)
        assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title) == f"Parking permit {issued.number}"
    text = _text(permit_html(issued))
    for wanted in (
        "Northshire Partnership",
        "AB12 CDE",
        "Shirehall",
        "Valid from Tuesday 3 March 2026 to Tuesday 30 June 2026",
        f"Permit number {issued.number}",
    ):
        assert wanted in text


def test_the_permit_download_is_a_pdf_for_the_team(coordinator_client):
    issued = permit()
    response = coordinator_client.get(reverse("parking:permit_print", args=[issued.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
