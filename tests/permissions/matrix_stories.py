"""Permission matrix entries for Working Together (issue 14): the public gallery, published
stories and their photos, the display mode and the page about involvement are open to all;
everyone signed in writes stories and nominates; another's story reads as missing; only the
involvement lead reviews stories, opens award rounds and writes the public page's words; an
award round's panel (here, someone else) and the lead judge it."""

from tests.permissions.outcomes import (
    EVERYONE_SIGNED_IN,
    INVALID,
    LOGIN,
    MISSING,
    OK,
    PUBLIC,
    REDIRECT,
    only,
    rule,
)

GET, POST = "get", "post"
lead_only = only(("lead",))
# Someone else's story: as if it did not exist, for everyone signed in.
anothers = rule(default=MISSING)
lead_sees_others_missing = rule(default=MISSING, lead=OK, anonymous=LOGIN)

STORIES: dict[str, tuple[str, str, dict[str, str]]] = {
    "stories:working_together_gallery": (GET, "", PUBLIC),
    "stories:working_together_display": (GET, "", PUBLIC),
    "stories:working_together_story": (GET, "published_story", PUBLIC),
    "stories:working_together_photo": (GET, "published_photo", PUBLIC),
    "stories:mine": (GET, "", EVERYONE_SIGNED_IN),
    "stories:new": (GET, "", EVERYONE_SIGNED_IN),
    "stories:mine_detail": (GET, "anothers_story", anothers),
    "stories:change": (GET, "anothers_story", anothers),
    "stories:add_photo": (GET, "anothers_story", anothers),
    "stories:remove_photo": (POST, "anothers_story_photo", anothers),
    "stories:submit": (POST, "anothers_story", anothers),
    "stories:private_photo": (GET, "unpublished_photo", lead_sees_others_missing),
    "stories:review_list": (GET, "", lead_only),
    "stories:review": (GET, "submitted_story", lead_only),
    "stories:publish": (POST, "submitted_story", only(("lead",), ok=REDIRECT)),
    # Sent without a reason: the lead is asked for one.
    "stories:send_back": (POST, "submitted_story", only(("lead",), ok=INVALID)),
    "stories:withdraw": (POST, "published_story", only(("lead",), ok=INVALID)),
    "stories:nominate": (GET, "", EVERYONE_SIGNED_IN),
    "stories:award_rounds": (GET, "", lead_only),
    "stories:award_round_new": (GET, "", lead_only),
    "stories:award_round_change": (GET, "award_round", lead_only),
    "stories:award_panel": (GET, "award_round", lead_only),
    "stories:award_announce": (POST, "award_round", only(("lead",), ok=REDIRECT)),
    "stories:award_shortlist": (POST, "award_nomination", only(("lead",), ok=REDIRECT)),
    "stories:award_winner": (GET, "award_nomination", lead_only),
    "public_pages:involvement_here": (GET, "", PUBLIC),
    "public_pages:involvement_words": (GET, "", lead_only),
}


def kwargs(key: str) -> dict | None:
    from coproduce.comms.stories.models import StoryStatus
    from tests.comms.stories import helpers

    if key == "published_story":
        return {"pk": helpers.story(status=StoryStatus.PUBLISHED).pk}
    if key == "published_photo":
        return {"pk": helpers.add_photo(helpers.story(status=StoryStatus.PUBLISHED)).pk}
    if key == "anothers_story":
        return {"pk": helpers.story().pk}
    if key == "anothers_story_photo":
        photo = helpers.add_photo(helpers.story())
        return {"pk": photo.story_id, "photo_pk": photo.pk}
    if key == "unpublished_photo":
        return {"pk": helpers.add_photo(helpers.story(status=StoryStatus.SUBMITTED)).pk}
    if key == "submitted_story":
        return {"pk": helpers.story(status=StoryStatus.SUBMITTED).pk}
    if key == "award_round":
        from tests.factories import UserFactory

        return {"pk": helpers.award_round(panel=[UserFactory()]).pk}
    if key == "award_nomination":
        return {"pk": helpers.nomination(helpers.award_round()).pk}
    return None
