"""Writing Working Together stories and the award: each change in one transaction with its
audit record. A story moves only as models.MOVES allows; a nomination is saved only while its
round is open."""

from dataclasses import asdict, dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.comms.stories.models import (
    MOST_PHOTOS,
    MOVES,
    AwardRound,
    Nomination,
    Story,
    StoryPhoto,
    StoryStatus,
)
from coproduce.core.formats import long_date

NOT_CHANGEABLE = "This story can no longer be changed: it has been sent to the involvement lead."
TOO_MANY_PHOTOS = f"A story can have at most {MOST_PHOTOS} photos. Remove one to add another."
NO_CONSENT = (
    "The photo was not saved: everyone in it must have agreed to it being shown publicly, "
    "and you must say who agreed and how."
)
CLOSED = "Nominations for the {year} award closed on {day}. Your nomination has not been saved."
NOT_YET_OPEN = "Nominations for the {year} award open on {day}. Your nomination has not been saved."
YEAR_TAKEN = "There is already an award round for {year}. Change that one instead."


class StoryError(Exception):
    """A change refused, with the words to show the person."""


@dataclass(frozen=True)
class StoryWords:
    title: str
    what_was_done: str
    who_took_part: str
    what_changed: str
    opportunity_id: int | None


LABELS = {
    "title": "Title",
    "what_was_done": "What was done",
    "who_took_part": "Who took part",
    "what_changed": "What changed",
    "opportunity_id": "The work it came from",
}


def _move(story: Story, to: StoryStatus) -> StoryStatus:
    before = StoryStatus(story.status)
    if (before, to) not in MOVES:
        raise StoryError(f"A story that is ‘{before.label}’ cannot become ‘{to.label}’.")
    story.status = to
    return before


def write_story(*, actor, words: StoryWords) -> Story:
    """Starts a story as a draft: the writer can add photos and change it before sending it."""
    with transaction.atomic():
        story = Story.objects.create(submitted_by=actor, **asdict(words))
        audit.record_change(
            actor=actor,
            instance=story,
            action=AuditEvent.Action.STORY_SUBMITTED,
            changes={LABELS[k]: [None, v] for k, v in asdict(words).items() if v},
            summary=audit.shortened(f"Story drafted: ‘{story.title}’", 300),
        )
    return story


def change_story(*, actor, story: Story, words: StoryWords) -> Story:
    """Changes a draft's (or a sent-back story's) words."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not story.changeable:
            raise StoryError(NOT_CHANGEABLE)
        before = {k: getattr(story, k) for k in LABELS}
        after = asdict(words)
        changes = {LABELS[k]: [before[k], after[k]] for k in LABELS if before[k] != after[k]}
        for name, value in after.items():
            setattr(story, name, value)
        story.save()
        if changes:
            audit.record_change(
                actor=actor,
                instance=story,
                action=AuditEvent.Action.STORY_SUBMITTED,
                changes=changes,
                summary=audit.shortened(f"Story changed: ‘{story.title}’", 300),
            )
    return story


def add_photo(
    *, actor, story: Story, image: ContentFile, alt_text: str, consented: bool, consent_how: str
) -> StoryPhoto:
    """Adds a photo (already checked and stripped of its metadata by core.images) to a story
    the writer may still change, only with the consent of everyone in it."""
    if not consented or not consent_how.strip():
        raise StoryError(NO_CONSENT)
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not story.changeable:
            raise StoryError(NOT_CHANGEABLE)
        if story.photos.count() >= MOST_PHOTOS:
            raise StoryError(TOO_MANY_PHOTOS)
        photo = StoryPhoto(
            story=story,
            alt_text=alt_text,
            everyone_consented=True,
            consent_how=consent_how.strip(),
            added_by=actor,
        )
        photo.image.save("photo.jpg", image, save=False)
        photo.save()
        audit.record_change(
            actor=actor,
            instance=photo,
            subject=story,
            action=AuditEvent.Action.STORY_SUBMITTED,
            changes={"Photo": [None, alt_text], "Consent": [None, photo.consent_how]},
            summary=audit.shortened(f"Photo added to the story ‘{story.title}’", 300),
        )
    return photo


def remove_photo(*, actor, photo: StoryPhoto) -> None:
    """Takes a photo off a story the writer may still change; the file is deleted."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=photo.story_id)
        if not story.changeable:
            raise StoryError(NOT_CHANGEABLE)
        audit.record_change(
            actor=actor,
            instance=photo,
            subject=story,
            action=AuditEvent.Action.STORY_SUBMITTED,
            changes={"Photo": [photo.alt_text, None]},
            summary=audit.shortened(f"Photo removed from the story ‘{story.title}’", 300),
        )
        storage, name = photo.image.storage, photo.image.name
        photo.delete()
        transaction.on_commit(lambda: storage.delete(name))


