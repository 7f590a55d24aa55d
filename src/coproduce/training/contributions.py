"""What training adds to people's pages (see people/contributions.py): the expert's training
on their profile, with what the team can do about it."""

from django.utils import timezone

from coproduce.people.contributions import ProfileSection
from coproduce.training import queries


def training_section(user, expert) -> ProfileSection | None:
    if not user.has_perm("training.record_training"):
        return None
    return ProfileSection(
        template="training/_expert_training.jinja",
        data={"records": queries.training_of_expert(expert), "today": timezone.localdate()},
    )
