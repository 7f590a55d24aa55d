"""Welcome packs as a tagged PDF (PDF/UA), A4, from the same template as the page.

Many packs are laid out one at a time, so that the coordinator sees progress after each,
then their pages are put together into one document and written once. Each pack numbers its
own pages ("Page 2 of 9"), as each is given to a different person."""

from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string

from coproduce.core.pdf import PDF_OPTIONS, render_document
from coproduce.welcome.content import Pack

TEMPLATE = "welcome/pack_pdf.jinja"


def _html(packs: list[Pack], title: str) -> str:
    return render_to_string(
        TEMPLATE,
        {"packs": packs, "title": title, "organisation_name": settings.ORGANISATION_NAME},
    )


def packs_pdf(packs: list[Pack], *, progress: Callable[[int], None] | None = None) -> bytes:
    """One PDF of these packs, each starting on a new page; `progress(n)` is told after each
    pack is laid out."""
    if not packs:
        raise ValueError("A PDF of welcome packs needs at least one pack")
    title = packs[0].title if len(packs) == 1 else f"{len(packs)} welcome packs"
    documents = []
    for done, pack in enumerate(packs, start=1):
        documents.append(render_document(_html([pack], title)))
        if progress:
            progress(done)
    if len(documents) == 1:
        return documents[0].write_pdf(**PDF_OPTIONS)
    together = documents[0].copy([page for document in documents for page in document.pages])
    together.metadata.title = title
    return together.write_pdf(**PDF_OPTIONS)
