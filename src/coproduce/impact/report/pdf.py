"""The Experts Report as a print-quality, tagged PDF (PDF/UA) on A4 for the Local Account:
a cover, contents with page numbers, the foreword and highlights, each figure's chart (drawn
as vector SVG) beside its table, and the case studies; every page numbered."""

from django.template.loader import render_to_string

from coproduce.core.pdf import html_to_pdf
from coproduce.impact.report import presenters, queries

TEMPLATE = "report/report_pdf.jinja"


def html(year: int) -> str:
    """The page WeasyPrint lays out for the year's report."""
    report = queries.report_for(year, drafts=True)
    return render_to_string(TEMPLATE, {"year_report": presenters.year_report(year, report)})


def render(year: int) -> bytes:
    """The PDF of the report for the financial year starting 1 April `year`, draft or
    published (the caller checks who may have it). A year with no report written yet, or with
    nothing in it, still makes a PDF that says so."""
    return html_to_pdf(html(year))


def file_name(year: int) -> str:
    return f"experts-report-{year}-to-{year + 1}.pdf"
