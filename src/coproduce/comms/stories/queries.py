"""Reads for Working Together, each a fixed number of queries: the public gallery and
display mode (published stories only, with their photos), a writer's own stories, the lead's
list to review, the award's rounds and nominations, and the plain data the public pages read."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.comms.stories.models import (
    AwardRound,
    Nomination,
    Story,
    StoryPhoto,
    StoryStatus,
)
from coproduce.opportunities.models import Opportunity

GALLERY_PAGE = 12
# Display mode rotates through the most recent published stories.
MOST_SLIDES = 30
MOST_WORK_CHOICES = 200
MOST_LISTED = 200


def _with_photos(stories: QuerySet[Story]) -> QuerySet[Story]:
    return stories.prefetch_related(
        Prefetch("photos", queryset=StoryPhoto.objects.order_by("added_at", "id"))
    )


def gallery_page(number: str | int | None) -> Page:
    """A page of published stories, newest first, with their photos: three queries."""
    stories = _with_photos(Story.objects.published().order_by("-published_at", "-id"))
    return Paginator(stories, GALLERY_PAGE).get_page(number)


def published_story(pk: int) -> Story | None:
    return _with_photos(Story.objects.published().filter(pk=pk)).first()


def slides() -> list[Story]:
    """The stories display mode rotates through: two queries."""
    return list(
        _with_photos(Story.objects.published().order_by("-published_at", "-id"))[:MOST_SLIDES]
    )


def public_photo(pk: int) -> StoryPhoto | None:
    """A photo anyone may see: only while its story is published."""
    return StoryPhoto.objects.filter(pk=pk, story__status=StoryStatus.PUBLISHED).first()


def any_photo(pk: int) -> StoryPhoto | None:
    return StoryPhoto.objects.select_related("story").filter(pk=pk).first()


def story(pk: int) -> Story | None:
    return _with_photos(
        Story.objects.select_related("submitted_by", "opportunity").filter(pk=pk)
    ).first()


def stories_of(user) -> list[Story]:
    """A writer's own stories, newest first, with how many photos each has."""
    return list(
        Story.objects.filter(submitted_by=user)
        .annotate(photo_count=Count("photos"))
        .order_by("-created_at", "-id")[:MOST_LISTED]
    )


def to_review() -> dict[str, list[Story]]:
    """The lead's lists: waiting, published, sent back and withdrawn (one query)."""
    found: dict[str, list[Story]] = {status: [] for status in StoryStatus.values}
    rows = (
        Story.objects.exclude(status=StoryStatus.DRAFT)
        .select_related("submitted_by")
        .annotate(photo_count=Count("photos"))
        .order_by("-submitted_at", "-id")[:MOST_LISTED]
    )
    for row in rows:
        found[row.status].append(row)
    return found


def work_choices(user) -> list[tuple[int, str]]:
    """The work a story may come from: work the person took part in or asked for (all work for
    the involvement team). Confidential work is never offered: a story is public."""
    work = Opportunity.objects.not_confidential()
    if user.role not in (Role.INVOLVEMENT_LEAD, Role.COORDINATOR):
        work = work.filter(
            Q(requested_by=user)
            | Q(team_id=user.team_id, team_id__isnull=False)
            | Q(
                sessions__invitations__expert__user=user,
                sessions__invitations__attendance="attended",
            )
        )
    return list(
        work.order_by("-created_at", "-id")
        .values_list("pk", "title")
        .distinct()[:MOST_WORK_CHOICES]
    )


# The award ---------------------------------------------------------------------------------


def rounds() -> list[AwardRound]:
    return list(
        AwardRound.objects.annotate(
            nomination_count=Count("nominations", distinct=True),
            winner_count=Count("nominations", filter=Q(nominations__winner=True), distinct=True),
        ).order_by("-year")
    )


def award_round(pk: int) -> AwardRound | None:
    return AwardRound.objects.prefetch_related("panel").filter(pk=pk).first()


def current_round() -> AwardRound | None:
    """The round people nominate in: the one open today, else the next to open, else the
    latest."""
    today = timezone.localdate()
    open_now = AwardRound.objects.filter(opens_on__lte=today, closes_on__gte=today).first()
    if open_now:
        return open_now
    upcoming = AwardRound.objects.filter(opens_on__gt=today).order_by("opens_on").first()
    return upcoming or AwardRound.objects.order_by("-closes_on").first()


def nominations_of(award: AwardRound) -> list[Nomination]:
    return list(
        award.nominations.select_related("nominated_by").order_by("category", "nominated_at", "id")
    )


def nomination(pk: int) -> Nomination | None:
    return Nomination.objects.select_related("award").filter(pk=pk).first()


def panel_choices() -> list[tuple[int, str]]:
    """The staff accounts that may sit on a panel: every active staff account."""
    staff = (
        User.objects.filter(is_active=True).exclude(role=Role.EXPERT).order_by("full_name", "pk")
    )
    return [(user.pk, f"{user.display_name} ({user.email})") for user in staff]


def winners() -> list[Nomination]:
    """The winners of the rounds announced, latest round first (one query)."""
    return list(
        Nomination.objects.filter(winner=True, award__announced_at__isnull=False)
        .select_related("award")
        .order_by("-award__year", "category", "id")[:MOST_LISTED]
    )


# For the public pages ----------------------------------------------------------------------


@dataclass(frozen=True)
class StoryCard:
    """A published story as the public pages show it: nothing but what was published."""

    pk: int
    title: str
    what_changed: str
    published_on: object
    photo_id: int | None
    photo_alt: str


def latest_stories(limit: int = 3) -> list[StoryCard]:
    """The newest published stories, as plain data (two queries)."""
    stories = _with_photos(Story.objects.published().order_by("-published_at", "-id"))[:limit]
    cards = []
    for one in stories:
        photos = list(one.photos.all())
        cards.append(
            StoryCard(
                pk=one.pk,
                title=one.title,
                what_changed=one.what_changed,
                published_on=one.published_at,
                photo_id=photos[0].pk if photos else None,
                photo_alt=photos[0].alt_text if photos else "",
            )
        )
    return cards
