"""Who may do what in Working Together. Everyone signed in (staff and experts alike) may
write stories and nominate for the award while nominations are open; only the involvement
lead publishes, sends back and withdraws stories, and opens award rounds. A round's panel (the
staff accounts the lead names on it) and the lead see its nominations and record the
shortlist and winners. The gallery, each published story and the display mode are public
(core.middleware.PUBLIC_URL_NAMES)."""

import rules

from coproduce.accounts.rules import is_involvement_lead


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def on_the_panel(user, award) -> bool:
    if award is None or not is_signed_in(user):
        return False
    return award.panel.filter(pk=user.pk).exists()


@rules.predicate
def wrote_it(user, story) -> bool:
    return bool(story is not None and is_signed_in(user) and story.submitted_by_id == user.pk)


rules.add_perm("stories.write_story", is_signed_in)
rules.add_perm("stories.change_story", wrote_it)
rules.add_perm("stories.review_stories", is_involvement_lead)
rules.add_perm("stories.see_story_photos", wrote_it | is_involvement_lead)
rules.add_perm("stories.nominate", is_signed_in)
rules.add_perm("stories.set_award", is_involvement_lead)
rules.add_perm("stories.judge_award", is_involvement_lead | on_the_panel)
