"""Feedback after every session: a few plain questions to each expert who attended, answered in the portal or by a link in an email, anonymously to the reports if they choose (issue 13)."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coproduce.impact.feedback"
    label = "feedback"

    def ready(self) -> None:
        from coproduce.impact.feedback.portal import feedback_part
        from coproduce.opportunities.portal_parts import add_portal_part

        add_portal_part(feedback_part)
