"""Photo ID badges as a PDF: ID-card size (85.6 × 54 mm, ISO/IEC 7810 ID-1), eight to an A4
sheet with a thin border to cut along. Each card has the photo, the name, the organisation's
term for experts, its name, the expiry date, the badge number and a QR code that opens the
public check page.

Photos are made small (about 300 dpi at the size printed) before they go in, so a sheet of
500 badges stays quick to make and small to download. The QR code is a black-and-white
picture with one pixel for each of its squares, drawn without smoothing: it prints as sharp
as a drawing would, and a test reads it back out of the PDF.

For a print of many, the photos are made small on other threads while this one draws the
QR codes: Pillow lets go of Python's lock while it decodes, resizes and encodes, so both
kinds of work go on at once, on two processor cores where there are two."""

import base64
import io
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import segno
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageOps

from coproduce.core.formats import long_date
from coproduce.core.pdf import render_pdf
from coproduce.core.terms import current_terms
from coproduce.onboarding.models import Badge

CARDS_PER_SHEET = 8
# 300 dpi at 21 × 27 mm, the photo's size on the card.
PHOTO_PIXELS = (250, 320)
PHOTO_THREADS = 2
_NOT_MADE = object()


@dataclass(frozen=True)
class Card:
    name: str
    term: str
    organisation: str
    expires: str
    number: str
    photo: str  # a data: URL, or "" when the expert has no photo
    qr: str  # a data: URL
    check_url: str

    @property
    def long_name(self) -> bool:
        """A name set smaller, so that it fits beside the photo: long, or with a long word."""
        return len(self.name) > 26 or max((len(w) for w in self.name.split()), default=0) > 13


def check_url(badge: Badge) -> str:
    return settings.SITE_URL + reverse("onboarding:badge_check", args=[badge.token])


def qr_png(url: str, *, scale: int = 1, border: int = 0) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=border)
    return out.getvalue()


def _data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def photo_for_card(photo) -> str:
    """The expert's photo as a small JPEG data: URL, cropped to the card's shape."""
    if not photo:
        return ""
    with photo.open("rb") as file, Image.open(file) as image:
        # A JPEG is decoded at a half, quarter or eighth of its size where that is still at
        # least the size wanted: several times quicker for a phone's photo.
        image.draft("RGB", PHOTO_PIXELS)
        small = ImageOps.fit(image.convert("RGB"), PHOTO_PIXELS, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=85)
    return _data_url(out.getvalue(), "image/jpeg")


def card_for(badge: Badge, *, photo: object = _NOT_MADE) -> Card:
    """The card of one badge; `photo` is its photo_for_card, when already made."""
    url = check_url(badge)
    return Card(
        name=badge.expert.full_name,
        # The organisation's saved word wins; COPRODUCE_EXPERT_TERM is the default.
        term=current_terms().expert,
        organisation=settings.ORGANISATION_NAME,
        expires=long_date(badge.expires_on),
        number=badge.number,
        photo=photo_for_card(badge.expert.photo) if photo is _NOT_MADE else str(photo),
        qr=_data_url(qr_png(url), "image/png"),
        check_url=url,
    )


def cards_for(
    badges: Iterable[Badge], *, progress: Callable[[int], None] | None = None
) -> list[Card]:
    """A card for each badge; `progress(n)` is told after each full sheet and at the end."""
    badges = list(badges)
    cards: list[Card] = []
    with ThreadPoolExecutor(max_workers=PHOTO_THREADS) as pool:
        # In order, each waited for when its card is made; an error is raised here.
        photos = pool.map(lambda badge: photo_for_card(badge.expert.photo), badges)
        for badge, photo in zip(badges, photos, strict=True):
            cards.append(card_for(badge, photo=photo))
            if progress and len(cards) % CARDS_PER_SHEET == 0:
                progress(len(cards))
    if progress and len(cards) % CARDS_PER_SHEET:
        progress(len(cards))
    return cards


def badges_pdf(cards: list[Card]) -> bytes:
    """The tagged PDF of these cards, eight to an A4 sheet."""
    sheets = [cards[i : i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)]
    title = "Photo ID badges"
    if len(cards) == 1:
        title = f"Photo ID badge for {cards[0].name}"
    return render_pdf(
        "onboarding/badges_pdf.jinja",
        {"sheets": sheets, "title": title, "organisation_name": settings.ORGANISATION_NAME},
    )
