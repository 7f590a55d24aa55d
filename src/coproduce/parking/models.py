"""Parking for experts who drive: the vehicles they register, and the permits the involvement
team issues for a site (a venue where sessions meet) and a period. The car-park attendant's
list for a day is not stored: it is made from the sessions booked at the site that day
(parking.queries.attendant_list)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from coproduce.opportunities.models import Venue
from coproduce.people.models import Expert


class Vehicle(models.Model):
    """A vehicle an expert comes in. `registration` is kept in one form ("AB12 CDE"), so the
    same car typed two ways is one vehicle (parking.plates.normalise)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="vehicles")
    registration = models.CharField(max_length=10)
    make = models.CharField(max_length=60, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    blue_badge = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["registration", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "registration"], name="one_vehicle_per_registration"
            )
        ]

    def __str__(self) -> str:
        return self.registration

    @property
    def description(self) -> str:
        """ "Blue Ford Fiesta", or "" when neither is known."""
        return " ".join(part for part in (self.colour, self.make) if part)


class Permit(models.Model):
    """Leave to park at one site from one day to another, for one vehicle. The registration
    is copied, so a permit still says which car it was for if the vehicle is removed."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="permits")
    vehicle = models.ForeignKey(
        Vehicle, null=True, blank=True, on_delete=models.SET_NULL, related_name="permits"
    )
    registration = models.CharField(max_length=10)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="permits")
    valid_from = models.DateField()
    valid_to = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="permit_ends_on_or_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["venue", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"Permit {self.number}"

    @property
    def number(self) -> str:
        """The number printed on the permit: its record's number, six figures at least."""
        return f"P{self.pk:06d}" if self.pk else ""
