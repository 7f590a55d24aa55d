"""Uploaded photos: JPEG or PNG only, at most 5 MB and 4096 × 4096 pixels, re-encoded as
JPEG so that nothing but the pixels survives (location and camera metadata are dropped)."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ["JPEG", "PNG"]


def clean_photo(upload) -> ContentFile:
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError("The photo must be smaller than 5 MB")
    limit = settings.PHOTO_MAX_PIXELS
    try:
        upload.seek(0)
        with Image.open(upload, formats=ALLOWED_FORMATS) as image:
            if image.width > limit or image.height > limit:
                raise ValidationError(f"The photo must be at most {limit} by {limit} pixels")
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGB")
            out = io.BytesIO()
            upright.save(out, format="JPEG", quality=85)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError("The photo must be a JPEG or PNG image") from error
    return ContentFile(out.getvalue(), name="photo.jpg")
