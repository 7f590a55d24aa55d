"""Downloading a site's car park list to print is in the audit trail: who printed it, for
which site and day, and how many people were on it; never the names or number plates."""

import pytest
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from tests.factories import ExpertFactory, VenueFactory
from tests.parking.helpers import DAY, booked, vehicle

pytestmark = pytest.mark.django_db


def test_downloading_the_list_is_audited_with_site_day_and_how_many_but_no_names_or_plates(
    coordinator, coordinator_client
):
    venue = VenueFactory(name="Shirehall")
    for name, plate in (("Ann Driver", "AB12 CDE"), ("Bob Motor", "XY65 ZZZ")):
        expert = ExpertFactory(full_name=name)
        vehicle(expert, plate)
        booked(expert, venue)
    booked(ExpertFactory(full_name="Wally Walker"), venue)  # no car: not on the list
    url = reverse("parking:attendant_list_pdf", args=[DAY.isoformat(), venue.pk])
    response = coordinator_client.get(url)
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action=AuditEvent.Action.ATTENDANT_LIST_PRINTED)
    assert event.actor == coordinator
    assert event.summary == "Car park list for Shirehall, Tuesday 3 March 2026, printed: 2 people"
    assert event.changes == {"venue": venue.pk, "day": "2026-03-03", "people": 2, "format": "pdf"}
    assert (event.model, event.object_id) == ("opportunities.venue", str(venue.pk))
    everything = event.summary + str(event.changes)
    for private in ("Ann", "Bob", "Wally", "AB12", "XY65"):
        assert private not in everything


def test_an_empty_list_printed_is_audited_too(coordinator_client):
    venue = VenueFactory(name="Shirehall")
    coordinator_client.get(reverse("parking:attendant_list_pdf", args=[DAY.isoformat(), venue.pk]))
    event = AuditEvent.objects.get(action=AuditEvent.Action.ATTENDANT_LIST_PRINTED)
    assert event.summary.endswith("printed: 0 people")


def test_looking_at_the_list_on_screen_is_not_a_print(coordinator_client):
    venue = VenueFactory()
    coordinator_client.get(reverse("parking:attendant_list", args=[DAY.isoformat(), venue.pk]))
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ATTENDANT_LIST_PRINTED).exists()


def test_someone_refused_the_list_leaves_no_print_in_the_trail(staff_client):
    venue = VenueFactory()
    response = staff_client.get(
        reverse("parking:attendant_list_pdf", args=[DAY.isoformat(), venue.pk])
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ATTENDANT_LIST_PRINTED).exists()
