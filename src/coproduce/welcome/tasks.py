"""Background work for welcome packs: many experts' packs made into one PDF, counting packs
as it goes so the coordinator sees progress."""

import logging

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from coproduce.welcome import print_files, queries
from coproduce.welcome.content import pack_for, shared_content
from coproduce.welcome.models import WelcomePrint
from coproduce.welcome.pdf import packs_pdf

logger = logging.getLogger(__name__)


@task()
def make_welcome_print(print_id: int) -> int:
    """Makes the PDF of the print's packs and keeps it privately; returns how many packs."""
    updated = WelcomePrint.objects.filter(pk=print_id, state=WelcomePrint.State.QUEUED).update(
        state=WelcomePrint.State.MAKING
    )
    if not updated:
        return 0
    run = WelcomePrint.objects.get(pk=print_id)
    try:
        experts = queries.experts_for_packs(run.expert_ids)
        WelcomePrint.objects.filter(pk=print_id).update(total=len(experts))
        if not experts:
            raise ValueError("none of the chosen experts could be found")
        shared = shared_content()
        packs = []
        for expert in experts:
            fmt = run.format
            if fmt == WelcomePrint.FORMAT_BY_NEEDS:
                fmt = queries.format_for(expert, [n.name for n in expert.access_needs.all()])
            packs.append(pack_for(expert, fmt, shared))

        def progress(prepared: int) -> None:
            WelcomePrint.objects.filter(pk=print_id).update(prepared=prepared)

        pdf = packs_pdf(packs, progress=progress)
    except Exception:
        logger.exception("Welcome pack print %s could not be made", print_id)
        WelcomePrint.objects.filter(pk=print_id).update(
            state=WelcomePrint.State.FAILED,
            finished_at=timezone.now(),
            problem="The welcome packs could not be made. Try again, or ask your administrator.",
        )
        return 0
    run.file.save("welcome-packs.pdf", ContentFile(pdf), save=False)
    WelcomePrint.objects.filter(pk=print_id).update(
        file=run.file.name,
        state=WelcomePrint.State.DONE,
        finished_at=timezone.now(),
        prepared=F("total"),
    )
    return len(packs)


@task()
def forget_old_welcome_prints() -> int:
    """Nightly: prints of welcome packs made more than a week ago leave the server."""
    return print_files.forget_old_welcome_prints()
