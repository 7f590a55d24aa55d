"""Receipts as uploaded: a photo (JPEG or PNG) or a PDF, made safe to keep, or refused with a
message for the person saying why.

`clean_receipt(upload)` gives the file to store, never the bytes that were sent:

- a photo is re-encoded as JPEG, so only its pixels are kept (no location or camera data). It
  has the same pixel limit as profile photos (settings.PHOTO_MAX_PIXELS a side), which also
  stops decompression bombs: a small file that claims a huge picture.
- a PDF is rewritten by coproduce.core.file_cleaning (qpdf, through pikepdf) without its
  scripts, actions, embedded files, forms, annotations or author metadata, and at most
  MAX_PAGES pages long.
- a file that is two formats at once (a "polyglot") is refused: a PDF or photo that is also a
  web page or a ZIP file, a photo that is also a PDF, or a PDF with something else before it.
  These tricks let a file that looks like a receipt be opened as something else.
"""

import io
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from coproduce.core.file_cleaning import clean_pdf

TYPES_IN_WORDS = "a photo (JPEG or PNG) or a PDF"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8\xff"
PDF_HEADER = b"%PDF-"
# A PDF reader finds the header anywhere in the first 1024 bytes, so something else (a web page,
# a picture) can come first. We want it at the very start.
PDF_HEADER_WINDOW = 1024
# The start of a web page, as a browser would read it. Long enough not to turn up by chance in
# compressed data (about one file in many thousands of the largest we take, at worst).
HTML = re.compile(
    rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>/]|iframe[\s>/]|svg[\s>/])",
    re.IGNORECASE,
)
ZIP_HEADERS = (b"PK\x03\x04", b"PK\x05\x06")
AGAIN = "Save the receipt again as a PDF, or take a photo of it instead."
MAX_PAGES = 20
OR_PHOTO = "or take a photo of the receipt instead."


def clean_receipt(upload) -> ContentFile:
    """The receipt to keep, or a ValidationError saying what is wrong in words."""
    limit_mb = settings.RECEIPT_MAX_BYTES // (1024 * 1024)
    if upload.size > settings.RECEIPT_MAX_BYTES:
        raise ValidationError(f"The receipt must be smaller than {limit_mb} MB")
    upload.seek(0)
    data = upload.read(settings.RECEIPT_MAX_BYTES + 1)
    if data.startswith(PDF_HEADER):
        _refuse_two_formats(data, "PDF")
        cleaned = clean_pdf(data, what="receipt", max_pages=MAX_PAGES, instead=OR_PHOTO)
        return ContentFile(cleaned, name="receipt.pdf")
    if data.startswith(PNG_SIGNATURE) or data.startswith(JPEG_START):
        _refuse_two_formats(data, "photo")
        return ContentFile(_reencode_photo(data), name="receipt.jpg")
    if PDF_HEADER in data[:PDF_HEADER_WINDOW]:
        raise ValidationError(
            "This file has something else in front of the PDF, so we cannot accept it. " + AGAIN
        )
    raise ValidationError(f"The receipt must be {TYPES_IN_WORDS}")


def _refuse_two_formats(data: bytes, kind: str) -> None:
    def refuse(other: str) -> None:
        raise ValidationError(
            f"This file is both a {kind} and {other}, so we cannot accept it. " + AGAIN
        )

    if HTML.search(data):
        refuse("a web page")
    tail = _after_the_end(data) if kind == "photo" else data[data.rfind(b"%%EOF") :]
    if zipfile.is_zipfile(io.BytesIO(data)) or any(header in tail for header in ZIP_HEADERS):
        refuse("a ZIP file")
    if kind == "photo" and PDF_HEADER in data:
        refuse("a PDF")


def _reencode_photo(data: bytes) -> bytes:
    limit = settings.PHOTO_MAX_PIXELS
    too_big = (
        f"The receipt photo must be at most {limit} by {limit} pixels. Take the photo again "
        "at a smaller size, or crop it."
    )
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG", "PNG"]) as image:
            if image.width > limit or image.height > limit:
                raise ValidationError(too_big)
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGB")
            out = io.BytesIO()
            upright.save(out, format="JPEG", quality=85)
    except Image.DecompressionBombError as error:
        raise ValidationError(too_big) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(f"The receipt must be {TYPES_IN_WORDS}") from error
    return out.getvalue()


def _after_the_end(data: bytes) -> bytes:
    """What follows a PNG's IEND chunk or a JPEG's end marker: nothing, in a plain photo."""
    end = _png_end(data) if data.startswith(PNG_SIGNATURE) else _jpeg_end(data)
    return data[end:] if end is not None else b""


def _png_end(data: bytes) -> int | None:
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length  # length, type, data, checksum
        if kind == b"IEND":
            return at
    return None


def _jpeg_end(data: bytes) -> int | None:
    """Walks the JPEG's segments; inside image data a 0xFF byte is a marker only when the next
    byte is not 0x00 (an escaped 0xFF), a restart marker (0xD0-0xD7) or another 0xFF."""
    at = 2
    while at + 2 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xD9:
            return at + 2
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            at += 1 if marker == 0xFF else 2
            continue
        if at + 4 > len(data):
            return None
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xDA:  # start of scan: image data until the next real marker
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= len(data):
                    return None
                following = data[at + 1]
                if following in (0x00, 0xFF) or 0xD0 <= following <= 0xD7:
                    at += 1 if following == 0xFF else 2
                    continue
                break
    return None
