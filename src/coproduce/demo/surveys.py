"""Demo data for members' surveys: a closed survey of all members about the trust's hospital
food, with about 200 responses (most by personal link, some from paper), and an open survey of
one constituency about parking, with a few answers so far. Answers lean the way real ones do
(most eat lunch, ratings around 3 to 4). Responses by link belong to the demo's members, if the
members part made some; without members they are entered as paper forms. Fast: bulk creates,
nothing audited (demo data is nobody's change)."""

from datetime import timedelta

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.demo.context import DemoContext
from coproduce.membership.members.models import Constituency
from coproduce.membership.surveys import queries
from coproduce.membership.surveys.choices import QuestionKind, SurveyStatus
from coproduce.membership.surveys.models import Answer, Question, Response, Survey

CLOSED_RESPONSES = 200
OPEN_RESPONSES = 12
ON_PAPER = 0.15

COMMENTS = [
    "More choice for people who do not eat meat.",
    "The food was cold by the time it reached the ward.",
    "Lovely soup. Please keep it.",
    "Smaller portions for older patients, but more often.",
    "Menus in large print, please.",
    "Staff helped me to eat, which I was grateful for.",
    "Halal meals were not always available at weekends.",
    "Fresh fruit every day would be good.",
]

FOOD = [
    (
        "Did you or someone you care for eat a meal in our hospitals this year?",
        QuestionKind.ONE_CHOICE,
        ["Yes", "No", "Not sure"],
        True,
    ),
    (
        "Which meals did you have?",
        QuestionKind.SEVERAL_CHOICES,
        ["Breakfast", "Lunch", "Evening meal", "Snacks"],
        False,
    ),
    ("How good was the food, overall?", QuestionKind.RATING, [], True),
    (
        "Could you choose food that met your needs (for example, soft, halal or vegetarian)?",
        QuestionKind.ONE_CHOICE,
        ["Always", "Sometimes", "Never", "I did not need to"],
        True,
    ),
    ("What one thing would make our hospital food better?", QuestionKind.FREE_TEXT, [], False),
]
PARKING = [
    ("How easy was it to park at the hospital on your last visit?", QuestionKind.RATING, [], True),
    (
        "How do you usually travel to the hospital?",
        QuestionKind.SEVERAL_CHOICES,
        ["Car", "Bus", "Walking", "Taxi", "Hospital transport"],
        True,
    ),
    (
        "Anything else you want to tell us about getting to the hospital?",
        QuestionKind.FREE_TEXT,
        [],
        False,
    ),
]


def _questions(survey: Survey, specs) -> list[Question]:
    return Question.objects.bulk_create(
        Question(survey=survey, order=n, text=text, kind=kind, choices=choices, required=required)
        for n, (text, kind, choices, required) in enumerate(specs)
    )


def _answer(ctx: DemoContext, question: Question) -> list[tuple[str, str]]:
    """(value, text) rows for one person's answer to one question."""
    rng = ctx.rng
    if question.kind == QuestionKind.RATING:
        return [(rng.choices(["1", "2", "3", "4", "5"], [6, 12, 30, 36, 16])[0], "")]
    if question.kind == QuestionKind.FREE_TEXT:
        return [("", rng.choice(COMMENTS))] if rng.random() < 0.3 else []
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        weights = [0.35, 0.8, 0.55, 0.3, 0.15]
        chosen = [c for c, w in zip(question.choices, weights, strict=False) if rng.random() < w]
        if not chosen and question.required:
            chosen = [question.choices[0]]
        return [(c, "") for c in chosen]
    shares = [60, 30, 8, 5][: len(question.choices)]
    return [(rng.choices(question.choices, shares)[0], "")]


def _respond(ctx: DemoContext, survey: Survey, questions, members, count: int, days: int) -> int:
    rng = ctx.rng
    opened = survey.opened_at or ctx.now
    chosen = rng.sample(members, min(len(members), int(count * (1 - ON_PAPER))))
    places = list(Constituency.objects.values_list("pk", flat=True))
    responses = [
        Response(
            survey=survey,
            member_id=pk,
            constituency_id=place,
            answered_at=opened + timedelta(minutes=rng.randint(10, days * 24 * 60)),
        )
        for pk, place in chosen
    ]
    responses += [
        Response(
            survey=survey,
            constituency_id=survey.constituency_id
            or (rng.choice(places) if places and rng.random() < 0.8 else None),
            paper=True,
            answered_at=opened + timedelta(days=rng.randint(3, days)),
        )
        for _ in range(count - len(chosen))
    ]
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(
        (
            Answer(response=response, question=question, value=value, text=text)
            for response in responses
            for question in questions
            for value, text in _answer(ctx, question)
        ),
        batch_size=2000,
    )
    return len(responses)


def _count_sent(survey: Survey) -> None:
    """Who was emailed a link and who wants a letter, as opening the survey counts them."""
    Survey.objects.filter(pk=survey.pk).update(
        emailed=queries.to_email(survey).count(), by_post=queries.wanting_letters(survey).count()
    )


def create(ctx: DemoContext) -> None:
    if Survey.objects.exists():
        ctx.say("Members' surveys: already there")
        return
    office = User.objects.filter(role=Role.MEMBERSHIP_OFFICE).first()
    today = ctx.now.date()
    food = Survey.objects.create(
        title="Our hospital food",
        introduction="We are choosing a new food supplier. Tell us what you think of the food "
        "in our hospitals, so that your views shape the choice.",
        status=SurveyStatus.CLOSED,
        closes_on=today - timedelta(days=30),
        made_by=office,
        opened_at=ctx.now - timedelta(days=72),
        closed_at=ctx.now - timedelta(days=29),
    )
    food_questions = _questions(food, FOOD)
    members = list(queries.to_email(food).values_list("pk", "constituency_id"))
    answered = _respond(ctx, food, food_questions, members, CLOSED_RESPONSES, 40)
    _count_sent(food)

    place = Constituency.objects.first()
    parking = Survey.objects.create(
        title="Getting to the hospital",
        introduction="We want to make it easier to get to our hospitals. Tell us how you "
        "travel and what would help.",
        constituency=place,
        status=SurveyStatus.OPEN,
        closes_on=today + timedelta(days=21),
        made_by=office,
        opened_at=ctx.now - timedelta(days=7),
    )
    parking_questions = _questions(parking, PARKING)
    nearby = list(queries.to_email(parking).values_list("pk", "constituency_id"))
    so_far = _respond(ctx, parking, parking_questions, nearby, OPEN_RESPONSES, 7)
    _count_sent(parking)
    ctx.say(f"Members' surveys: one closed with {answered:,} responses, one open with {so_far:,}")
