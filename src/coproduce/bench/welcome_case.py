"""A welcome pack as a PDF, made while the coordinator waits: the demo expert's pack, laid out
and written by WeasyPrint from the demo's year of meetings, groups, places and rates. Target:
under WELCOME_PDF_TARGET_MS, in each version (Easy Read has the most pages: a page a
section)."""

WELCOME_PDF_TARGET_MS = 2000.0
FORMATS = {"standard": "standard", "easy_read": "Easy Read"}


def welcome_pdf_path(fmt: str):
    """The URL of the expert's pack as a PDF in this version, for a bench Case."""

    def path(fixtures) -> str:
        from django.urls import reverse  # the parent process never loads Django

        return reverse("welcome:expert_pack_pdf", args=[fixtures.expert_id]) + f"?format={fmt}"

    return path


def welcome_cases(case_type) -> list:
    """The bench's cases for the welcome pack, one a version."""
    return [
        case_type(f"welcome pack PDF, {label}", WELCOME_PDF_TARGET_MS, welcome_pdf_path(fmt))
        for fmt, label in FORMATS.items()
    ]
