"""Writing surveys: making one and its questions while it is a draft, opening it (a personal
link emailed to each member of its audience who wants email), closing it, and saving answers
given by a link or copied from a paper form. Every change is audited; answers are audited with
no content, so the trail never says who said what."""

from collections.abc import Mapping, Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.lengths import too_long
from coproduce.membership.members.models import Constituency, Member
from coproduce.membership.surveys import queries
from coproduce.membership.surveys.choices import RATINGS, QuestionKind, SurveyStatus
from coproduce.membership.surveys.links import ALREADY_ANSWERED, SURVEY_CLOSED
from coproduce.membership.surveys.models import (
    CHOICE_MAX,
    TEXT_ANSWER_MAX,
    Answer,
    Question,
    Response,
    Survey,
)
from coproduce.membership.surveys.tasks import send_survey_link

# What a person gave: for each question's id, the chosen values (a list) or the text typed.
Given = Mapping[int, Sequence[str] | str]

NOT_A_DRAFT = "This survey has been opened, so its questions can no longer change"
NO_QUESTIONS = "Add at least one question before you open the survey"
CLOSES_IN_PAST = "The closing date must be today or in the future"
NOT_OPEN_FOR_PAPER = "Paper answers can be entered only while the survey is open"


class SurveyError(Exception):
    """The change cannot be made; `message` says why, in words for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _short(survey: Survey) -> str:
    return audit.shortened(survey.title, 120)


def _must_be_draft(survey: Survey) -> None:
    if not survey.is_draft:
        raise SurveyError(NOT_A_DRAFT)


@transaction.atomic
def make_survey(
    *,
    actor,
    title: str,
    introduction: str,
    constituency: Constituency | None,
    closes_on: date,
) -> Survey:
    """A new draft survey, ready for its questions."""
    survey = Survey.objects.create(
        title=title.strip(),
        introduction=introduction.strip(),
        constituency=constituency,
        closes_on=closes_on,
        made_by=actor,
    )
    audit.record_change(
        actor=actor,
        instance=survey,
        action=AuditEvent.Action.CREATED,
        summary=f"Made the survey ‘{_short(survey)}’",
    )
    return survey


@transaction.atomic
def change_survey(
    *,
    actor,
    survey: Survey,
    title: str,
    introduction: str,
    constituency: Constituency | None,
    closes_on: date,
) -> Survey:
    """Changes a draft's title, introduction, audience or closing date. An open survey may
    only have its closing date moved (to keep it open longer or close it sooner)."""
    before = {
        "title": survey.title,
        "introduction": survey.introduction,
        "constituency": survey.constituency_id,
        "closes_on": str(survey.closes_on),
    }
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError(SURVEY_CLOSED)
    if not survey.is_draft and (
        title.strip() != survey.title
        or introduction.strip() != survey.introduction
        or (constituency.pk if constituency else None) != survey.constituency_id
    ):
        raise SurveyError("This survey is open: only its closing date can change")
    survey.title = title.strip()
    survey.introduction = introduction.strip()
    survey.constituency = constituency
    survey.closes_on = closes_on
    survey.save()
    after = {
        "title": survey.title,
        "introduction": survey.introduction,
        "constituency": survey.constituency_id,
        "closes_on": str(survey.closes_on),
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        audit.record_change(
            actor=actor,
            instance=survey,
            action=AuditEvent.Action.UPDATED,
            changes=changes,
            summary=f"Changed the survey ‘{_short(survey)}’",
        )
    return survey


def _clean_choices(kind: str, choices: Sequence[str]) -> list[str]:
    if kind not in {QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES}:
        return []
    cleaned = [c.strip() for c in choices if c.strip()]
    if len(cleaned) < 2:
        raise SurveyError("Give at least 2 choices, one on each line")
    if len({c.casefold() for c in cleaned}) != len(cleaned):
        raise SurveyError("Each choice must be different")
    for choice in cleaned:
        if len(choice) > CHOICE_MAX:
            raise SurveyError(too_long("Each choice", CHOICE_MAX))
    return cleaned


@transaction.atomic
def add_question(
    *, actor, survey: Survey, text: str, kind: str, choices: Sequence[str], required: bool
) -> Question:
    """Adds a question at the end of a draft survey."""
    _must_be_draft(survey)
    last = survey.questions.aggregate(last=Max("order"))["last"]
    question = Question.objects.create(
        survey=survey,
        order=0 if last is None else last + 1,
        text=text.strip(),
        kind=kind,
        choices=_clean_choices(kind, choices),
        required=required,
    )
    audit.record_change(
        actor=actor,
        instance=question,
        subject=survey,
        action=AuditEvent.Action.CREATED,
        summary=f"Added a question to ‘{_short(survey)}’",
    )
    return question


@transaction.atomic
def change_question(
    *, actor, question: Question, text: str, kind: str, choices: Sequence[str], required: bool
) -> Question:
    _must_be_draft(question.survey)
    before = [question.text, question.kind, question.choices, question.required]
    question.text = text.strip()
    question.kind = kind
    question.choices = _clean_choices(kind, choices)
    question.required = required
    question.save()
    audit.record_change(
        actor=actor,
        instance=question,
        subject=question.survey,
        action=AuditEvent.Action.UPDATED,
        changes={"question": [before, [question.text, kind, question.choices, question.required]]},
        summary=f"Changed a question of ‘{_short(question.survey)}’",
    )
    return question


@transaction.atomic
def move_question(*, actor, question: Question, up: bool) -> bool:
    """Swaps the question with the one before (up) or after it; False at either end."""
    survey = question.survey
    _must_be_draft(survey)
    ordered = list(survey.questions.order_by("order", "id"))
    at = next(n for n, q in enumerate(ordered) if q.pk == question.pk)
    other = at - 1 if up else at + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[at], ordered[other] = ordered[other], ordered[at]
    for order, one in enumerate(ordered):
        one.order = order
    Question.objects.bulk_update(ordered, ["order"])
    audit.record_change(
        actor=actor,
        instance=question,
        subject=survey,
        action=AuditEvent.Action.UPDATED,
        changes={"order": [at + 1, other + 1]},
        summary=f"Moved a question of ‘{_short(survey)}’",
    )
    return True


@transaction.atomic
def remove_question(*, actor, question: Question) -> None:
    survey = question.survey
    _must_be_draft(survey)
    audit.record_change(
        actor=actor,
        instance=question,
        subject=survey,
        action=AuditEvent.Action.DELETED,
        changes={"text": [question.text, None]},
        summary=f"Removed a question from ‘{_short(survey)}’",
    )
    question.delete()


@transaction.atomic
def open_survey(*, actor, survey: Survey) -> Survey:
    """Opens a draft: each current member of its audience who wants email is sent their own
    link (one email each, in the background); those who want post are counted, for the
    membership office to send a letter (queries.wanting_letters lists them)."""
    # Locked, so that two presses of the button send one set of emails.
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _must_be_draft(survey)
    if not survey.questions.exists():
        raise SurveyError(NO_QUESTIONS)
    if survey.closes_on < timezone.localdate():
        raise SurveyError(CLOSES_IN_PAST)
    member_ids = list(queries.to_email(survey).values_list("pk", flat=True))
    survey.status = SurveyStatus.OPEN
    survey.opened_at = timezone.now()
    survey.emailed = len(member_ids)
    survey.by_post = queries.wanting_letters(survey).count()
    survey.save()
    audit.record_change(
        actor=actor,
        instance=survey,
        action=AuditEvent.Action.STATUS_CHANGED,
        changes={"status": [SurveyStatus.DRAFT, SurveyStatus.OPEN]},
        summary=f"Opened the survey ‘{_short(survey)}’: {survey.emailed} emails, "
        f"{survey.by_post} letters",
    )
    # Queued inside the transaction: with the database task backend the survey is opened and
    # its emails queued together, or not at all.
    for member_id in member_ids:
        send_survey_link.enqueue(survey.pk, member_id)
    return survey


@transaction.atomic
def close_survey(*, actor, survey: Survey) -> Survey:
    """Closes an open survey: its links and paper entry stop, its results are final."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open:
        raise SurveyError("Only an open survey can be closed")
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save()
    audit.record_change(
        actor=actor,
        instance=survey,
        action=AuditEvent.Action.STATUS_CHANGED,
        changes={"status": [SurveyStatus.OPEN, SurveyStatus.CLOSED]},
        summary=f"Closed the survey ‘{_short(survey)}’",
    )
    return survey


