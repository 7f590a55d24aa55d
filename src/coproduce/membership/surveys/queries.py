"""Reads for surveys, each a fixed number of queries: the list, one survey with its questions,
who a survey goes to (by email, or by letter), and the counts its results are made of. The
counts never carry who gave an answer: only question, value and number."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from coproduce.membership.members.choices import MemberStatus
from coproduce.membership.members.models import Constituency, Member
from coproduce.membership.surveys.choices import QuestionKind, SurveyStatus
from coproduce.membership.surveys.models import Answer, Question, Response, Survey


def surveys() -> QuerySet[Survey]:
    """Every survey, newest first, with its audience and number of responses: one query."""
    return (
        Survey.objects.select_related("constituency")
        .annotate(responses_count=Count("responses"))
        .order_by("-created_at", "-id")
    )


def survey(pk: int) -> Survey | None:
    return Survey.objects.select_related("constituency", "made_by").filter(pk=pk).first()


def past_their_closing_date(today: date) -> QuerySet[Survey]:
    """Open surveys whose closing date is before `today` (their links stopped at its end)."""
    return Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__lt=today).order_by("pk")


def questions(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("order", "id"))


def question(survey: Survey, pk: int) -> Question | None:
    return survey.questions.filter(pk=pk).first()


def constituencies() -> list[Constituency]:
    return list(Constituency.objects.all())


def constituency(pk: int | None) -> Constituency | None:
    return None if pk is None else Constituency.objects.filter(pk=pk).first()


def audience(survey: Survey) -> QuerySet[Member]:
    """The current members a survey is for."""
    members = Member.objects.filter(status=MemberStatus.MEMBER)
    if survey.constituency_id is not None:
        members = members.filter(constituency_id=survey.constituency_id)
    return members


def to_email(survey: Survey) -> QuerySet[Member]:
    """Members of the audience sent a personal link by email: they want email and have an
    address."""
    return audience(survey).filter(by_email=True).exclude(email="")


def wanting_letters(survey: Survey) -> QuerySet[Member]:
    """Members of the audience who want post and are not sent an email: the membership office
    sends them a letter with a paper form."""
    return (
        audience(survey)
        .filter(by_post=True)
        .exclude(Q(by_email=True) & ~Q(email=""))
        .select_related("constituency")
        .order_by("postcode", "full_name", "id")
    )


def member_to_send(survey_id: int, member_id: int) -> tuple[Survey, Member] | None:
    """The survey and member one email goes to, if it should still go: the survey is open and
    they are a current member who wants email."""
    found = Survey.objects.filter(pk=survey_id, status="open").first()
    if found is None:
        return None
    member = to_email(found).filter(pk=member_id).first()
    return None if member is None else (found, member)


@dataclass
class Counts:
    """What a survey's results are made of: 5 queries, whatever the number of responses."""

    responses: int = 0
    on_paper: int = 0
    # Responses by constituency name ("Not given" for a paper form with none).
    by_constituency: list[tuple[str, int]] = field(default_factory=list)
    # For each question's id: how many answered it, and how many chose each value.
    answered: dict[int, int] = field(default_factory=dict)
    chosen: dict[int, dict[str, int]] = field(default_factory=dict)
    # The free-text answers to each question, in the order given (no names).
    texts: dict[int, list[str]] = field(default_factory=dict)


NOT_GIVEN = "Not given"


def counts(survey: Survey) -> Counts:
    found = Counts()
    totals = Response.objects.filter(survey=survey).aggregate(
        responses=Count("id"), on_paper=Count("id", filter=Q(paper=True))
    )
    found.responses, found.on_paper = totals["responses"], totals["on_paper"]
    found.by_constituency = [
        (row["constituency__name"] or NOT_GIVEN, row["n"])
        for row in Response.objects.filter(survey=survey)
        .values("constituency__name", "constituency__order")
        .annotate(n=Count("id"))
        # Paper forms with no constituency last, on every database.
        .order_by(
            F("constituency__order").asc(nulls_last=True),
            F("constituency__name").asc(nulls_last=True),
        )
    ]
    answers = Answer.objects.filter(question__survey=survey)
    for row in (
        answers.exclude(question__kind=QuestionKind.FREE_TEXT)
        .values("question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        found.chosen.setdefault(row["question_id"], {})[row["value"]] = row["n"]
    for row in (
        answers.values("question_id").annotate(n=Count("response_id", distinct=True)).order_by()
    ):
        found.answered[row["question_id"]] = row["n"]
    for question_id, text in (
        answers.filter(question__kind=QuestionKind.FREE_TEXT)
        # In the order of the words, not of answering: the audit trail says when each member
        # answered, and an order shared with that would name them.
        .order_by("question_id", "text")
        .values_list("question_id", "text")
    ):
        found.texts.setdefault(question_id, []).append(text)
    return found
