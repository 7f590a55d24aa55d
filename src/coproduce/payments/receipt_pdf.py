"""A receipt PDF rewritten so that only what is drawn on its pages is kept.

qpdf (through pikepdf) opens the PDF and writes a new file. On the way out go:

- actions: what runs when the file opens (/OpenAction) or when something happens to the
  document, a page or a field (/AA), and any action other than going to a page in the same
  file (JavaScript, launching a program, opening a web address or another file, sending a form);
- JavaScript and embedded (attached) files, wherever they are;
- forms (/AcroForm, and XFA forms inside it);
- annotations (links, attached files, comments, form fields): those that can be drawn are drawn
  onto the page first ("flattened"), so a filled-in form still reads the same.

The new file is then opened again and checked: if anything that can act is still there, the
receipt is refused rather than kept. A PDF that needs a password to open, one qpdf cannot read
and one with more than MAX_PAGES pages are refused, saying why. A PDF that opens without a
password but restricts printing or copying is kept, written without its restrictions.
"""

import contextlib
import io

import pikepdf
from django.core.exceptions import ValidationError
from pikepdf import Array, Dictionary, Name, Stream

MAX_PAGES = 20
OR_PHOTO = "or take a photo of the receipt instead."
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


def rewrite_pdf(data: bytes) -> bytes:
    """A new PDF with the same pages and nothing that can act, or a ValidationError."""
    with _open(data) as pdf:
        pages = len(pdf.pages)
        if pages > MAX_PAGES:
            raise ValidationError(
                f"This PDF has {pages} pages. A receipt can have at most {MAX_PAGES}: save "
                f"only the pages you need as a new PDF, {OR_PHOTO}"
            )
        # The annotations are removed below all the same if they cannot be drawn first.
        with contextlib.suppress(pikepdf.PdfError):
            pdf.flatten_annotations("all")
        for page in pdf.pages:
            for key in ("/Annots", "/AA"):
                if key in page.obj:
                    del page.obj[key]
        _strip(pdf.trailer)
        out = io.BytesIO()
        pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    with _open(out.getvalue()) as written:
        if len(written.pages) != pages or _something_can_act(written.trailer):
            raise ValidationError(
                "This PDF has parts we cannot make safe, such as scripts. Print it to a new "
                f"PDF and try again, {OR_PHOTO}"
            )
    return out.getvalue()


def _open(data: bytes) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise ValidationError(
            "This PDF is protected by a password, so we cannot open it. Save it again "
            f"without a password, {OR_PHOTO}"
        ) from error
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        raise ValidationError(
            f"This PDF could not be opened. Save it again as a PDF, {OR_PHOTO}"
        ) from error


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
        for key in REMOVED_KEYS:
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