def submit_story(*, actor, story: Story) -> Story:
    """Sends a story to the involvement lead to publish."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        before = _move(story, StoryStatus.SUBMITTED)
        story.submitted_at = timezone.now()
        story.save()
        audit.record_change(
            actor=actor,
            instance=story,
            action=AuditEvent.Action.STORY_SUBMITTED,
            changes={"Status": [before.label, StoryStatus.SUBMITTED.label]},
            summary=audit.shortened(f"Story sent to the involvement lead: ‘{story.title}’", 300),
        )
    return story


def publish_story(*, actor, story: Story) -> Story:
    """Publishes a story to the public gallery and the display mode, photos and all."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        before = _move(story, StoryStatus.PUBLISHED)
        story.published_at, story.published_by = timezone.now(), actor
        story.sent_back_reason = ""
        story.save()
        audit.record_change(
            actor=actor,
            instance=story,
            action=AuditEvent.Action.STORY_PUBLISHED,
            changes={"Status": [before.label, StoryStatus.PUBLISHED.label]},
            summary=audit.shortened(f"Story published: ‘{story.title}’", 300),
        )
    return story


def send_back(*, actor, story: Story, reason: str) -> Story:
    """Sends a story back to its writer to change, saying why."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        before = _move(story, StoryStatus.SENT_BACK)
        story.sent_back_reason = reason
        story.save()
        audit.record_change(
            actor=actor,
            instance=story,
            action=AuditEvent.Action.STORY_WITHDRAWN,
            changes={"Status": [before.label, StoryStatus.SENT_BACK.label], "Why": [None, reason]},
            summary=audit.shortened(f"Story sent back: ‘{story.title}’", 300),
        )
    return story


def withdraw_story(*, actor, story: Story, reason: str) -> Story:
    """Takes a published story off the gallery and the display mode; its photos are no
    longer served to anyone but its writer and the lead."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        before = _move(story, StoryStatus.WITHDRAWN)
        story.withdrawn_at, story.withdrawn_reason = timezone.now(), reason
        story.save()
        audit.record_change(
            actor=actor,
            instance=story,
            action=AuditEvent.Action.STORY_WITHDRAWN,
            changes={"Status": [before.label, StoryStatus.WITHDRAWN.label], "Why": [None, reason]},
            summary=audit.shortened(f"Story withdrawn: ‘{story.title}’", 300),
        )
    return story


# The award ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundDetails:
    year: int
    opens_on: date
    closes_on: date
    panel_ids: list[int]


def _round_audit(award: AwardRound) -> dict:
    return {
        "Year": award.year,
        "Nominations open": long_date(award.opens_on),
        "Nominations close": long_date(award.closes_on),
        "Panel": ", ".join(sorted(u.display_name for u in award.panel.all())),
    }


