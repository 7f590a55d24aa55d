"""Working Together's part of a person's data: the stories they wrote (with their photos) and
the award nominations they made, and any nomination naming them.

On erasure:
- Stories they wrote that were never published (drafts, waiting, sent back, withdrawn) are
  deleted with their photos.
- Published stories stay published — they tell of the organisation's work and everyone in
  their photos consented to them being shown — but no longer point to the person, and their
  photos are deleted (the person may be in them).
- Nominations they made stay (the panel's decisions rest on them) without pointing to them.
- A nomination naming them (its nominee, or the name a winner is shown as, is their name) keeps
  its category and decision under the made-up name core.erasure gives erased people; its
  reason and citation are emptied, as they are about the person."""

from django.db.models import Q

from coproduce.core.erasure import delete_file_after_commit, pseudonym
from coproduce.core.subject_access import Section

REMOVED_CITATION = "The details of this award were removed at the winner's request."


def _names(expert) -> list[str]:
    return [
        name for name in {expert.full_name.strip(), (expert.preferred_name or "").strip()} if name
    ]


def _about(expert) -> Q:
    query = Q(pk__in=[])
    for name in _names(expert):
        query |= Q(nominee__iexact=name) | Q(shown_as__iexact=name)
    return query


def collect(expert) -> Section:
    from coproduce.comms.stories.models import Nomination, Story

    user = expert.user
    stories = (
        list(Story.objects.filter(submitted_by=user).prefetch_related("photos").order_by("id"))
        if user
        else []
    )
    made = (
        list(Nomination.objects.filter(nominated_by=user).select_related("award")) if user else []
    )
    about = list(Nomination.objects.filter(_about(expert)).select_related("award"))
    files = []
    story_data = []
    for story in stories:
        photos = list(story.photos.all())
        for number, photo in enumerate(photos, start=1):
            files.append((f"story-{story.pk}-photo-{number}.jpg", photo.image))
        story_data.append(
            {
                "title": story.title,
                "what_was_done": story.what_was_done,
                "who_took_part": story.who_took_part,
                "what_changed": story.what_changed,
                "status": story.get_status_display(),
                "written_at": story.created_at,
                "sent_at": story.submitted_at,
                "published_at": story.published_at,
                "photos": [{"description": p.alt_text, "consent": p.consent_how} for p in photos],
            }
        )
    return Section(
        "working_together",
        {
            "stories_written": story_data,
            "award_nominations_made": [
                {
                    "award_year": n.award.year,
                    "category": n.get_category_display(),
                    "nominee": n.nominee,
                    "reason": n.reason,
                    "made_at": n.nominated_at,
                }
                for n in made
            ],
            "award_nominations_naming_them": [
                {
                    "award_year": n.award.year,
                    "category": n.get_category_display(),
                    "reason": n.reason,
                    "shortlisted": n.shortlisted,
                    "winner": n.winner,
                    "citation": n.citation,
                }
                for n in about
            ],
        },
        files,
    )


def erase(expert) -> list[str]:
    from coproduce.comms.stories.models import Nomination, Story, StoryPhoto, StoryStatus

    removed = []
    user = expert.user
    if user is not None:
        mine = Story.objects.filter(submitted_by=user)
        photos = list(StoryPhoto.objects.filter(story__in=mine))
        for photo in photos:
            delete_file_after_commit(photo.image)
        StoryPhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()
        deleted, _ = mine.exclude(status=StoryStatus.PUBLISHED).delete()
        kept = mine.filter(status=StoryStatus.PUBLISHED).update(submitted_by=None)
        if deleted or kept or photos:
            removed.append("Working Together stories they wrote, and their photos")
        if Nomination.objects.filter(nominated_by=user).update(nominated_by=None):
            removed.append("who made their Working Together award nominations")
    about = Nomination.objects.filter(_about(expert))
    if about.exists():
        name = pseudonym(expert)
        about.filter(winner=True).update(
            nominee=name, shown_as=name, reason="", citation=REMOVED_CITATION
        )
        about.update(nominee=name, reason="")
        removed.append("Working Together award nominations naming them")
    return removed
