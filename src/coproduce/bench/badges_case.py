"""Times printing photo ID badges as a coordinator meets it: 500 valid badges chosen, the
print started (onboarding.services.start_badge_print), and the real background task run by a
task worker (django-tasks' database worker, as in production) until the PDF of A4 sheets,
eight badges to a sheet, is ready to download, counting its progress as it goes."""

import io
import time

BADGES = 500
BADGES_TARGET_S = 60.0
# A phone's photo: about 3 megapixels, as experts send them.
PHOTO_SIZE = (1536, 2048)


def _photo(n: int) -> bytes:
    """A different photo for each expert: a PDF keeps one copy of a picture used twice, which
    would make the print quicker than the real thing."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", PHOTO_SIZE, (180, 200, 215))
    draw = ImageDraw.Draw(image)
    draw.ellipse((400, 300, 1136, 1200), fill=(230, 190, 160))
    draw.rectangle((250, 1300, 1286, 2048), fill=(n % 256, (n * 7) % 256, (n * 13) % 256))
    draw.text((100, 100), f"{n}", fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _valid_badges(actor, count: int, added: list) -> list[int]:
    """Setting up, not timed: `count` experts with a photo and a badge valid today. The demo
    data has neither (it stays quick to load), so they are added here, through the services."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from coproduce.onboarding import services
    from coproduce.onboarding.models import Badge
    from coproduce.onboarding.queries import valid_badges
    from coproduce.people.models import Expert

    today = timezone.localdate()
    have = list(valid_badges(today).values_list("pk", flat=True)[:count])
    if len(have) >= count:
        return have
    experts = (
        Expert.objects.filter(erased_at__isnull=True, restricted_at__isnull=True)
        .exclude(pk__in=Badge.objects.filter(revoked_at__isnull=True).values("expert_id"))
        .order_by("pk")[: count - len(have)]
    )
    for n, expert in enumerate(experts):
        if not expert.photo:
            expert.photo.save("photo.jpg", ContentFile(_photo(n)), save=True)
            added.append(expert)
        badge = services.issue_badge(
            actor=actor, expert=expert, expires_on=today + timedelta(days=365), today=today
        )
        have.append(badge.pk)
    assert len(have) == count, f"the demo data should have {count} experts for badges"
    return have


def time_badge_print(actor, count: int = BADGES) -> dict:
    """Seconds from starting the print to its PDF being ready, through the real task."""
    from django.core.management import call_command

    from coproduce.onboarding import services
    from coproduce.onboarding.models import BadgePrint

    added: list = []
    badge_ids = _valid_badges(actor, count, added)
    started = time.perf_counter()
    run = services.start_badge_print(actor=actor, badge_ids=badge_ids)
    # The worker takes the queued task, runs it and stops when the queue is empty.
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)
    seconds = time.perf_counter() - started
    run = BadgePrint.objects.get(pk=run.pk)
    assert run.state == BadgePrint.State.DONE, f"the badge print ended {run.state}: {run.problem}"
    assert run.prepared == run.total == count
    size = run.file.size
    # The bench's database is thrown away; the files it made in the private upload folder
    # are removed here, so the folder is left as it was.
    run.file.delete(save=False)
    for expert in added:
        expert.photo.delete(save=False)
    return {"seconds": seconds, "badges": count, "megabytes": round(size / 1_000_000, 1)}
