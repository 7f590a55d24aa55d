"""Receipts as they are given back: a private download that a browser saves and never shows as
a page. Receipts as they arrive are checked and made safe in payments.receipt_files."""

from django.http import FileResponse, Http404

from coproduce.core.stored_files import open_or_404

# Only the kinds of file a receipt can be; anything else (an old file kept from before the
# checks) goes out as plain bytes.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


def receipt_response(line, reference: str) -> FileResponse:
    """A claim line's receipt as a private download, or 404 when there is none (any more)."""
    if not line.receipt:
        raise Http404
    handle = open_or_404(line.receipt)
    suffix = line.receipt.name.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(suffix, "application/octet-stream")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"receipt-{reference}-{line.pk}.{suffix}",
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser show the file after all, it may run nothing and load nothing with it.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