def set_award(*, actor, details: RoundDetails, award: AwardRound | None = None) -> AwardRound:
    """Opens a year's award round (or changes its dates and panel)."""
    with transaction.atomic():
        taken = AwardRound.objects.filter(year=details.year)
        if award is not None:
            taken = taken.exclude(pk=award.pk)
        if taken.exists():
            raise StoryError(YEAR_TAKEN.format(year=details.year))
        before = _round_audit(award) if award is not None else {}
        award = award or AwardRound()
        award.year, award.opens_on, award.closes_on = (
            details.year,
            details.opens_on,
            details.closes_on,
        )
        award.save()
        award.panel.set(details.panel_ids)
        after = _round_audit(award)
        audit.record_change(
            actor=actor,
            instance=award,
            action=AuditEvent.Action.AWARD_SET,
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
            summary=f"Working Together award {award.year} {'changed' if before else 'opened'}",
        )
    return award


def nominate(*, actor, award: AwardRound, category: str, nominee: str, reason: str) -> Nomination:
    """Records a nomination, only while the round is open (by the organisation's date)."""
    with transaction.atomic():
        award = AwardRound.objects.select_for_update().get(pk=award.pk)
        today = timezone.localdate()
        if today > award.closes_on:
            raise StoryError(CLOSED.format(year=award.year, day=long_date(award.closes_on)))
        if today < award.opens_on:
            raise StoryError(NOT_YET_OPEN.format(year=award.year, day=long_date(award.opens_on)))
        nomination = Nomination.objects.create(
            award=award, category=category, nominee=nominee, reason=reason, nominated_by=actor
        )
        audit.record_change(
            actor=actor,
            instance=nomination,
            subject=award,
            action=AuditEvent.Action.NOMINATION_MADE,
            changes={"Category": [None, nomination.get_category_display()]},
            summary=f"Nomination made for the Working Together award {award.year}",
        )
    return nomination


def shortlist(*, actor, nomination: Nomination, on: bool) -> Nomination:
    """Puts a nomination on the shortlist, or takes it off (a winner stays on it)."""
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.winner and not on:
            raise StoryError("A winner stays on the shortlist. Record that it did not win first.")
        if nomination.shortlisted == on:
            return nomination
        nomination.shortlisted = on
        nomination.save()
        audit.record_change(
            actor=actor,
            instance=nomination,
            subject=nomination.award,
            action=AuditEvent.Action.AWARD_DECIDED,
            changes={"Shortlisted": [not on, on]},
            summary=f"{nomination.nominee} {'shortlisted' if on else 'taken off the shortlist'}",
        )
    return nomination


def record_winner(
    *, actor, nomination: Nomination, won: bool, shown_as: str = "", citation: str = ""
) -> Nomination:
    """Records a nomination as a winner, with the name to show and a short citation (or that
    it did not win after all)."""
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        before = {"Winner": nomination.winner, "Shown as": nomination.shown_as}
        nomination.winner = won
        nomination.shortlisted = nomination.shortlisted or won
        nomination.shown_as = shown_as if won else ""
        nomination.citation = citation if won else ""
        nomination.save()
        after = {"Winner": won, "Shown as": nomination.shown_as}
        audit.record_change(
            actor=actor,
            instance=nomination,
            subject=nomination.award,
            action=AuditEvent.Action.AWARD_DECIDED,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]}
            | ({"Citation": [None, citation]} if won else {}),
            summary=f"{nomination.nominee} {'recorded as a winner' if won else 'not a winner'}",
        )
    return nomination


def announce(*, actor, award: AwardRound) -> AwardRound:
    """Shows the round's winners in the public gallery."""
    with transaction.atomic():
        award = AwardRound.objects.select_for_update().get(pk=award.pk)
        if award.announced_at is not None:
            return award
        if not award.nominations.filter(winner=True).exists():
            raise StoryError("Record at least one winner before announcing the winners.")
        award.announced_at = timezone.now()
        award.save()
        audit.record_change(
            actor=actor,
            instance=award,
            action=AuditEvent.Action.AWARD_DECIDED,
            changes={"Winners announced": [None, "yes"]},
            summary=f"Winners of the Working Together award {award.year} announced",
        )
    return award
