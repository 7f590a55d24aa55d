"""Background work for badges: making many badges into one PDF, counting cards as it goes so
the coordinator sees progress."""

import logging

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from coproduce.onboarding import print_files
from coproduce.onboarding.badge_cards import badges_pdf, cards_for
from coproduce.onboarding.models import BadgePrint
from coproduce.onboarding.queries import badges_to_print

logger = logging.getLogger(__name__)


@task()
def make_badge_print(print_id: int) -> int:
    """Makes the PDF of the print's badges and keeps it privately; returns how many cards."""
    updated = BadgePrint.objects.filter(pk=print_id, state=BadgePrint.State.QUEUED).update(
        state=BadgePrint.State.MAKING
    )
    if not updated:
        return 0
    run = BadgePrint.objects.get(pk=print_id)
    try:
        badges = badges_to_print(run.badge_ids)
        BadgePrint.objects.filter(pk=print_id).update(total=len(badges))

        def progress(prepared: int) -> None:
            BadgePrint.objects.filter(pk=print_id).update(prepared=prepared)

        cards = cards_for(badges, progress=progress)
        if not cards:
            raise ValueError("none of the chosen badges could be found")
        pdf = badges_pdf(cards)
    except Exception:
        logger.exception("Badge print %s could not be made", print_id)
        BadgePrint.objects.filter(pk=print_id).update(
            state=BadgePrint.State.FAILED,
            finished_at=timezone.now(),
            problem="The badges could not be made. Try again, or ask your administrator.",
        )
        return 0
    run.file.save("badges.pdf", ContentFile(pdf), save=False)
    BadgePrint.objects.filter(pk=print_id).update(
        file=run.file.name,
        state=BadgePrint.State.DONE,
        finished_at=timezone.now(),
        prepared=F("total"),
    )
    return len(cards)


@task()
def forget_old_badge_prints() -> int:
    """Nightly: badge print files made more than a week ago leave the server (print_files)."""
    return print_files.forget_old_badge_prints()
