"""Feedback's part of a person's data: each time we asked how a session went and whether they
answered, and the answers they gave with their name. Anonymous answers are not theirs to
find: nothing links them to the person, so they are in no one's data (and stay, nameless, in
the figures)."""

from coproduce.core.subject_access import Section
from coproduce.impact.feedback import queries
from coproduce.impact.feedback.models import FeedbackAnswer


def collect(expert) -> Section:
    return Section(
        "feedback",
        {
            "asked_how_it_went": [
                {
                    "opportunity": r.invitation.session.opportunity.title,
                    "session_starts": r.invitation.session.starts_at,
                    "asked_at": r.asked_at,
                    "emailed_at": r.emailed_at,
                    "answered": r.answered,
                }
                for r in queries.requests_of(expert).order_by("asked_at", "pk")
            ],
            "answers_with_your_name": [
                {
                    "opportunity": a.session.opportunity.title,
                    "session_starts": a.session.starts_at,
                    "answered_on": a.answered_on,
                    "was_the_meeting_good_for_you": a.get_good_experience_display(),
                    "did_you_feel_listened_to": a.get_listened_to_display(),
                    "did_you_get_the_help_you_need": a.get_access_needs_met_display(),
                    "did_you_get_what_you_needed_before": a.get_had_what_needed_display(),
                    "anything_else": a.comments,
                }
                for a in queries.named_answers_of(expert).order_by("answered_on", "session_id")
            ],
        },
    )


def erase(expert) -> list[str]:
    """Their named answers lose their name and what they wrote in their own words; the choices
    stay, like an anonymous answer, so the figures stay the same. The requests stay with the
    places they belong to (which are kept): they hold only that we asked and that they
    answered."""
    count = FeedbackAnswer.objects.filter(expert=expert).update(
        expert=None, request=None, comments=""
    )
    return ["their name and words on the feedback they gave"] if count else []
