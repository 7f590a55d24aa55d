"""Reads for feedback: the places to ask about, what waits for an expert, and the figures.

The figures (`figures`) are plain numbers counted in the database, a fixed number of queries
whatever the number of rows, for the feedback pages and for the evaluation dashboard:

    figures(start=date(2026, 4, 1), end=date(2027, 3, 31), team_id=3, user=request.user)

Sessions count in a period by the day they started. Confidential work is left out unless
`user` may see it (pass the person the figures are for; None counts only work that is not
confidential)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from coproduce.core.days import day_after, local_midnight
from coproduce.impact.feedback.models import Answer, FeedbackAnswer, FeedbackRequest
from coproduce.impact.feedback.questions import QUESTIONS
from coproduce.opportunities.choices import Attendance, SessionStatus
from coproduce.opportunities.models import Invitation, Session
from coproduce.opportunities.queries.confidential import not_confidential_q, session_q
from coproduce.people.choices import Status
from coproduce.people.models import Expert

# The daily task asks about sessions that ended in the last ASK_WITHIN_DAYS days (attendance is
# often recorded a few days late); the portal shows a session for PORTAL_DAYS after it ended, longer
# than any link lasts (links.LINK_DAYS), so "sign in to tell us" always finds it there.
ASK_WITHIN_DAYS = 14
# Anonymous answers count in figures, and their words are shown, only where at least this many
# were given among those shown. Fewer could be told apart from the named ones: by elimination
# against who answered, or by taking away the named answers an expert's own data download
# holds. So one or two anonymous answers are kept back, and the page says so.
FEWEST_ANONYMOUS = 3
PORTAL_DAYS = 60
PORTAL_SHOWN = 10


# Asking ---------------------------------------------------------------------------------------


def places_to_ask(*, now: datetime | None = None) -> list[int]:
    """Attended places of sessions that ended lately, not yet asked about, whose expert we may
    contact (not restricted, erased or left): the ids of their invitations."""
    now = now or timezone.now()
    return list(
        Invitation.objects.filter(
            attendance=Attendance.ATTENDED,
            session__status=SessionStatus.SCHEDULED,
            session__ends_at__lte=now,
            session__ends_at__gt=now - timedelta(days=ASK_WITHIN_DAYS),
            feedback_request__isnull=True,
            expert__restricted_at__isnull=True,
            expert__erased_at__isnull=True,
        )
        .exclude(expert__status=Status.LEFT)
        .order_by("session__ends_at", "pk")
        .values_list("pk", flat=True)
    )


def request_to_send(pk: int) -> FeedbackRequest | None:
    return (
        FeedbackRequest.objects.select_related(
            "invitation__expert", "invitation__session__opportunity"
        )
        .filter(pk=pk)
        .first()
    )


# The expert's own -----------------------------------------------------------------------------


def _places_waiting(expert: Expert, now: datetime) -> QuerySet[Invitation]:
    answered = FeedbackRequest.objects.filter(invitation=OuterRef("pk"), answered=True)
    return (
        Invitation.objects.filter(
            expert=expert,
            attendance=Attendance.ATTENDED,
            session__status=SessionStatus.SCHEDULED,
            session__ends_at__lte=now,
            session__ends_at__gt=now - timedelta(days=PORTAL_DAYS),
        )
        .exclude(Exists(answered))
        .select_related("session__opportunity")
    )


def waiting_for(expert: Expert, *, now: datetime | None = None) -> list[Invitation]:
    """The sessions the expert came to lately and has not told us about, newest first (one
    query)."""
    now = now or timezone.now()
    return list(_places_waiting(expert, now).order_by("-session__starts_at", "-pk")[:PORTAL_SHOWN])


def place_to_tell_about(expert: Expert, invitation_pk: int) -> Invitation | None:
    """One of the expert's own attended places still waiting for their feedback, or None."""
    return _places_waiting(expert, timezone.now()).filter(pk=invitation_pk).first()


