"""Reads for parking, each with a fixed number of queries: an expert's vehicles and permits,
the sites people are expected at on a day, and each site's list for its car-park attendant."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404

from coproduce.core.days import day_after, local_midnight
from coproduce.core.formats import time_of_day
from coproduce.opportunities.choices import InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation, Venue
from coproduce.parking.models import Permit, Vehicle
from coproduce.people import queries as people_queries

# People are expected from this long before their first meeting starts.
ARRIVE_BEFORE = timedelta(minutes=30)
# What the attendant sees instead of the title of confidential work (a serious incident
# investigation): that there is a meeting, and nothing about it.
CONFIDENTIAL_TITLE = "Meeting"


def vehicles_of(expert) -> list[Vehicle]:
    return list(Vehicle.objects.filter(expert=expert).order_by("registration", "id"))


def permits_of(expert) -> list[Permit]:
    """The expert's permits, newest first, with their sites (one query)."""
    return list(
        Permit.objects.filter(expert=expert).select_related("venue").order_by("-valid_from", "-id")
    )


def get_vehicle_for(user, pk: int) -> Vehicle:
    """A vehicle of an expert this user may see, or 404."""
    vehicle = Vehicle.objects.select_related("expert").filter(pk=pk).first()
    if vehicle is None:
        raise Http404
    people_queries.get_expert_for(user, vehicle.expert_id)
    return vehicle


def own_vehicle(expert, pk: int) -> Vehicle:
    """One of the signed-in expert's own vehicles, or 404."""
    vehicle = Vehicle.objects.select_related("expert").filter(pk=pk, expert=expert).first()
    if vehicle is None:
        raise Http404
    return vehicle


def running_permits(vehicle: Vehicle, today: date) -> list[Permit]:
    """The vehicle's permits not cancelled and not yet ended, with their sites (one query):
    they show its registration, so changing it replaces them."""
    return list(
        Permit.objects.filter(vehicle=vehicle, cancelled_at__isnull=True, valid_to__gte=today)
        .select_related("venue")
        .order_by("valid_from", "id")
    )


def get_permit_for(user, pk: int) -> Permit:
    """A permit of an expert this user may see, with its site, or 404."""
    permit = Permit.objects.select_related("expert", "venue").filter(pk=pk).first()
    if permit is None:
        raise Http404
    people_queries.get_expert_for(user, permit.expert_id)
    return permit


def active_venues() -> QuerySet[Venue]:
    return Venue.objects.filter(active=True).order_by("name", "id")


def venue_or_404(pk: int) -> Venue:
    venue = Venue.objects.filter(pk=pk).first()
    if venue is None:
        raise Http404
    return venue


def _booked_on(day: date) -> QuerySet[Invitation]:
    """Accepted places at meetings going ahead on this day, for people we may process."""
    start = local_midnight(day)
    return Invitation.objects.filter(
        status=InvitationStatus.ACCEPTED,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gte=start,
        session__starts_at__lt=day_after(day),
        expert__erased_at__isnull=True,
        expert__restricted_at__isnull=True,
    )


def _at(venue_id: int) -> Q:
    # A session meets at its own venue, or, when it names none, at its opportunity's.
    return Q(session__venue_id=venue_id) | Q(
        session__venue__isnull=True, session__opportunity__venue_id=venue_id
    )


@dataclass(frozen=True)
class Site:
    venue: Venue
    people: int


def sites_on(day: date) -> list[Site]:
    """Every site with people booked to come on this day, and how many (two queries)."""
    rows = _booked_on(day).values_list(
        "expert_id", "session__venue_id", "session__opportunity__venue_id"
    )
    people: dict[int, set[int]] = defaultdict(set)
    for expert_id, venue_id, opportunity_venue_id in rows:
        where = venue_id or opportunity_venue_id
        if where:
            people[where].add(expert_id)
    if not people:
        return []
    venues = Venue.objects.filter(pk__in=people).order_by("name", "id")
    return [Site(venue=venue, people=len(people[venue.pk])) for venue in venues]


@dataclass(frozen=True)
class Expected:
    """One person the attendant should expect, with only what the attendant needs."""

    name: str
    vehicles: tuple[str, ...]  # "AB12 CDE (blue Ford Fiesta)"
    registrations: tuple[str, ...]
    arrives: str  # "9:30am to 10am"
    meetings: tuple[str, ...]
    permit: str  # "P000012", or ""
    blue_badge: bool


@dataclass(frozen=True)
class AttendantList:
    venue: Venue
    day: date
    people: list[Expected]
    not_driving: int  # expected, with no vehicle registered


def attendant_list(venue: Venue, day: date) -> AttendantList:
    """Who is expected at this site on this day and in what vehicle, made from the accepted
    places at meetings there (three queries). Only what a car-park attendant needs: name,
    vehicle, when they arrive, their permit and whether they hold a blue badge. Confidential
    work shows as "Meeting"."""
    invitations = (
        _booked_on(day)
        .filter(_at(venue.pk))
        .select_related("expert", "session__opportunity")
        .only(
            "expert__full_name",
            "expert__preferred_name",
            "session__starts_at",
            "session__opportunity__title",
            "session__opportunity__confidential",
        )
        .order_by("session__starts_at", "expert__full_name", "id")
    )
    first_start: dict[int, datetime] = {}
    meetings: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for invitation in invitations:
        expert = invitation.expert
        session = invitation.session
        names[expert.pk] = expert.full_name
        first_start.setdefault(expert.pk, session.starts_at)
        opportunity = session.opportunity
        title = CONFIDENTIAL_TITLE if opportunity.confidential else opportunity.title
        meetings[expert.pk].append(f"{time_of_day(session.starts_at)} {title}")
    if not names:
        return AttendantList(venue=venue, day=day, people=[], not_driving=0)
    vehicles: dict[int, list[Vehicle]] = defaultdict(list)
    for vehicle in Vehicle.objects.filter(expert_id__in=names).order_by("registration", "id"):
        vehicles[vehicle.expert_id].append(vehicle)
    permits: dict[int, Permit] = {}
    for found in Permit.objects.filter(
        expert_id__in=names,
        venue=venue,
        cancelled_at__isnull=True,
        valid_from__lte=day,
        valid_to__gte=day,
    ).order_by("-valid_from", "-id"):
        permits.setdefault(found.expert_id, found)
    # In the order they arrive: `names` was filled by each person's first meeting.
    people = []
    for expert_id, name in names.items():
        cars = vehicles.get(expert_id, [])
        permit = permits.get(expert_id)
        if not cars and permit is None:
            continue
        registrations = tuple(car.registration for car in cars) or (
            (permit.registration,) if permit else ()
        )
        starts = first_start[expert_id]
        people.append(
            Expected(
                name=name,
                vehicles=tuple(
                    f"{car.registration} ({car.description})"
                    if car.description
                    else car.registration
                    for car in cars
                )
                or registrations,
                registrations=registrations,
                arrives=f"{time_of_day(starts - ARRIVE_BEFORE)} to {time_of_day(starts)}",
                meetings=tuple(meetings[expert_id]),
                permit=permit.number if permit else "",
                blue_badge=any(car.blue_badge for car in cars),
            )
        )
    return AttendantList(venue=venue, day=day, people=people, not_driving=len(names) - len(people))
