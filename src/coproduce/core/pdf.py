"""Pages as PDFs: the same Jinja templates, laid out by WeasyPrint.

A PDF is made on the server with nothing fetched from the network: the only resources a
template may use are our own static files (found as `collectstatic` would find them) and
`data:` URLs. Anything else, a remote image or a `file:` path, is refused, so a stray or
injected address can neither leak the page to another server nor read a file on this one.

Every PDF is tagged (PDF/UA-1): a screen reader can follow its headings, tables and reading
order, and it carries its title (the page's <title>, else its first heading) and its language
(the page's `lang`, else en-GB)."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Tagged for accessibility (PDF/UA-1), with the title shown in a viewer's title bar. Given to
# both layout and writing, as WeasyPrint reads some options at each step.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
LANGUAGE = "en-GB"

# Relative addresses in a template ("/static/css/print.css") resolve against this. The
# `.invalid` name is reserved and never resolves: the fetcher answers for it itself.
BASE_URL = "https://coproduce.invalid/"


class RefusedURL(ValueError):
    """A PDF asked for something that is not one of our static files."""


def _static_prefixes() -> list[str]:
    return [urljoin(BASE_URL, settings.STATIC_URL)]


def _static_file(path: str) -> Path | None:
    """A static file by its path under STATIC_URL, from the app and project folders (or from
    STATIC_ROOT once collected). Paths that climb out of a folder are not found."""
    if not path or ".." in Path(path).parts:
        return None
    found = finders.find(path)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / path).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


class LocalOnlyFetcher(URLFetcher):
    """Gives WeasyPrint our static files and `data:` URLs, and refuses everything else."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            # Decoded in memory by urllib's data handler: nothing leaves the machine.
            return super().fetch(url, headers)
        for prefix in _static_prefixes():
            if url.startswith(prefix):
                relative = unquote(urlsplit(url[len(prefix) :]).path)
                found = _static_file(relative)
                if found is None:
                    raise RefusedURL(f"No static file {relative!r} for a PDF")
                mime_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, body=found.read_bytes(), headers={"Content-Type": mime_type}
                )
        raise RefusedURL(f"A PDF may only use our own static files, not {url!r}")


def _first_heading(page: HTML) -> str:
    heading = next(page.etree_element.iter("h1"), None)
    return " ".join("".join(heading.itertext()).split()) if heading is not None else ""


def render_document(html: str) -> Document:
    """A page of HTML laid out on paper, with only local resources, its title and language
    set: the pages can be looked at before they are written as a PDF."""
    page = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalOnlyFetcher())
    document = page.render(**PDF_OPTIONS)
    metadata = document.metadata
    metadata.title = " ".join((metadata.title or "").split()) or _first_heading(page)
    if not metadata.title:
        raise ValueError("A PDF needs a title: give the page a <title> or an <h1>")
    metadata.lang = metadata.lang or LANGUAGE
    return document


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF of a page of HTML, with only local resources."""
    return render_document(html).write_pdf(**PDF_OPTIONS)


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """The PDF of a template, rendered as a page would be (give `request` for `csrf_input`
    and the like; a print template usually needs neither)."""
    return html_to_pdf(render_to_string(template_name, context, request=request))