def named_answers_of(expert: Expert) -> QuerySet[FeedbackAnswer]:
    return FeedbackAnswer.objects.filter(expert=expert).select_related("session__opportunity")


def requests_of(expert: Expert) -> QuerySet[FeedbackRequest]:
    return FeedbackRequest.objects.filter(invitation__expert=expert).select_related(
        "invitation__session__opportunity"
    )


# Figures --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which sessions figures cover. Every part is optional."""

    start: date | None = None
    end: date | None = None
    team_id: int | None = None
    session_id: int | None = None
    # Only the opportunities this member of staff asked for (staff see their own work's).
    requested_by_id: int | None = None

    def sessions_q(self, user, prefix: str = "") -> Q:
        q = (
            session_q(user, prefix)
            if user is not None
            else not_confidential_q(f"{prefix}opportunity__")
        )
        # The period's days as the local midnights they lie between: the index on `starts_at`
        # finds the sessions (a `__date` lookup works each row's day out, in Python on SQLite).
        if self.start is not None:
            q &= Q(**{f"{prefix}starts_at__gte": local_midnight(self.start)})
        if self.end is not None:
            q &= Q(**{f"{prefix}starts_at__lt": day_after(self.end)})
        if self.team_id is not None:
            q &= Q(**{f"{prefix}opportunity__team_id": self.team_id})
        if self.session_id is not None:
            q &= Q(**{f"{prefix}pk": self.session_id})
        if self.requested_by_id is not None:
            q &= Q(**{f"{prefix}opportunity__requested_by_id": self.requested_by_id})
        return q


def percent(part: int, whole: int) -> int | None:
    """A share as a whole percentage, or None when there is nothing to share."""
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class QuestionFigures:
    field: str
    text: str
    # (choice value, label, count, share of this question's answers in %) in the form's order.
    rows: list[tuple[str, str, int, int | None]]
    total: int
    # "Yes" as a share of those who said yes, partly or no (not sure and "did not need
    # anything" left out): the score the dashboard shows.
    score: int | None

    def count(self, choice: str) -> int:
        return next((n for value, _, n, _ in self.rows if value == choice), 0)


@dataclass(frozen=True)
class FeedbackFigures:
    asked: int = 0
    answered: int = 0
    answers: int = 0
    anonymous: int = 0
    comments: int = 0
    questions: list[QuestionFigures] = field(default_factory=list)
    # Anonymous answers left out of these figures, being fewer than FEWEST_ANONYMOUS.
    held_back: int = 0
    fewest_anonymous: int = FEWEST_ANONYMOUS

    @property
    def answer_rate(self) -> int | None:
        return percent(self.answered, self.asked)


