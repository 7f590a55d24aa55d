"""Badges as a PDF: A4 sheets of ID-card-size cards, eight to a sheet, tagged, each card with
the name and the organisation's term, and a QR code that reads back as the check address."""

import io
from datetime import date

import pikepdf
import pytest
import zxingcpp
from django.template.loader import render_to_string
from PIL import Image, ImageOps

from coproduce.core.pdf import render_document
from coproduce.onboarding import badge_cards
from coproduce.onboarding.badge_cards import badges_pdf, cards_for, check_url, qr_png
from tests.onboarding.helpers import expert_with_photo, issued_badge

pytestmark = pytest.mark.django_db

A4_POINTS = (595.28, 841.89)
# WeasyPrint lays out in CSS pixels, 96 to the inch.
MM = 96 / 25.4


def _badges(n: int):
    return [
        issued_badge(expert_with_photo(full_name=f"Expert Number{i:02d}"), today=date(2026, 3, 3))
        for i in range(n)
    ]


def _boxes(box):
    """Every box laid out under this one, including those placed at a fixed position on the
    card (WeasyPrint keeps those behind a placeholder)."""
    box = getattr(box, "_box", box)
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def page_texts(document) -> list[str]:
    return [
        " ".join(
            " ".join(
                b.text for b in _boxes(page._page_box) if isinstance(getattr(b, "text", None), str)
            ).split()
        )
        for page in document.pages
    ]


def _decoded(image: Image.Image) -> list[str]:
    # Made larger with no smoothing, and given a quiet border, as a phone camera would see it.
    big = image.convert("L").resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST)
    return [result.text for result in zxingcpp.read_barcodes(ImageOps.expand(big, 32, fill=255))]


def test_nine_badges_make_two_a4_sheets_tagged_for_screen_readers(settings):
    settings.COPRODUCE_EXPERT_TERM = "Lived Experience Partner"
    badges = _badges(9)
    pdf_bytes = badges_pdf(cards_for(badges))
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            width, height = (float(v) for v in page.mediabox[2:])
            assert (width, height) == pytest.approx(A4_POINTS, abs=0.5)
        assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == "Photo ID badges"


def test_each_card_has_the_name_term_organisation_expiry_and_number(settings):
    settings.COPRODUCE_EXPERT_TERM = "Lived Experience Partner"
    settings.ORGANISATION_NAME = "Northshire Partnership"
    badges = _badges(9)
    html = render_to_string(
        "onboarding/badges_pdf.jinja",
        {"sheets": [cards_for(badges)[:8], cards_for(badges)[8:]], "title": "Photo ID badges"},
    )
    first, second = page_texts(render_document(html))
    for badge in badges[:8]:
        assert badge.expert.full_name in first
        assert f"Badge number {badge.number}" in first
    assert first.count("Lived Experience Partner") == 8
    assert first.count("Northshire Partnership") == 8
    assert first.count("Valid until Wednesday 3 March 2027") == 8
    assert badges[8].expert.full_name in second


def test_the_cards_are_id_card_size():
    (badge,) = _badges(1)
    document = render_document(badges_pdf_html([badge]))
    cards = [
        box
        for box in _boxes(document.pages[0]._page_box)
        if "card" in (box.element.get("class", "").split() if box.element is not None else [])
        and box.element_tag == "div"
    ]
    card = cards[0]
    assert card.border_width() / MM == pytest.approx(85.6, abs=0.05)
    assert card.border_height() / MM == pytest.approx(54, abs=0.05)


def badges_pdf_html(badges) -> str:
    return render_to_string(
        "onboarding/badges_pdf.jinja", {"sheets": [cards_for(badges)], "title": "Badges"}
    )


def test_the_qr_code_in_the_pdf_opens_the_check_page(settings):
    settings.SITE_URL = "https://involve.example.nhs.uk"
    (badge,) = _badges(1)
    pdf_bytes = badges_pdf(cards_for([badge]))
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        images = [
            pikepdf.PdfImage(image).as_pil_image() for image in pdf.pages[0].get_images().values()
        ]
    found = [text for image in images for text in _decoded(image)]
    assert found == [f"https://involve.example.nhs.uk/badge/{badge.token}/"]
    assert found == [check_url(badge)]


def test_the_qr_code_picture_decodes_on_its_own():
    url = "https://involve.example.nhs.uk/badge/abc/"
    image = Image.open(io.BytesIO(qr_png(url, scale=4, border=4)))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_a_large_photo_goes_in_small(monkeypatch):
    expert = expert_with_photo()
    from tests.onboarding.helpers import photo_file

    expert.photo.save("big.jpg", photo_file(size=(3000, 4000)), save=True)
    data_url = badge_cards.photo_for_card(expert.photo)
    import base64

    small = Image.open(io.BytesIO(base64.b64decode(data_url.split(",", 1)[1])))
    assert small.size == badge_cards.PHOTO_PIXELS
