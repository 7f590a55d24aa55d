"""Demo data for Working Together: five published stories (two with a small made-up picture,
whose consent is recorded), one waiting for the involvement lead, last year's award with its
winners announced, and this year's award open for nominations. Runs after accounts and
opportunities. Nothing is audited (demo data is nobody's change). Every story is fictional."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.comms.stories.models import (
    AwardRound,
    Category,
    Nomination,
    Story,
    StoryPhoto,
    StoryStatus,
)
from coproduce.demo.context import DemoContext

# (title, what was done, who took part, what changed, a picture's colour and description)
STORIES: list[tuple[str, str, str, str, tuple[str, str] | None]] = [
    (
        "Experts rewrote the discharge letter",
        "Six Experts by Experience met the ward team three times to read the letter people "
        "take home when they leave hospital, and rewrote it line by line.",
        "Six experts and the stroke ward team",
        "The letter is now one page in plain English, with an Easy Read version. Calls to the "
        "ward asking what the letter meant fell by half.",
        ("#005eb8", "A blue card with the words: one page, plain English"),
    ),
    (
        "Carers helped choose the new community nurse",
        "Two carers sat on the interview panel for the community mental health team's new "
        "lead nurse, and asked the questions they had written themselves.",
        "Two carers and three managers",
        "The panel chose the candidate the carers rated highest. Carers now sit on every "
        "interview panel for the team.",
        None,
    ),
    (
        "Young people redesigned the waiting room",
        "A group of young people who use children's services spent a Saturday with the estates "
        "team, choosing colours, seating and what goes on the walls.",
        "Eight young people, their parents and the estates team",
        "The waiting room was repainted in the colours they chose, with a quiet corner and "
        "phone charging points.",
        ("#007f3b", "A green square, standing for the repainted waiting room"),
    ),
    (
        "Easy Read appointment letters",
        "People with learning disabilities tested four versions of an appointment letter and "
        "told us which one they could read on their own.",
        "Twelve experts from the learning disability panel",
        "Every appointment letter from the learning disability service now comes in Easy Read "
        "as well.",
        None,
    ),
    (
        "The co-production board reviewed our strategy",
        "The co-production board read the draft involvement strategy and met the board's "
        "chair to say what was missing.",
        "The co-production board and the trust's chair",
        "The strategy gained an ambition to reach people who are seldom heard, with a yearly "
        "target.",
        None,
    ),
]
WAITING = (
    "Peer supporters on the ward",
    "Peer supporters with lived experience joined the acute ward team two days a week.",
    "Four peer supporters and the ward team",
    "People on the ward say they have someone to talk to who has been there.",
)
# Last year's winners: (category, nominee, shown as, citation)
WINNERS = [
    (Category.PERSON, "Jo", "Jo", "For chairing the expert panel with warmth and patience."),
    (
        Category.TEAM,
        "The stroke ward team",
        "The stroke ward team",
        "For asking experts first, and changing what they heard.",
    ),
    (
        Category.PROJECT,
        "Easy Read letters",
        "Easy Read letters",
        "For making every letter one that people can read themselves.",
    ),
]


def _picture(colour: str) -> ContentFile:
    """A small made-up picture (no people in it): a coloured card with a white band."""
    image = Image.new("RGB", (480, 320), colour)
    ImageDraw.Draw(image).rectangle((40, 130, 440, 190), fill="white")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue(), name="demo.jpg")


def create(ctx: DemoContext) -> None:
    if Story.objects.exists():
        ctx.say("Working Together: already there")
        return
    lead = User.objects.filter(role=Role.INVOLVEMENT_LEAD).order_by("pk").first()
    writers = list(User.objects.filter(role__in=[Role.STAFF, Role.EXPERT]).order_by("pk")[:20])
    for index, (title, done, who, changed, picture) in enumerate(STORIES):
        when = ctx.now - timedelta(days=20 * (index + 1))
        story = Story.objects.create(
            title=title,
            what_was_done=done,
            who_took_part=who,
            what_changed=changed,
            status=StoryStatus.PUBLISHED,
            submitted_by=writers[index % len(writers)] if writers else None,
            submitted_at=when - timedelta(days=3),
            published_at=when,
            published_by=lead,
        )
        if picture:
            colour, description = picture
            photo = StoryPhoto(
                story=story,
                alt_text=description,
                everyone_consented=True,
                consent_how="A made-up picture with nobody in it",
                added_by=story.submitted_by,
            )
            photo.image.save("demo.jpg", _picture(colour), save=False)
            photo.save()
    title, done, who, changed = WAITING
    Story.objects.create(
        title=title,
        what_was_done=done,
        who_took_part=who,
        what_changed=changed,
        status=StoryStatus.SUBMITTED,
        submitted_by=writers[0] if writers else None,
        submitted_at=ctx.now - timedelta(days=2),
    )
    _award(ctx, lead)
    ctx.say(f"Working Together: {len(STORIES)} published stories, 1 waiting, 2 award rounds")


def _award(ctx: DemoContext, lead: User | None) -> None:
    today = ctx.now.date()
    panel = [lead] if lead else []
    last = AwardRound.objects.create(
        year=today.year - 1,
        opens_on=today.replace(year=today.year - 1, month=9, day=1),
        closes_on=today.replace(year=today.year - 1, month=10, day=31),
        announced_at=ctx.now - timedelta(days=300),
    )
    last.panel.set(panel)
    Nomination.objects.bulk_create(
        [
            Nomination(
                award=last,
                category=category,
                nominee=nominee,
                reason="Nominated by colleagues and experts for working together.",
                shortlisted=True,
                winner=True,
                shown_as=shown_as,
                citation=citation,
            )
            for category, nominee, shown_as, citation in WINNERS
        ]
    )
    current = AwardRound.objects.create(
        year=today.year, opens_on=today - timedelta(days=14), closes_on=today + timedelta(days=30)
    )
    current.panel.set(panel)
