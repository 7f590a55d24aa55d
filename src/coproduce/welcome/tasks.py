"""Background work for welcome packs: many experts' packs made into one PDF, counting packs
as it goes so the coordinator sees progress (the print job itself runs as every print does:
core.print_jobs)."""

from django_tasks import task

from coproduce.core import print_jobs
from coproduce.welcome import print_files, queries
from coproduce.welcome.content import pack_for, shared_content
from coproduce.welcome.models import WelcomePrint
from coproduce.welcome.pdf import packs_pdf


def _make(run: WelcomePrint, progress: print_jobs.Progress) -> tuple[bytes, int]:
    experts = queries.experts_for_packs(run.expert_ids)
    progress.total(len(experts))
    if not experts:
        raise ValueError("none of the chosen experts could be found")
    shared = shared_content()
    packs = []
    for expert in experts:
        fmt = run.format
        if fmt == WelcomePrint.FORMAT_BY_NEEDS:
            fmt = queries.format_for(expert, [n.name for n in expert.access_needs.all()])
        packs.append(pack_for(expert, fmt, shared))
    return packs_pdf(packs, progress=progress.prepared), len(packs)


@task()
def make_welcome_print(print_id: int) -> int:
    """Makes the PDF of the print's packs and keeps it privately; returns how many packs."""
    return print_jobs.run(
        WelcomePrint,
        print_id,
        make=_make,
        file_name="welcome-packs.pdf",
        problem="The welcome packs could not be made. Try again, or ask your administrator.",
    )


@task()
def forget_old_welcome_prints() -> int:
    """Nightly: prints of welcome packs made more than a week ago leave the server."""
    return print_files.forget_old_welcome_prints()
