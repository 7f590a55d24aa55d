"""Receipts are made safe before they are kept: a PDF is rewritten without scripts, actions,
attached files, forms or annotations; a photo is re-encoded within the profile photos' pixel
limit; a file that is two formats at once is refused, saying why. Hostile files are built here
with pikepdf and Pillow."""

import io
import struct
import zipfile
import zlib

import pikepdf
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pikepdf import Array, Dictionary, Name, String
from PIL import Image, PngImagePlugin

from coproduce.payments.forms.expenses import ExpenseForm
from coproduce.payments.models import ClaimLine
from tests.factories import ExpertFactory
from tests.payments.claim_helpers import attended_unpaid_place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("policy")]

SCRIPT = String("app.alert('owned')")


@pytest.fixture
def place():
    return attended_unpaid_place(expert=ExpertFactory(full_name="Olive Offline"))


# -- building files ---------------------------------------------------------------------------


def new_pdf(pages: int = 1) -> pikepdf.Pdf:
    """A PDF whose pages say "Bus ticket £4.20", as a real receipt would."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    for _ in range(pages):
        pdf.add_blank_page(page_size=(300, 200))
        page = pdf.pages[-1]
        page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (Bus ticket 4.20) Tj ET")
    return pdf


def pdf_bytes(pdf: pikepdf.Pdf, **save) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def js_action() -> Dictionary:
    return Dictionary(Type=Name.Action, S=Name.JavaScript, JS=SCRIPT)


def with_open_action() -> bytes:
    pdf = new_pdf()
    pdf.Root.OpenAction = js_action()
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("start"), pdf.make_indirect(js_action())]))
    )
    return pdf_bytes(pdf)


def with_page_action() -> bytes:
    pdf = new_pdf(pages=2)
    pdf.pages[1].obj.AA = Dictionary(O=js_action())
    pdf.Root.AA = Dictionary(WC=js_action())
    return pdf_bytes(pdf)


def with_attached_file() -> bytes:
    pdf = new_pdf()
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not a receipt")
    spec = pikepdf.AttachedFileSpec(pdf, b"MZ also not", filename="more.exe").obj
    pdf.pages[0].obj.Annots = Array(
        [Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 0, 20, 20], FS=spec)]
    )
    return pdf_bytes(pdf)


def with_form() -> bytes:
    pdf = new_pdf()
    field = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("amount"),
            V=String("4.20"),
            Rect=[20, 20, 120, 40],
            P=pdf.pages[0].obj,
            AA=Dictionary(K=js_action()),
        )
    )
    pdf.pages[0].obj.Annots = Array([field])
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([field]), XFA=pdf.make_stream(b"<xdp:xdp>script</xdp:xdp>")
    )
    return pdf_bytes(pdf)


def with_link(action: Name, **target) -> bytes:
    pdf = new_pdf()
    link = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Link,
        Rect=[0, 0, 300, 200],
        A=Dictionary(Type=Name.Action, S=action, **target),
    )
    pdf.pages[0].obj.Annots = Array([pdf.make_indirect(link)])
    return pdf_bytes(pdf)


def png_bytes(size=(40, 24), mode="RGB", info=None) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def jpeg_bytes(exif=None, noisy=False) -> bytes:
    out = io.BytesIO()
    image = Image.effect_noise((300, 200), 80).convert("RGB") if noisy else None
    (image or Image.new("RGB", (40, 24), "white")).save(
        out, format="JPEG", exif=exif or Image.Exif(), progressive=noisy
    )
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("run.js", "alert('owned')")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture: a decompression bomb."""
    data = png_bytes(size=(1, 1), mode="1")
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        data[:8]
        + struct.pack(">I", 13)
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + (data[33:])
    )


