"""Demo data's last step: each expert's sessions attended in the last 12 months, counted once
all the attendance is in place and stored for the shortlist, as the nightly job would."""

from django.utils import timezone

from coproduce.demo.context import DemoContext
from coproduce.opportunities.services.recent_attendance import count_all


def create(ctx: DemoContext) -> None:
    experts = count_all(timezone.localdate(ctx.now))
    ctx.say(f"Recent attendance counted for {experts} experts")
