"""Demo data: the welcome pack signed by two named leaders, with the support sheets for
experts in it. Its wording is the default written in code, for the involvement lead to
change. Nothing audited (demo data is nobody's change)."""

from coproduce.demo.context import DemoContext
from coproduce.onboarding.models import SupportSheet
from coproduce.welcome.models import PackSettings

SIGNED_BY = """Dr Amira Okafor, Chief Executive
Tom Brierley, Head of Involvement and Co-production"""


def create(ctx: DemoContext) -> None:
    sheets = list(
        SupportSheet.objects.filter(
            audience=SupportSheet.Audience.EXPERTS, retired_at=None
        ).values_list("pk", flat=True)
    )
    PackSettings.objects.create(signed_by=SIGNED_BY, sheet_ids=sorted(sheets))
    ctx.say(f"welcome pack signed by 2 leaders, with {len(sheets)} support sheets")
