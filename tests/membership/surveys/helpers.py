"""Shared records for the survey tests: two constituencies, members who want email or post,
a membership office user, and a survey with one question of each kind."""

from datetime import date

from django.utils import timezone

from coproduce.accounts.roles import Role
from coproduce.membership.members.choices import ConstituencyKind, JoinedBy, MemberStatus
from coproduce.membership.members.models import Constituency, Member
from coproduce.membership.surveys import services
from coproduce.membership.surveys.choices import QuestionKind
from coproduce.membership.surveys.models import Survey
from tests.factories import UserFactory


def office_user():
    return UserFactory(role=Role.MEMBERSHIP_OFFICE, full_name="Ruth Office")


def constituencies() -> tuple[Constituency, Constituency]:
    return (
        Constituency.objects.get_or_create(
            name="Leeds North", defaults={"kind": ConstituencyKind.PUBLIC, "order": 1}
        )[0],
        Constituency.objects.get_or_create(
            name="Staff", defaults={"kind": ConstituencyKind.STAFF, "order": 2}
        )[0],
    )


def member(constituency: Constituency, n: int = 0, **fields) -> Member:
    values = {
        "full_name": f"Member {n}",
        "email": f"member{n}@example.org",
        "address": f"{n} Street, Leeds",
        "postcode": "LS6 2AB",
        "date_of_birth": date(1970, 5, 1),
        "joined_by": JoinedBy.ONLINE,
        **fields,
    }
    if values.get("status") == MemberStatus.LEFT:
        values.setdefault("left_at", timezone.now())
    return Member.objects.create(constituency=constituency, **values)


def survey_with_questions(actor, constituency: Constituency | None = None) -> Survey:
    """A draft with four questions: one choice, several choices, a rating and free text
    (the last optional)."""
    survey = services.make_survey(
        actor=actor,
        title="Our hospital food",
        introduction="Tell us what you think of the food.",
        constituency=constituency,
        closes_on=timezone.localdate().replace(year=timezone.localdate().year + 1),
    )
    services.add_question(
        actor=actor,
        survey=survey,
        text="Have you eaten in our hospital this year?",
        kind=QuestionKind.ONE_CHOICE,
        choices=["Yes", "No"],
        required=True,
    )
    services.add_question(
        actor=actor,
        survey=survey,
        text="Which meals did you have?",
        kind=QuestionKind.SEVERAL_CHOICES,
        choices=["Breakfast", "Lunch", "Dinner"],
        required=False,
    )
    services.add_question(
        actor=actor,
        survey=survey,
        text="How good was the food?",
        kind=QuestionKind.RATING,
        choices=[],
        required=True,
    )
    services.add_question(
        actor=actor,
        survey=survey,
        text="What would make it better?",
        kind=QuestionKind.FREE_TEXT,
        choices=[],
        required=False,
    )
    return survey


def ids(survey: Survey) -> list[int]:
    return list(survey.questions.order_by("order").values_list("pk", flat=True))
