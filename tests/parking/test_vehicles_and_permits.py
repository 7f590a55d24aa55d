"""Experts register their vehicles; the involvement team does too, issues permits for a site
and a period, prints them for the windscreen and cancels them. Bad input gets a message
beside its field, what was typed is kept, and nothing is half-saved."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.parking.models import Permit, Vehicle
from tests.factories import ExpertFactory, VenueFactory
from tests.parking.helpers import permit, vehicle

pytestmark = pytest.mark.django_db


def test_an_expert_adds_their_car_and_is_told_how_the_plate_was_written(expert, expert_client):
    response = expert_client.post(
        reverse("parking:my_vehicle_add"),
        {"registration": " ab12cde", "make": "Ford Fiesta", "colour": "Blue", "blue_badge": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert (
        "AB12 CDE is added. We wrote it the way it is on a number plate: you typed ab12cde." in page
    )
    car = Vehicle.objects.get(expert=expert)
    assert (car.registration, car.make, car.colour, car.blue_badge) == (
        "AB12 CDE",
        "Ford Fiesta",
        "Blue",
        True,
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VEHICLE_ADDED).count() == 1


def test_a_plate_that_cannot_be_is_refused_beside_the_field_and_what_was_typed_is_kept(
    expert, expert_client
):
    response = expert_client.post(
        reverse("parking:my_vehicle_add"), {"registration": "AB£12", "make": "Ford"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Error: Add a vehicle" in page
    assert "The registration number can only have letters and numbers, like AB12 CDE" in page
    assert 'value="AB£12"' in page and 'value="Ford"' in page
    assert not Vehicle.objects.exists()


def test_the_same_car_typed_another_way_is_not_added_twice(expert, expert_client):
    vehicle(expert, "AB12 CDE")
    response = expert_client.post(reverse("parking:my_vehicle_add"), {"registration": "ab12cde"})
    assert response.status_code == 400
    assert "AB12 CDE is already registered" in response.content.decode()
    assert Vehicle.objects.filter(expert=expert).count() == 1


def test_an_expert_cannot_remove_someone_elses_vehicle(expert_client):
    other = vehicle(ExpertFactory())
    response = expert_client.post(reverse("parking:my_vehicle_remove", args=[other.pk]))
    assert response.status_code == 404
    assert Vehicle.objects.filter(pk=other.pk).exists()


def test_an_expert_removes_their_own_vehicle(expert, expert_client):
    car = vehicle(expert)
    expert_client.post(reverse("parking:my_vehicle_remove", args=[car.pk]))
    assert not Vehicle.objects.filter(pk=car.pk).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VEHICLE_REMOVED).count() == 1


@time_machine.travel("2026-03-03 09:00Z", tick=False)
def test_a_coordinator_issues_a_permit_for_a_site_and_period(coordinator_client):
    car = vehicle()
    venue = VenueFactory(name="Shirehall")
    response = coordinator_client.post(
        reverse("parking:permit_issue", args=[car.expert_id]),
        {
            "vehicle": car.pk,
            "venue": venue.pk,
            "valid_from-day": "3",
            "valid_from-month": "3",
            "valid_from-year": "2026",
            "valid_to-day": "30",
            "valid_to-month": "6",
            "valid_to-year": "2026",
        },
        follow=True,
    )
    issued = Permit.objects.get()
    assert (issued.registration, issued.venue, issued.valid_from, issued.valid_to) == (
        "AB12 CDE",
        venue,
        date(2026, 3, 3),
        date(2026, 6, 30),
    )
    assert f"Permit {issued.number} issued for AB12 CDE at Shirehall" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PERMIT_ISSUED).count() == 1


@time_machine.travel("2026-03-03 09:00Z", tick=False)
def test_a_permit_that_ends_before_it_starts_is_refused_beside_the_field(coordinator_client):
    car = vehicle()
    venue = VenueFactory()
    response = coordinator_client.post(
        reverse("parking:permit_issue", args=[car.expert_id]),
        {
            "vehicle": car.pk,
            "venue": venue.pk,
            "valid_from-day": "10",
            "valid_from-month": "3",
            "valid_from-year": "2026",
            "valid_to-day": "9",
            "valid_to-month": "3",
            "valid_to-year": "2026",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The last day must be the same as or after the first day, Tuesday 10 March 2026" in page
    assert 'id="valid_to-error"' in page or "valid_to" in page
    assert 'value="9"' in page
    assert not Permit.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PERMIT_ISSUED).exists()


def test_the_service_refuses_a_permit_that_ends_before_it_starts_too():
    from coproduce.parking.services import ParkingError

    with pytest.raises(ParkingError, match="same as or after the first day"):
        permit(valid_from=date(2026, 3, 10), valid_to=date(2026, 3, 9))
    assert not Permit.objects.exists()


def test_a_cancelled_permit_cannot_be_printed_or_cancelled_again(coordinator_client):
    issued = permit()
    coordinator_client.post(reverse("parking:permit_cancel", args=[issued.pk]))
    issued.refresh_from_db()
    assert issued.cancelled_at is not None
    response = coordinator_client.get(reverse("parking:permit_print", args=[issued.pk]))
    assert response.status_code == 302
    again = coordinator_client.post(reverse("parking:permit_cancel", args=[issued.pk]), follow=True)
    assert "has already been cancelled" in again.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PERMIT_CANCELLED).count() == 1


def test_the_expert_parking_page_costs_the_same_for_few_and_many(
    coordinator_client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    expert = ExpertFactory()
    permit(vehicle(expert, "AB12 CDE"))
    url = reverse("parking:expert_parking", args=[expert.pk])
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for n in range(8):
        permit(vehicle(expert, f"CD{n}2 XYZ"))
    with django_assert_num_queries(len(few)):
        page = coordinator_client.get(url)
    assert page.content.decode().count("Print<span") == 9


def test_issuing_a_permit_with_no_vehicle_asks_for_one_first(coordinator_client):
    expert = ExpertFactory()
    response = coordinator_client.get(reverse("parking:permit_issue", args=[expert.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("parking:vehicle_add", args=[expert.pk])


def test_a_persons_vehicles_and_permits_are_in_their_data_and_go_when_they_are_erased():
    from coproduce.parking import personal_data

    issued = permit()
    expert = issued.expert
    section = personal_data.collect(expert)
    assert section.data["vehicles"][0]["registration"] == "AB12 CDE"
    assert section.data["parking_permits"][0]["permit_number"] == issued.number
    assert personal_data.erase(expert) == ["their parking permits", "their vehicles"]
    assert not Vehicle.objects.exists() and not Permit.objects.exists()
