"""Receipts: a photo (JPEG or PNG) or a PDF, at most RECEIPT_MAX_BYTES. Photos are re-encoded so
only the pixels are kept (no location or camera data)."""

import io
import mimetypes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from PIL import Image, ImageOps, UnidentifiedImageError

TYPES_IN_WORDS = "a photo (JPEG or PNG) or a PDF"


def clean_receipt(upload) -> ContentFile:
    """The receipt to keep, or a ValidationError saying what is wrong in words."""
    limit_mb = settings.RECEIPT_MAX_BYTES // (1024 * 1024)
    if upload.size > settings.RECEIPT_MAX_BYTES:
        raise ValidationError(f"The receipt must be smaller than {limit_mb} MB")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return ContentFile(upload.read(), name="receipt.pdf")
    try:
        with Image.open(upload, formats=["JPEG", "PNG"]) as image:
            if image.width > 8000 or image.height > 8000:
                raise ValidationError("The receipt photo is too large: at most 8000 pixels wide")
            image.load()
            image = ImageOps.exif_transpose(image).convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(f"The receipt must be {TYPES_IN_WORDS}") from error
    return ContentFile(out.getvalue(), name="receipt.jpg")


def receipt_response(line, reference: str) -> FileResponse:
    """A claim line's receipt as a private download, or 404 when there is none (any more)."""
    if not line.receipt:
        raise Http404
    try:
        handle = line.receipt.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    suffix = line.receipt.name.rsplit(".", 1)[-1].lower()
    content_type = mimetypes.types_map.get(f".{suffix}", "application/octet-stream")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"receipt-{reference}-{line.pk}.{suffix}",
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
