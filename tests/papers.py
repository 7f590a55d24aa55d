"""The one way tests make papers for confidential work: a small real PDF, Word (.docx) or
OpenDocument (.odt) file saying `text`, with an author in its metadata when asked, so a test
can show the author is gone once the paper is kept. (The demo makes its own PDFs, in
coproduce.demo.confidential: it ships with the product, and tests/ does not.)"""

import io
import zipfile

import pikepdf
from django.core.files.uploadedfile import SimpleUploadedFile
from pikepdf import Dictionary, Name, String

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def paper_pdf(text: str = "Timeline", *, author: str = "") -> bytes:
    """One A4 page saying `text`; with `author`, it is in the document information (Author,
    Creator) and in the XMP metadata (dc:creator), as a word processor would put it."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    page.obj.Resources = Dictionary(Font=Dictionary(F1=pdf.make_indirect(font)))
    safe = text.replace("\\", "").replace("(", "").replace(")", "")
    page.obj.Contents = pdf.make_stream(f"BT /F1 12 Tf 72 760 Td ({safe}) Tj ET".encode())
    pdf.trailer.Info = pdf.make_indirect(Dictionary(Title=String(text)))
    if author:
        pdf.trailer.Info.Author = String(author)
        pdf.trailer.Info.Creator = String(f"Word for {author}")
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:creator"] = [author]
            meta["dc:title"] = text
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def paper_docx(text: str = "Timeline", *, author: str = "", macros: bool = False) -> bytes:
    """A Word document saying `text`; with `author`, as its author and last modifier, and its
    company, in the document properties."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
            'xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
        if author:
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}"
                "</cp:lastModifiedBy></cp:coreProperties>",
            )
            archive.writestr(
                "docProps/app.xml",
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'extended-properties"><Company>{author} Ltd</Company></Properties>',
            )
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def paper_odt(text: str = "Timeline", *, author: str = "") -> bytes:
    """An OpenDocument text saying `text`; with `author`, as its creator in meta.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            f"<office:body><office:text><text:p>{text}</text:p></office:text></office:body>"
            "</office:document-content>",
            zipfile.ZIP_DEFLATED,
        )
        if author:
            archive.writestr(
                "meta.xml",
                '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                'office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
                f"<meta:initial-creator>{author}</meta:initial-creator>"
                f"<dc:creator>{author}</dc:creator></office:meta></office:document-meta>",
                zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


def paper_upload(kind: str = "pdf", text: str = "Timeline", *, author: str = "", name: str = ""):
    """The paper as a browser would send it."""
    make = {"pdf": paper_pdf, "docx": paper_docx, "odt": paper_odt}[kind]
    return SimpleUploadedFile(
        name or f"{text.lower().replace(' ', '-')}.{kind}",
        make(text, author=author),
        content_type=CONTENT_TYPES[kind],
    )