def close_surveys_past_their_closing_date(*, today: date | None = None) -> int:
    """Closes every open survey whose closing date has passed, as the office would (through
    close_survey, so each is audited the same way; the actor is the scheduler, so none). Its
    results are then final. Running it again, or twice at once, closes nothing more: a survey
    closed meanwhile is skipped. Returns how many it closed."""
    today = today or timezone.localdate()
    closed = 0
    for survey in queries.past_their_closing_date(today):
        try:
            close_survey(actor=None, survey=survey)
        except SurveyError:  # closed by the office, or another run, since it was listed
            continue
        closed += 1
    return closed


def _answers(questions: Sequence[Question], given: Given) -> list[tuple[Question, str, str]]:
    """The rows to save, as (question, value, text); SurveyError for the first problem."""
    rows: list[tuple[Question, str, str]] = []
    for number, question in enumerate(questions, start=1):
        raw = given.get(question.pk, "")
        if question.kind == QuestionKind.FREE_TEXT:
            text = raw.strip() if isinstance(raw, str) else ""
            if len(text) > TEXT_ANSWER_MAX:
                raise SurveyError(too_long(f"Your answer to question {number}", TEXT_ANSWER_MAX))
            if text:
                rows.append((question, "", text))
            elif question.required:
                raise SurveyError(f"Answer question {number}")
            continue
        values = [raw] if isinstance(raw, str) else list(raw)
        values = [v for v in values if v]
        allowed = (
            {v for v, _ in RATINGS}
            if question.kind == QuestionKind.RATING
            else set(question.choices)
        )
        if any(v not in allowed for v in values) or (
            question.kind != QuestionKind.SEVERAL_CHOICES and len(values) > 1
        ):
            raise SurveyError(f"Choose your answer to question {number} again")
        if not values and question.required:
            raise SurveyError(f"Answer question {number}")
        rows.extend((question, value, "") for value in dict.fromkeys(values))
    return rows


