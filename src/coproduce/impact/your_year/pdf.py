"""An expert's year as tagged PDFs (PDF/UA): the standard summary and the Easy Read one. Both
are made from a shared summary, so confidential work is never named in them."""

from django.utils.text import slugify

from coproduce.core.pdf import render_pdf
from coproduce.impact.your_year.icons import ICONS
from coproduce.impact.your_year.presenters import Summary, paid_words

STANDARD = "your_year/summary_pdf.jinja"
EASY_READ = "your_year/easy_read_pdf.jinja"


def render(summary: Summary, *, easy_read: bool = False) -> bytes:
    if not summary.shared:
        raise ValueError("Only a summary made to be shared goes in a PDF")
    return render_pdf(
        EASY_READ if easy_read else STANDARD,
        {"summary": summary, "paid_words": paid_words(summary), "icons": ICONS},
    )


def file_name(summary: Summary, *, easy_read: bool = False) -> str:
    words = f"your year {summary.year} to {summary.year + 1}"
    return slugify(f"{words} easy read" if easy_read else words) + ".pdf"
