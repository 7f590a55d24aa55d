"""Parking as paper: a permit for the windscreen (A6 landscape, big enough to read through
glass from outside the car) and a site's list for its car-park attendant (A4). Both are made
with WeasyPrint from templates, tagged for screen readers (core.pdf)."""

from django.conf import settings
from django.template.loader import render_to_string

from coproduce.core.formats import long_date
from coproduce.core.pdf import html_to_pdf
from coproduce.parking.models import Permit
from coproduce.parking.queries import AttendantList


def permit_html(permit: Permit) -> str:
    return render_to_string(
        "parking/permit_pdf.jinja",
        {
            "permit": permit,
            "title": f"Parking permit {permit.number}",
            "organisation_name": settings.ORGANISATION_NAME,
            "cancelled": permit.cancelled_at is not None,
        },
    )


def attendant_list_title(listing: AttendantList) -> str:
    return f"Car park list for {listing.venue.name}, {long_date(listing.day)}"


def attendant_list_html(listing: AttendantList) -> str:
    return render_to_string(
        "parking/attendant_list_pdf.jinja",
        {
            "listing": listing,
            "title": attendant_list_title(listing),
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )


def permit_pdf(permit: Permit) -> bytes:
    return html_to_pdf(permit_html(permit))


def attendant_list_pdf(listing: AttendantList) -> bytes:
    return html_to_pdf(attendant_list_html(listing))
