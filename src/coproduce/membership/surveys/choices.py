"""The choices a survey is made of."""

from django.db import models


class SurveyStatus(models.TextChoices):
    """A survey is written as a draft, opened (its links sent) and closed. Questions change
    only while it is a draft, so every answer was given to the same questions."""

    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class QuestionKind(models.TextChoices):
    ONE_CHOICE = "one", "One choice"
    SEVERAL_CHOICES = "several", "Several choices"
    RATING = "rating", "A rating from 1 to 5"
    FREE_TEXT = "text", "Free text"


# The rating's five points, in words beside the numbers so nobody has to guess which end is good.
RATINGS = [
    ("1", "1 – very poor"),
    ("2", "2 – poor"),
    ("3", "3 – neither good nor poor"),
    ("4", "4 – good"),
    ("5", "5 – very good"),
]
