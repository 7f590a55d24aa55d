"""Opening a stored file to send it back. A record can outlive its file (a restore from an
older backup, a file removed by hand, a disk that was not copied when the server moved): the
person then gets "Page not found", as for a file that was never there, not a server error."""

from django.db.models.fields.files import FieldFile
from django.http import Http404


def open_or_404(stored: FieldFile):
    """The stored file, open for reading, or Http404 when the record has none or the file is
    missing from the storage."""
    if not stored:
        raise Http404
    try:
        return stored.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
