"""Each site's list for its car-park attendant, for any day: who is expected and in what
vehicle, made from the meetings booked there. The involvement team opens and prints it (a
page and a PDF); there is no link for attendants, so the list leaves the product on paper, and
each download of the PDF is in the audit trail."""

from datetime import date

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.parking import queries, services
from coproduce.parking.documents import attendant_list_pdf, attendant_list_title
from coproduce.parking.forms import DayForm

VIEW = "parking.view_attendant_lists"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Http404 from None


@permission_required(VIEW, raise_exception=True)
def attendant_lists(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The sites people are expected at on a day (today unless another day is chosen)."""
    today = timezone.localdate()
    asked = any(key.startswith("day") for key in request.GET)
    form = DayForm(request.GET if asked else None, initial={"day": today})
    day = form.cleaned_data["day"] if asked and form.is_valid() else today
    if asked and form.is_valid():
        return redirect("parking:attendant_day", day=day.isoformat())
    return _sites(request, day, form, status=400 if form.errors else 200)


@permission_required(VIEW, raise_exception=True)
def attendant_day(request: AuthenticatedHttpRequest, day: str) -> HttpResponse:
    chosen = _day(day)
    return _sites(request, chosen, DayForm(initial={"day": chosen}))


def _sites(request, day: date, form: DayForm, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "parking/attendant_lists.jinja",
        {"day": day, "form": form, "sites": queries.sites_on(day)},
        status=status,
    )


@permission_required(VIEW, raise_exception=True)
def attendant_list(request: AuthenticatedHttpRequest, venue: int, day: str) -> HttpResponse:
    listing = queries.attendant_list(queries.venue_or_404(venue), _day(day))
    return render(
        request,
        "parking/attendant_list.jinja",
        {"listing": listing, "title": attendant_list_title(listing)},
    )


@permission_required(VIEW, raise_exception=True)
def attendant_list_download(
    request: AuthenticatedHttpRequest, venue: int, day: str
) -> HttpResponse:
    listing = queries.attendant_list(queries.venue_or_404(venue), _day(day))
    pdf = attendant_list_pdf(listing)
    services.record_attendant_list_printed(actor=request.user, listing=listing)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="car-park-{listing.venue.pk}-{listing.day.isoformat()}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