def upload(data: bytes, name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


# -- through the form -------------------------------------------------------------------------


def send(place, data: bytes, name: str = "receipt.pdf") -> ExpenseForm:
    form = ExpenseForm(
        {"expense_1_category": "parking", "expense_1_amount": "4.20"},
        {"expense_1_receipt": upload(data, name)},
        invitation=place,
        for_expert=False,
    )
    form.is_valid()
    return form


def kept(place, data: bytes, name: str = "receipt.pdf") -> bytes:
    form = send(place, data, name)
    assert form.is_valid(), form.errors
    receipt = form.items()[0].receipt
    assert receipt.read() != data  # a new file, never the bytes sent
    receipt.seek(0)
    return receipt.read()


def refused(place, data: bytes, name: str = "receipt.pdf") -> str:
    form = send(place, data, name)
    assert not form.is_valid()
    return form.errors["expense_1_receipt"][0]


def anything_that_acts(data: bytes) -> list[str]:
    """Every key or action in the whole file that could run something or carry a file."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                obj = obj.stream_dict
            if not isinstance(obj, Dictionary):
                continue
            for item in [obj, *[v for v in obj.values() if isinstance(v, Dictionary)]]:
                for key in (
                    "/OpenAction",
                    "/AA",
                    "/JS",
                    "/JavaScript",
                    "/EmbeddedFiles",
                    "/EF",
                    "/AF",
                ):
                    if key in item:
                        found.append(key)
                for key in ("/AcroForm", "/XFA", "/Annots", "/A"):
                    if key in item:
                        found.append(key)
                if item.get("/S") in (Name.JavaScript, Name.Launch, Name.URI):
                    found.append(str(item.S))
                if item.get("/Type") in (Name.EmbeddedFile, Name.Filespec):
                    found.append(str(item.Type))
    return found


def page_text(data: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [page.Contents.read_bytes() for page in pdf.pages]


def test_an_ordinary_pdf_is_kept_as_a_new_file_with_its_pages(place):
    stored = kept(place, pdf_bytes(new_pdf(pages=3)))
    assert page_text(stored) == [b"BT /F1 12 Tf 20 100 Td (Bus ticket 4.20) Tj ET"] * 3


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(with_open_action(), id="javascript-on-opening"),
        pytest.param(with_page_action(), id="javascript-on-a-page"),
        pytest.param(with_attached_file(), id="attached-files"),
        pytest.param(with_form(), id="form-with-script-and-xfa"),
        pytest.param(with_link(Name.Launch, F=String("calc.exe")), id="link-launching"),
        pytest.param(with_link(Name.URI, URI=String("https://evil.example")), id="web-link"),
    ],
)
def test_scripts_actions_attached_files_and_forms_are_removed(place, data):
    assert anything_that_acts(data)  # the file sent has them
    stored = kept(place, data)
    assert anything_that_acts(stored) == []
    assert b"owned" not in stored and b"MZ" not in stored
    assert page_text(stored)[0] == b"BT /F1 12 Tf 20 100 Td (Bus ticket 4.20) Tj ET"


def test_a_filled_in_form_still_shows_what_was_written(place):
    pdf = pikepdf.open(io.BytesIO(with_form()))
    widget = pdf.pages[0].Annots[0]
    widget.AP = Dictionary(
        N=pdf.make_stream(b"BT /F1 10 Tf 2 5 Td (4.20 paid) Tj ET", BBox=[0, 0, 100, 20])
    )
    stored = kept(place, pdf_bytes(pdf))
    assert anything_that_acts(stored) == []
    with pikepdf.open(io.BytesIO(stored)) as written:
        drawn = b"".join(
            xobject.read_bytes()
            for xobject in written.pages[0].Resources.get("/XObject", {}).values()
        )
    assert b"4.20 paid" in drawn


def test_a_bookmark_to_a_page_is_kept(place):
    pdf = new_pdf(pages=2)
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Page two", 1))
    stored = kept(place, pdf_bytes(pdf))
    with pikepdf.open(io.BytesIO(stored)) as written, written.open_outline() as outline:
        assert [item.title for item in outline.root] == ["Page two"]


def test_a_pdf_needing_a_password_is_refused(place):
    locked = pdf_bytes(new_pdf(), encryption=pikepdf.Encryption(user="secret", owner="secret"))
    assert "protected by a password" in refused(place, locked)


def test_a_pdf_that_only_limits_printing_is_kept_without_the_limits(place):
    limited = pdf_bytes(
        new_pdf(),
        encryption=pikepdf.Encryption(
            user="", owner="secret", allow=pikepdf.Permissions(print_highres=False)
        ),
    )
    stored = kept(place, limited)
    with pikepdf.open(io.BytesIO(stored)) as written:
        assert not written.is_encrypted


def test_a_broken_pdf_is_refused(place):
    message = refused(place, b"%PDF-1.4 a receipt, but not really")
    assert message == (
        "This PDF could not be opened. Save it again as a PDF, or take a photo of the receipt "
        "instead."
    )


def test_a_pdf_of_too_many_pages_is_refused(place):
    assert "This PDF has 21 pages. A receipt can have at most 20" in refused(
        place, pdf_bytes(new_pdf(pages=21))
    )


# -- two formats at once ----------------------------------------------------------------------


def test_a_pdf_that_is_also_a_web_page_is_refused(place):
    data = pdf_bytes(new_pdf()).replace(
        b"\n", b"\n%<html><body><script>alert(1)</script></body></html>\n", 1
    )
    assert pikepdf.open(io.BytesIO(data))  # a PDF reader opens it
    assert refused(place, data).startswith(
        "This file is both a PDF and a web page, so we cannot accept it."
    )


def test_a_web_page_in_front_of_a_pdf_is_refused(place):
    data = b"GIF89a<!-- a picture, a page, then the PDF -->\n" + pdf_bytes(new_pdf())
    assert pikepdf.open(io.BytesIO(data))
    assert refused(place, data).startswith("This file has something else in front of the PDF")


def test_a_pdf_that_is_also_a_zip_file_is_refused(place):
    data = pdf_bytes(new_pdf()) + zip_bytes()
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["run.js"]
    assert "both a PDF and a ZIP file" in refused(place, data)


@pytest.mark.parametrize(
    ("data", "other"),
    [
        pytest.param(png_bytes() + zip_bytes(), "a ZIP file", id="zip-after-png"),
        pytest.param(jpeg_bytes() + zip_bytes(), "a ZIP file", id="zip-after-jpeg"),
        pytest.param(
            png_bytes() + b"PK\x03\x04" + b"x" * 70_000, "a ZIP file", id="zip-start-after-png"
        ),
        pytest.param(
            jpeg_bytes(noisy=True) + b"PK\x03\x04" + b"x" * 70_000,
            "a ZIP file",
            id="zip-start-after-jpeg",
        ),
        pytest.param(jpeg_bytes() + pdf_bytes(new_pdf()), "a PDF", id="pdf-after-jpeg"),
        pytest.param(png_bytes() + b"<html><script>1</script>", "a web page", id="html-after"),
    ],
)
def test_a_photo_that_is_also_another_file_is_refused(place, data, other):
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # a picture viewer opens it
    assert refused(place, data, "ticket.png").startswith(
        f"This file is both a photo and {other}, so we cannot accept it."
    )


def test_a_photo_with_a_web_page_in_its_text_is_refused(place):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<svg onload=alert(1)>")
    assert "both a photo and a web page" in refused(place, png_bytes(info=info), "ticket.png")


# -- photos -----------------------------------------------------------------------------------


def test_an_ordinary_photo_is_kept_without_its_camera_data(place):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker; location is kept the same way
    stored = kept(place, jpeg_bytes(exif), "ticket.jpg")
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("JPEG", (40, 24))
        assert dict(image.getexif()) == {}


def test_a_phone_photo_with_a_small_picture_inside_and_a_video_after_it_is_kept(place):
    """Phones put a small preview picture (with its own end marker) inside a photo, and some
    add a short video after it. Neither is a web page, a PDF or a ZIP file."""
    photo = jpeg_bytes(noisy=True)
    preview = jpeg_bytes()
    inside = b"\xff\xfe" + (len(preview) + 2).to_bytes(2, "big") + preview
    video = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40
    stored = kept(place, photo[:2] + inside + photo[2:] + video, "ticket.jpg")
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (300, 200)


def test_a_photo_at_the_pixel_limit_is_kept(place):
    limit = settings.PHOTO_MAX_PIXELS
    stored = kept(place, png_bytes(size=(limit, 10)), "ticket.png")
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (limit, 10)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(png_bytes(size=(8000, 8000), mode="1"), id="8000-by-8000"),
        pytest.param(png_bytes(size=(10, settings.PHOTO_MAX_PIXELS + 1)), id="one-too-tall"),
        pytest.param(png_claiming(100_000, 100_000), id="decompression-bomb"),
    ],
)
def test_a_photo_over_the_photos_pixel_limit_is_refused(place, data):
    limit = settings.PHOTO_MAX_PIXELS
    assert refused(place, data, "ticket.png") == (
        f"The receipt photo must be at most {limit} by {limit} pixels. Take the photo again at "
        "a smaller size, or crop it."
    )


# -- through the pages ------------------------------------------------------------------------


def test_a_coordinator_sends_a_scripted_pdf_and_only_the_clean_one_is_kept(
    coordinator_client, finance_client, place
):
    url = reverse("payments:claim_for_expert_session", args=[place.expert_id, place.pk])
    response = coordinator_client.post(
        url,
        {
            "expense_1_category": "parking",
            "expense_1_amount": "4.20",
            "expense_1_receipt": upload(with_open_action()),
        },
    )
    assert response.status_code == 302
    line = ClaimLine.objects.get()

    download = finance_client.get(reverse("payments:claim_receipt", args=[line.claim_id, line.pk]))

    stored = b"".join(download.streaming_content)
    assert anything_that_acts(stored) == []
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_polyglot_is_refused_beside_the_file_field_on_the_page(coordinator_client, place):
    url = reverse("payments:claim_for_expert_session", args=[place.expert_id, place.pk])
    data = pdf_bytes(new_pdf()) + b"<!DOCTYPE html><script>alert(1)</script>"
    response = coordinator_client.post(
        url,
        {
            "expense_1_category": "parking",
            "expense_1_amount": "4.20",
            "expense_1_receipt": upload(data),
        },
    )
    assert response.status_code == 400
    error = response.content.decode().split('id="id_expense_1_receipt-error"', 1)[1][:400]
    assert "both a PDF and a web page" in error
    assert not ClaimLine.objects.exists()
