"""An expert changes their own vehicle in the portal, and the involvement team any expert's,
with the same checks as adding one. A printed permit shows the registration, so when it
changes each permit still running is cancelled and replaced by one with the new plate: the
attendant's list never goes by a permit showing the old one."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.parking import queries, services
from coproduce.parking.models import Permit, Vehicle
from tests.factories import ExpertFactory, VenueFactory
from tests.parking.helpers import DAY, booked, permit, team_member, vehicle

pytestmark = pytest.mark.django_db


def _form(registration="AB12 CDE", make="", colour="", blue_badge=False):
    data = {"registration": registration, "make": make, "colour": colour}
    if blue_badge:
        data["blue_badge"] = "on"
    return data


def test_an_expert_sees_a_link_to_change_their_car(expert, expert_client):
    car = vehicle(expert)
    html = expert_client.get(reverse("parking:my_vehicles")).content.decode()
    assert reverse("parking:my_vehicle_change", args=[car.pk]) in html


def test_the_change_page_shows_what_is_held_now(expert, expert_client):
    car = vehicle(expert, make="Ford Fiesta", colour="Blue", blue_badge=True)
    html = expert_client.get(reverse("parking:my_vehicle_change", args=[car.pk])).content.decode()
    assert 'value="AB12 CDE"' in html and 'value="Ford Fiesta"' in html
    assert 'value="Blue"' in html and "checked" in html


def test_an_expert_changes_the_make_and_colour_audited(expert, expert_client):
    car = vehicle(expert, make="Ford", colour="Red")
    response = expert_client.post(
        reverse("parking:my_vehicle_change", args=[car.pk]),
        _form(make="Ford Fiesta", colour="Blue", blue_badge=True),
        follow=True,
    )
    assert "Your changes to AB12 CDE are saved." in response.content.decode()
    car.refresh_from_db()
    assert (car.make, car.colour, car.blue_badge) == ("Ford Fiesta", "Blue", True)
    event = AuditEvent.objects.get(action=AuditEvent.Action.VEHICLE_CHANGED)
    assert event.subject_id == str(expert.pk)
    assert event.changes == {
        "make": ["Ford", "Ford Fiesta"],
        "colour": ["Red", "Blue"],
        "blue_badge": [False, True],
    }


def test_a_new_plate_is_written_one_way_and_the_person_is_told(expert, expert_client):
    car = vehicle(expert)
    response = expert_client.post(
        reverse("parking:my_vehicle_change", args=[car.pk]), _form(" cd34efg"), follow=True
    )
    html = response.content.decode()
    assert "The registration is now CD34 EFG (it was AB12 CDE)." in html
    assert "you typed cd34efg" in html
    car.refresh_from_db()
    assert car.registration == "CD34 EFG"
    event = AuditEvent.objects.get(action=AuditEvent.Action.VEHICLE_CHANGED)
    assert event.summary == "Vehicle AB12 CDE changed to CD34 EFG"


def test_a_plate_that_cannot_be_is_refused_beside_the_field_and_nothing_saved(
    expert, expert_client
):
    car = vehicle(expert, make="Ford")
    response = expert_client.post(
        reverse("parking:my_vehicle_change", args=[car.pk]), _form("AB£12", make="Fiat")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Error: Change AB12 CDE" in html
    assert "The registration number can only have letters and numbers, like AB12 CDE" in html
    assert 'value="AB£12"' in html and 'value="Fiat"' in html
    car.refresh_from_db()
    assert (car.registration, car.make) == ("AB12 CDE", "Ford")
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VEHICLE_CHANGED).exists()


def test_changing_to_a_plate_they_already_have_is_refused(expert, expert_client):
    car = vehicle(expert, "AB12 CDE")
    vehicle(expert, "CD34 EFG")
    response = expert_client.post(
        reverse("parking:my_vehicle_change", args=[car.pk]), _form("cd34 efg")
    )
    assert response.status_code == 400
    assert "CD34 EFG is already registered" in response.content.decode()
    car.refresh_from_db()
    assert car.registration == "AB12 CDE"


def test_saving_with_nothing_changed_says_so_and_records_nothing(expert, expert_client):
    car = vehicle(expert, make="Ford")
    response = expert_client.post(
        reverse("parking:my_vehicle_change", args=[car.pk]),
        _form("ab12cde", make="Ford"),
        follow=True,
    )
    assert "Nothing was changed: AB12 CDE is as it was." in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VEHICLE_CHANGED).exists()


def test_an_expert_cannot_change_someone_elses_vehicle(expert_client):
    other = vehicle(ExpertFactory())
    url = reverse("parking:my_vehicle_change", args=[other.pk])
    assert expert_client.get(url).status_code == 404
    assert expert_client.post(url, _form("CD34 EFG")).status_code == 404
    other.refresh_from_db()
    assert other.registration == "AB12 CDE"


def test_a_coordinator_changes_an_experts_vehicle_from_their_parking_page(coordinator_client):
    car = vehicle(ExpertFactory(full_name="Ann Driver"))
    page = reverse("parking:expert_parking", args=[car.expert_id])
    assert (
        reverse("parking:vehicle_change", args=[car.pk])
        in coordinator_client.get(page).content.decode()
    )
    response = coordinator_client.post(
        reverse("parking:vehicle_change", args=[car.pk]), _form("CD34 EFG", make="Kia")
    )
    assert response.status_code == 302 and response["Location"] == page
    car.refresh_from_db()
    assert (car.registration, car.make) == ("CD34 EFG", "Kia")


def test_a_restricted_experts_vehicle_cannot_be_changed(coordinator_client):
    car = vehicle(ExpertFactory())
    car.expert.restricted_at = car.expert.created_at
    car.expert.save(update_fields=["restricted_at"])
    with pytest.raises(services.ParkingError, match="restricted"):
        services.change_vehicle(actor=team_member(), vehicle=car, registration="CD34 EFG")
    assert Vehicle.objects.get(pk=car.pk).registration == "AB12 CDE"


@time_machine.travel("2026-03-10 09:00Z", tick=False)
def test_a_new_plate_replaces_running_permits_so_the_old_plate_is_not_valid(coordinator_client):
    ann = ExpertFactory(full_name="Ann Driver")
    car = vehicle(ann)
    shirehall = VenueFactory(name="Shirehall")
    running = permit(car, venue=shirehall, valid_from=DAY, valid_to=date(2026, 6, 30))
    ended = permit(car, venue=shirehall, valid_from=date(2026, 3, 1), valid_to=date(2026, 3, 5))
    later = permit(
        car,
        venue=VenueFactory(name="Civic Centre"),
        valid_from=date(2026, 4, 1),
        valid_to=date(2026, 4, 2),
    )
    response = coordinator_client.post(
        reverse("parking:vehicle_change", args=[car.pk]), _form("CD34 EFG"), follow=True
    )
    html = response.content.decode()
    running.refresh_from_db(), ended.refresh_from_db(), later.refresh_from_db()
    assert running.cancelled_at is not None and later.cancelled_at is not None
    assert ended.cancelled_at is None  # over already: kept as it was, with its old plate
    new_running = Permit.objects.get(venue=shirehall, cancelled_at=None, registration="CD34 EFG")
    assert (new_running.valid_from, new_running.valid_to) == (date(2026, 3, 10), date(2026, 6, 30))
    new_later = Permit.objects.get(venue__name="Civic Centre", cancelled_at=None)
    assert (new_later.registration, new_later.valid_from, new_later.valid_to) == (
        "CD34 EFG",
        date(2026, 4, 1),
        date(2026, 4, 2),
    )
    assert (
        f"Permit {running.number} for Shirehall showed AB12 CDE, so it is cancelled. "
        f"Permit {new_running.number} replaces it, with CD34 EFG, for the same days. "
        "Print it and give it to Ann Driver" in html
    )
    cancelled = AuditEvent.objects.filter(action=AuditEvent.Action.PERMIT_CANCELLED)
    assert {e.summary for e in cancelled} == {
        f"Permit {p.number} cancelled: the registration changed from AB12 CDE to CD34 EFG"
        for p in (running, later)
    }
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PERMIT_ISSUED).count() == 5
    # The attendant's list goes by the new plate and the new permit's number.
    booked(ann, shirehall, day=date(2026, 3, 12))
    (person,) = queries.attendant_list(shirehall, date(2026, 3, 12)).people
    assert (person.registrations, person.permit) == (("CD34 EFG",), new_running.number)


@time_machine.travel("2026-03-10 09:00Z", tick=False)
def test_the_expert_is_told_to_ask_the_team_for_the_new_permit(expert, expert_client):
    car = vehicle(expert)
    permit(car, valid_from=DAY, valid_to=date(2026, 6, 30))
    page = expert_client.get(reverse("parking:my_vehicle_change", args=[car.pk])).content.decode()
    assert "If the registration changes, it is cancelled and a new permit" in page
    response = expert_client.post(
        reverse("parking:my_vehicle_change", args=[car.pk]), _form("CD34 EFG"), follow=True
    )
    assert "Ask the involvement team for the new permit" in response.content.decode()


@time_machine.travel("2026-03-10 09:00Z", tick=False)
def test_a_permit_at_a_site_no_longer_used_is_cancelled_and_not_replaced():
    car = vehicle()
    old_site = VenueFactory(name="Old Hospital")
    issued = permit(car, venue=old_site, valid_from=DAY, valid_to=date(2026, 6, 30))
    old_site.active = False
    old_site.save(update_fields=["active"])
    change = services.change_vehicle(actor=team_member(), vehicle=car, registration="CD34 EFG")
    issued.refresh_from_db()
    assert issued.cancelled_at is not None
    assert [p.pk for p in change.cancelled] == [issued.pk] and change.replaced == []
    assert not Permit.objects.filter(cancelled_at=None).exists()


@time_machine.travel("2026-03-10 09:00Z", tick=False)
def test_changing_only_the_colour_keeps_the_permits(coordinator_client):
    car = vehicle()
    issued = permit(car, valid_from=DAY, valid_to=date(2026, 6, 30))
    coordinator_client.post(
        reverse("parking:vehicle_change", args=[car.pk]), _form("AB12 CDE", colour="Green")
    )
    issued.refresh_from_db()
    assert issued.cancelled_at is None
    assert Permit.objects.count() == 1