@transaction.atomic
def answer_survey(*, survey: Survey, member: Member, given: Given) -> Response:
    """Saves a member's answers from their personal link, once. Raises SurveyError (and saves
    nothing) when the survey is not open, an answer is missing or not allowed, or they have
    answered already (another tab, the link used again, two presses at once)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.taking_answers:
        raise SurveyError(SURVEY_CLOSED)
    rows = _answers(list(survey.questions.all()), given)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                member=member,
                constituency_id=member.constituency_id,
                answered_at=timezone.now(),
            )
    except IntegrityError:
        raise SurveyError(ALREADY_ANSWERED) from None
    Answer.objects.bulk_create(
        Answer(response=response, question=q, value=value, text=text) for q, value, text in rows
    )
    # No content: the trail says that they answered, never what.
    audit.record_change(
        actor=None,
        instance=response,
        subject=member,
        action=AuditEvent.Action.CREATED,
        summary=f"Answered the survey ‘{_short(survey)}’",
    )
    return response


@transaction.atomic
def enter_paper_response(
    *, actor, survey: Survey, constituency: Constituency | None, given: Given
) -> Response:
    """Copies a paper form's answers into an open survey. Paper forms are anonymous: the
    response has no member, only the constituency written on it, if any."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open:
        raise SurveyError(NOT_OPEN_FOR_PAPER)
    rows = _answers(list(survey.questions.all()), given)
    response = Response.objects.create(
        survey=survey,
        constituency=constituency,
        paper=True,
        answered_at=timezone.now(),
        entered_by=actor,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=q, value=value, text=text) for q, value, text in rows
    )
    audit.record_change(
        actor=actor,
        instance=response,
        subject=survey,
        action=AuditEvent.Action.CREATED,
        summary=f"Entered a paper answer to ‘{_short(survey)}’",
    )
    return response