def figures(filters: Filters | None = None, *, user=None) -> FeedbackFigures:
    """How many were asked and answered, and each question's answers: two queries."""
    filters = filters or Filters()
    # Each request carries its session: the period's sessions are a list the database makes
    # once and looks each request up in, without reading the places.
    sessions = Session.objects.filter(filters.sessions_q(user)).values("pk")
    asked = FeedbackRequest.objects.filter(session__in=sessions).aggregate(
        asked=Count("pk"), answered=Count("pk", filter=Q(answered=True))
    )
    counts = {
        f"{q.field}__{choice.value}": Count("pk", filter=Q(**{q.field: choice.value}))
        for q in QUESTIONS
        for choice in q.choices
    }
    # Counted once for the named answers and once for the anonymous ones (two rows at most,
    # grouped in the database): the named alone are for when the anonymous are kept back.
    by_name = (
        FeedbackAnswer.objects.filter(filters.sessions_q(user, "session__"))
        .order_by()
        .values(named=ExpressionWrapper(Q(expert__isnull=False), output_field=BooleanField()))
        .annotate(
            answers=Count("pk"),
            # Not named after a field: a later filter on `comments` would read the count.
            with_words=Count("pk", filter=~Q(comments="")),
            **counts,
        )
    )
    keys = ["answers", "with_words", *counts]
    got = dict.fromkeys([*keys, *(f"{key}__named" for key in keys), "anonymous"], 0)
    for row in by_name:
        for key in keys:
            got[key] += row[key]
            if row["named"]:
                got[f"{key}__named"] = row[key]
        if not row["named"]:
            got["anonymous"] = row["answers"]
    got["named_with_words"] = got["with_words__named"]
    held_back = got["anonymous"] if 0 < got["anonymous"] < FEWEST_ANONYMOUS else 0
    which = "__named" if held_back else ""
    questions = []
    for q in QUESTIONS:
        numbers = [(c, got[f"{q.field}__{c.value}{which}"]) for c in q.choices]
        total = sum(n for _, n in numbers)
        said = {c.value: n for c, n in numbers}
        with_a_view = said["yes"] + said["partly"] + said["no"]
        questions.append(
            QuestionFigures(
                field=q.field,
                text=q.short,
                rows=[(c.value, c.label, n, percent(n, total)) for c, n in numbers],
                total=total,
                score=percent(said[Answer.YES], with_a_view),
            )
        )
    return FeedbackFigures(
        asked=asked["asked"],
        answered=asked["answered"],
        answers=got["answers"] - held_back,
        anonymous=got["anonymous"] - held_back,
        comments=got["named_with_words"] if held_back else got["with_words"],
        questions=questions,
        held_back=held_back,
    )


def _count(queryset) -> Coalesce:
    counted = queryset.order_by().values("invitation__session").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def sessions_asked(filters: Filters, *, user) -> QuerySet[Session]:
    """Sessions where someone was asked for feedback, newest first, each with `asked` and
    `answered` counted in the same query (paginate it)."""
    requests = FeedbackRequest.objects.filter(invitation__session=OuterRef("pk"))
    return (
        Session.objects.filter(filters.sessions_q(user))
        .filter(Exists(requests))
        .annotate(asked=_count(requests), answered=_count(requests.filter(answered=True)))
        .select_related("opportunity__team")
        .order_by("-starts_at", "-pk")
    )


def session_for(user, pk: int, *, requested_by_id: int | None = None) -> Session | None:
    """The session, if `user` may see its feedback (confidential work only if named or
    invited; staff only for the work they asked for)."""
    q = Filters(session_id=pk, requested_by_id=requested_by_id).sessions_q(user)
    return Session.objects.filter(q).select_related("opportunity__team").first()


@dataclass(frozen=True)
class Comment:
    name: str  # "Anonymous" when it was given anonymously
    text: str
    answered_on: date | None


def who_was_asked(session: Session) -> tuple[list[str], list[str]]:
    """The names of those asked who answered and those who have not, in name order (never the
    order they answered in)."""
    requests = (
        FeedbackRequest.objects.filter(invitation__session=session)
        .select_related("invitation__expert")
        .order_by("invitation__expert__full_name", "pk")
    )
    answered: list[str] = []
    waiting: list[str] = []
    for r in requests:
        (answered if r.answered else waiting).append(r.invitation.expert.full_name)
    return answered, waiting


def comments_on(session: Session, *, anonymous: bool = True) -> list[Comment]:
    """What people added in their own words: named ones by name, then anonymous ones in a
    random order (their keys are random), without a date that could tell them apart; no
    anonymous ones when `anonymous` is False (too few to show, see FEWEST_ANONYMOUS)."""
    rows = (
        FeedbackAnswer.objects.filter(session=session)
        .exclude(comments="")
        .select_related("expert")
        .order_by("expert__full_name", "pk")
    )
    named = [Comment(r.expert.full_name, r.comments, r.answered_on) for r in rows if r.expert]
    if not anonymous:
        return named
    unnamed = [Comment("Anonymous", r.comments, None) for r in rows if r.expert is None]
    return named + unnamed
