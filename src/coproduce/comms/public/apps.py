"""The public face of involvement: what involvement is here, how to get involved, upcoming
open events and the Working Together gallery, with nothing personal (issue 14)."""

from django.apps import AppConfig


class PublicPagesConfig(AppConfig):
    name = "coproduce.comms.public"
    label = "public_pages"
