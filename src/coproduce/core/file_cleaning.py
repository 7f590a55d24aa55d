"""One way to clean an uploaded file before it is kept: receipts for claims
(payments.receipt_files) and papers for confidential work (opportunities.confidential.files)
both come through here, so a file is never kept as it was sent.

- `clean_pdf` has qpdf (through pikepdf) write a new PDF. On the way out go:
  - what says who made the file and when: the document information (author, creator,
    producer, dates; only its title is kept, which a screen reader reads out) and the XMP
    metadata, of the document and of each page, and applications' private data (/PieceInfo);
  - actions: what runs when the file opens (/OpenAction) or when something happens to the
    document, a page or a field (/AA), and any action other than going to a page in the same
    file (JavaScript, launching a program, opening a web address or another file, sending a
    form);
  - JavaScript and embedded (attached) files, wherever they are;
  - forms (/AcroForm, and XFA forms inside it);
  - annotations (links, attached files, comments, form fields): those that can be drawn are
    drawn onto the page first ("flattened"), so a filled-in form still reads the same.

  The new file is then opened again and checked: if anything that can act, or any author
  metadata, is still there, the file is refused rather than kept. A PDF that needs a password
  to open, one qpdf cannot read and one with more pages than the caller allows are refused,
  saying why. A PDF that opens without a password but restricts printing or copying is kept,
  written without its restrictions.
- `clean_document` rewrites a Word (.docx) or OpenDocument (.odt) file with its document
  properties emptied (author, last modified by, company, manager, template, editing time,
  dates, custom properties) and every entry in the archive dated 1 January 1980, so the file
  says nothing about who wrote it or when. What the document says is not touched: comments
  and tracked changes keep their authors, as they are part of the text.
"""

import contextlib
import io
import shutil
import zipfile

import pikepdf
from django.core.exceptions import ValidationError
from pikepdf import Array, Dictionary, Name, Stream

from coproduce.core.formats import count_of

# Keys that hold something that can run or carry another file; removed wherever they are.
REMOVED_KEYS = (
    "/OpenAction",
    "/AA",
    "/JS",
    "/JavaScript",
    "/EmbeddedFiles",
    "/EF",
    "/AF",  # associated files (PDF 2.0)
    "/FS",  # the file an attachment annotation carries
    "/AcroForm",
    "/XFA",
    "/Next",  # a chain of further actions
    "/RichMediaContent",
    "/RichMediaSettings",
)
# Keys that say who made a file, with what and when (the document information is apart: it
# sits in the trailer and keeps its title).
METADATA_KEYS = ("/Metadata", "/PieceInfo")
# The only action kept: going to a page or place in the same file (bookmarks do this).
SAFE_ACTIONS = (Name.GoTo,)
# Actions that reach outside the page; none may be left in the file written.
OUTSIDE_ACTIONS = (
    Name.JavaScript,
    Name.Launch,
    Name.URI,
    Name.SubmitForm,
    Name.ImportData,
    Name.ResetForm,
    Name.GoToR,
    Name.GoToE,
    Name.Rendition,
    Name.RichMediaExecute,
    Name.Sound,
    Name.Movie,
    Name.Hide,
    Name.SetOCGState,
)


def clean_pdf(
    data: bytes, *, what: str = "file", max_pages: int | None = None, instead: str = ""
) -> bytes:
    """A new PDF with the same pages, nothing that can act and no author metadata, or a
    ValidationError. `what` names the file in messages ("receipt", "paper"); `instead` ends
    each message with what else the person can do ("or take a photo of the receipt instead.")."""
    ending = f", {instead}" if instead else "."
    with _open(data, ending) as pdf:
        pages = len(pdf.pages)
        if max_pages is not None and pages > max_pages:
            raise ValidationError(
                f"This PDF has {count_of(pages, 'page')}. A {what} can have at most {max_pages}: save "
                f"only the pages you need as a new PDF{ending}"
            )
        # The annotations are removed below all the same if they cannot be drawn first.
        with contextlib.suppress(pikepdf.PdfError):
            pdf.flatten_annotations("all")
        for page in pdf.pages:
            for key in ("/Annots", "/AA"):
                if key in page.obj:
                    del page.obj[key]
        _keep_only_the_title(pdf)
        _strip(pdf.trailer)
        out = io.BytesIO()
        pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    with _open(out.getvalue(), ending) as written:
        if (
            len(written.pages) != pages
            or _something_can_act(written.trailer)
            or _says_who_made_it(written)
        ):
            raise ValidationError(
                "This PDF has parts we cannot make safe, such as scripts. Print it to a new "
                f"PDF and try again{ending}"
            )
    return out.getvalue()


