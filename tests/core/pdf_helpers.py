"""Reading back what a PDF says about itself with nothing but the standard library: its
catalog, its document information and its XMP metadata. WeasyPrint keeps most objects in a
compressed object stream, so those are unpacked too."""

import re
import zlib

from weasyprint import Document

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


def _objects(pdf: bytes) -> dict[int, bytes]:
    """Every object in the file by its number: those written plainly and those packed in
    object streams."""
    objects = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", pdf, re.DOTALL)}
    for number, body in list(objects.items()):
        header = re.search(rb"/Type\s*/ObjStm.*?/First\s+(\d+)", body, re.DOTALL)
        stream = _STREAM.search(body)
        if not header or not stream:
            continue
        data = zlib.decompress(stream.group(1))
        first = int(header.group(1))
        pairs = [int(n) for n in data[:first].split()]
        numbers, offsets = pairs[0::2], pairs[1::2] + [len(data) - first]
        for index, packed in enumerate(numbers):
            objects[packed] = data[first + offsets[index] : first + offsets[index + 1]]
        del objects[number]
    return objects


def _referenced(pdf: bytes, key: bytes) -> bytes:
    """The object the trailer names under `key` (/Root is the catalog, /Info the document
    information), or b"" if there is none."""
    match = re.findall(rb"/" + key + rb"\s+(\d+)\s+0\s+R", pdf)
    return _objects(pdf).get(int(match[-1]), b"") if match else b""


def _text(literal: bytes | None, hexadecimal: bytes | None) -> str:
    if hexadecimal:
        raw = bytes.fromhex(hexadecimal.decode("ascii"))
    else:
        raw = re.sub(rb"\\(.)", rb"\1", literal or b"", flags=re.DOTALL)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def _string(dictionary: bytes, key: str) -> str | None:
    match = re.search(
        rb"/" + key.encode() + rb"\s*(?:\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f\s]*)>)",
        dictionary,
        re.DOTALL,
    )
    return _text(*match.groups()) if match else None


def catalog(pdf: bytes) -> bytes:
    return _referenced(pdf, b"Root")


def is_tagged(pdf: bytes) -> bool:
    """Marked as tagged content, with a structure tree: what screen readers need."""
    root = catalog(pdf)
    return bool(
        re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true\s*>>", root)
        and re.search(rb"/StructTreeRoot\s+\d+\s+0\s+R", root)
    )


def language(pdf: bytes) -> str | None:
    return _string(catalog(pdf), "Lang")


def info_title(pdf: bytes) -> str | None:
    return _string(_referenced(pdf, b"Info"), "Title")


def xmp_title(pdf: bytes) -> str | None:
    for stream in _STREAM.finditer(pdf):
        try:
            xml = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        match = re.search(rb"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xml, re.DOTALL)
        if match:
            return match.group(1).decode("utf-8")
    return None


def page_texts(document: Document) -> list[str]:
    """The words laid out on each page of a rendered document (margin boxes included), in
    order, with runs of spaces made one."""
    texts = []
    for page in document.pages:
        words = [
            box.text
            for box in page._page_box.descendants()
            if isinstance(getattr(box, "text", None), str)
        ]
        texts.append(" ".join(" ".join(words).split()))
    return texts
