"""Working Together: stories of involvement submitted by staff and experts, approved and
published to a public gallery and a display mode for screens, and the annual Working Together
award (issue 14)."""

from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "coproduce.comms.stories"
    label = "stories"
