"""The questions, in plain words, fixed in the code rather than set by the lead: a handful of
short questions an expert with a learning disability can answer on a phone, the same for every
session so that figures can be compared across sessions, teams and years. (Letting the lead
reword them would mean keeping every wording with the answers given to it; not worth it for
five questions.)"""

from dataclasses import dataclass

from coproduce.impact.feedback.models import Answer

A = Answer


@dataclass(frozen=True)
class Question:
    field: str
    text: str
    hint: str
    choices: tuple[Answer, ...]
    # What the question is about, for messages ("Choose whether you felt listened to") and
    # for the coordinator's summary.
    subject: str
    short: str


QUESTIONS: tuple[Question, ...] = (
    Question(
        "good_experience",
        "Was the meeting good for you?",
        "",
        (A.YES, A.PARTLY, A.NO, A.NOT_SURE),
        "whether the meeting was good for you",
        "Was the meeting good for them?",
    ),
    Question(
        "listened_to",
        "Did you feel listened to?",
        "",
        (A.YES, A.PARTLY, A.NO, A.NOT_SURE),
        "whether you felt listened to",
        "Did they feel listened to?",
    ),
    Question(
        "access_needs_met",
        "Did you get the help you need to take part?",
        "For example, easy read papers, a hearing loop, a ramp or a quiet room.",
        (A.YES, A.PARTLY, A.NO, A.NOT_SURE, A.NOT_NEEDED),
        "whether you got the help you need to take part",
        "Were their access needs met?",
    ),
    Question(
        "had_what_needed",
        "Did you get what you needed before the meeting?",
        "For example, papers to read, help with travel, and where to go.",
        (A.YES, A.PARTLY, A.NO, A.NOT_SURE),
        "whether you got what you needed before the meeting",
        "Did they get what they needed beforehand?",
    ),
)

COMMENTS_LABEL = "Is there anything else you want to tell us? (you do not have to)"
ANONYMOUS_LABEL = "Can we put your name with your answers?"
ANONYMOUS_HINT = (
    "If you say no, we will not know which answers are yours. We will only know that you answered."
)
NAMED, ANONYMOUS = "named", "anonymous"
ANONYMOUS_CHOICES = [
    (NAMED, "Yes, you can use my name"),
    (ANONYMOUS, "No, do not use my name"),
]
