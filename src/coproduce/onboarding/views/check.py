"""The public page a badge's QR code opens: anyone, signed in or not, sees the name, the
photo and whether the badge is valid today, and nothing else. The address's token is the
only way in (a badge number or an expert's record number finds nothing), and search engines
are asked not to keep it."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from coproduce.core.formats import long_date
from coproduce.core.stored_files import open_or_404
from coproduce.onboarding import queries
from coproduce.onboarding.models import BadgeStatus

WORDS = {
    BadgeStatus.VALID: "Valid until {expires}",
    BadgeStatus.EXPIRED: "This badge has expired",
    BadgeStatus.REVOKED: "This badge has been revoked",
}


def _private(response: HttpResponseBase) -> None:
    # Revoking a badge must show at once: nothing keeps an old answer. Nothing is indexed.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"


def check(request: HttpRequest, token: str) -> HttpResponse:
    badge = queries.badge_for_check(token)
    if badge is None:
        response = render(request, "onboarding/badge_check_unknown.jinja", status=404)
        _private(response)
        return response
    status = badge.status_on(timezone.localdate())
    context = {
        "name": badge.expert.full_name,
        "status": status,
        "words": WORDS[status].format(expires=long_date(badge.expires_on)),
        "photo_url": _photo_url(badge, status),
    }
    response = render(request, "onboarding/badge_check.jinja", context)
    _private(response)
    return response


def _shows_photo(badge, status: BadgeStatus) -> bool:
    # A valid badge shows who should carry it; a revoked one too, so whoever checks a card that
    # was reported lost can see whether the person holding it is its owner.
    return bool(badge.expert.photo) and status in (BadgeStatus.VALID, BadgeStatus.REVOKED)


def _photo_url(badge, status: BadgeStatus) -> str:
    return (
        reverse("onboarding:badge_check_photo", args=[badge.token])
        if _shows_photo(badge, status)
        else ""
    )


def photo(request: HttpRequest, token: str) -> FileResponse:
    """The photo of the badge's holder: only by the badge's own token, only while the check
    page shows it."""
    badge = queries.badge_for_check(token)
    if badge is None or not _shows_photo(badge, badge.status_on(timezone.localdate())):
        raise Http404
    response = FileResponse(open_or_404(badge.expert.photo), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    _private(response)
    return response
