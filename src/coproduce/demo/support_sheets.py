"""Demo data: the first support sheets, in plain English, for the involvement lead to change.
Nothing audited (demo data is nobody's change)."""

from coproduce.demo.context import DemoContext
from coproduce.onboarding.models import SupportSheet

STAFF, EXPERTS = SupportSheet.Audience.STAFF, SupportSheet.Audience.EXPERTS

SHEETS = [
    (
        STAFF,
        "Involving experts well",
        "How to ask Experts by Experience to help, and how to make it worth their time.",
        """## Ask early
Involve experts before decisions are made, not afterwards. Ask the involvement team as soon as
you know what you want to change.

## Be clear about what you are asking
- what the work is and why it matters
- how much say experts will have
- how long it takes, and what we pay

## Close the loop
Tell experts what changed because of them. **If nothing changed, say why.**
""",
    ),
    (
        STAFF,
        "Inclusive meetings",
        "Simple steps so everyone at a meeting can take part.",
        """## Before the meeting
- send papers at least a week before, in the format each person asked for
- check the room is step-free and has a hearing loop
- agree breaks, and who experts can talk to if something is upsetting

## In the meeting
- introduce everyone, and say what each person is there to do
- ask experts for their view early, not only at the end
- keep to time

## Afterwards
Thank people, say how to claim expenses, and share what happens next.
""",
    ),
    (
        STAFF,
        "Avoiding jargon",
        "Plain words help everyone, not only Experts by Experience.",
        """## Say it plainly
- use short words and short sentences
- spell out every abbreviation the first time, or better, do not use it
- say "people who use our services", not "service users"

## Check you were understood
Ask "Is there anything I should explain better?" and give people time to answer.

The [NHS content style guide](https://service-manual.nhs.uk/content) has more tips.
""",
    ),
    (
        EXPERTS,
        "What taking part involves",
        "What to expect when you help us, and who to ask if you are not sure.",
        """## What you will be asked to do
Share your experience so we can make services better. You choose what you take part in,
and you can say no at any time.

## Before a meeting
We send you the papers and tell you how to get there. Tell us what would help you take part,
such as large print, a hearing loop or a break.

## Money
We pay you for your time at our published rates, and pay back your travel and other costs.
Keep your tickets and receipts.

## If something worries you
Talk to your involvement coordinator. **You will not be treated differently for raising a
concern.**
""",
    ),
]


def create(ctx: DemoContext) -> None:
    sheets: list[SupportSheet] = []
    for audience, title, summary, body in SHEETS:
        position = 1 + len([s for s in sheets if s.audience == audience])
        sheets.append(
            SupportSheet(
                audience=audience, title=title, summary=summary, body=body, position=position
            )
        )
    SupportSheet.objects.bulk_create(sheets)
    ctx.say(f"{len(SHEETS)} support sheets")