def _open(data: bytes, ending: str) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise ValidationError(
            "This PDF is protected by a password, so we cannot open it. Save it again "
            f"without a password{ending}"
        ) from error
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        raise ValidationError(
            f"This PDF could not be opened. Save it again as a PDF{ending}"
        ) from error


def _keep_only_the_title(pdf: pikepdf.Pdf) -> None:
    info = pdf.trailer.get("/Info")
    title = info.get("/Title") if isinstance(info, Dictionary) else None
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    if title is not None:
        pdf.trailer.Info = pdf.make_indirect(Dictionary(Title=title))


def _dictionaries(root):
    """Every dictionary (and stream dictionary) reachable from `root`, each once."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if not isinstance(item, Dictionary | Array | Stream):
            continue
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, Array):
            stack.extend(item)
            continue
        yield item
        stack.extend(item.values())


def _is_unsafe_action(value) -> bool:
    # An action is a dictionary with its kind in /S. (A tagged PDF's structure also uses /A,
    # for layout attributes, which have no /S.)
    return isinstance(value, Dictionary) and "/S" in value and value["/S"] not in SAFE_ACTIONS


def _strip(root) -> None:
    for item in _dictionaries(root):
        for key in (*REMOVED_KEYS, *METADATA_KEYS):
            if key in item:
                del item[key]
        if "/A" in item and _is_unsafe_action(item["/A"]):
            del item["/A"]


def _something_can_act(root) -> bool:
    for item in _dictionaries(root):
        if any(key in item for key in REMOVED_KEYS):
            return True
        if "/A" in item and _is_unsafe_action(item["/A"]):
            return True
        if item.get("/S") in OUTSIDE_ACTIONS or item.get("/Type") == Name.EmbeddedFile:
            return True
    return False


def _says_who_made_it(pdf: pikepdf.Pdf) -> bool:
    info = pdf.trailer.get("/Info")
    if isinstance(info, Dictionary) and set(info.keys()) - {"/Title"}:
        return True
    return any(key in item for item in _dictionaries(pdf.trailer.Root) for key in METADATA_KEYS)


# Word and OpenDocument files --------------------------------------------------------------

# An archive much bigger unpacked than packed is refused rather than unpacked (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Every entry is dated this, as zip allows no earlier: its real date is when it was written.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>'
)
_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"></Properties>'
)
_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
    b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"></Properties>'
)
_ODF_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)
# The parts that hold a document's properties, and what each is replaced with: the same part,
# empty, so every reference to it in the package still finds it.
EMPTIED = {
    "docx": {"docProps/core.xml": _CORE, "docProps/app.xml": _APP, "docProps/custom.xml": _CUSTOM},
    "odt": {"meta.xml": _ODF_META},
}
WORDS = {"docx": "Word document (.docx)", "odt": "OpenDocument text (.odt)"}


def clean_document(data: bytes, kind: str) -> bytes:
    """The Word or OpenDocument file written again without its document properties, or a
    ValidationError. `kind` is "docx" or "odt", as the caller read from the file."""
    emptied = EMPTIED[kind]
    again = f"Save it again as a {WORDS[kind]} or as a PDF."
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        entries = source.infolist()
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
            raise ValidationError(f"This document is too big once opened. {again}")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as written:
            # OpenDocument needs its "mimetype" entry first and not compressed: kept in order,
            # each entry packed as it was.
            for entry in entries:
                copy = zipfile.ZipInfo(entry.filename, date_time=FIXED_DATE)
                copy.compress_type = entry.compress_type
                copy.external_attr = 0o600 << 16
                if entry.filename in emptied:
                    written.writestr(copy, emptied[entry.filename])
                    continue
                with source.open(entry) as part, written.open(copy, "w") as target:
                    shutil.copyfileobj(part, target)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        OSError,
        EOFError,
    ) as error:
        raise ValidationError(f"This document could not be opened. {again}") from error
    return out.getvalue()
