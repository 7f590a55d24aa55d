"""Background work for badges: making many badges into one PDF, counting cards as it goes so
the coordinator sees progress (the print job itself runs as every print does:
core.print_jobs)."""

from django_tasks import task

from coproduce.core import print_jobs
from coproduce.onboarding import print_files
from coproduce.onboarding.badge_cards import badges_pdf, cards_for
from coproduce.onboarding.models import BadgePrint
from coproduce.onboarding.queries import badges_to_print


def _make(run: BadgePrint, progress: print_jobs.Progress) -> tuple[bytes, int]:
    badges = badges_to_print(run.badge_ids)
    progress.total(len(badges))
    cards = cards_for(badges, progress=progress.prepared)
    if not cards:
        raise ValueError("none of the chosen badges could be found")
    return badges_pdf(cards), len(cards)


@task()
def make_badge_print(print_id: int) -> int:
    """Makes the PDF of the print's badges and keeps it privately; returns how many cards."""
    return print_jobs.run(
        BadgePrint,
        print_id,
        make=_make,
        file_name="badges.pdf",
        problem="The badges could not be made. Try again, or ask your administrator.",
    )


@task()
def forget_old_badge_prints() -> int:
    """Nightly: badge print files made more than a week ago leave the server (print_files)."""
    return print_files.forget_old_badge_prints()
