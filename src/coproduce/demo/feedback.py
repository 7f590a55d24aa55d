"""Demo data for feedback after sessions: everyone who attended a session since the start of the
last complete financial year was asked, so the evaluation dashboard and the annual report have a
whole year of answers. About ANSWERS_PER_EXPERT answers an expert on the register (50,000 for
20,000 experts, the scale issue 13's speed targets are stated for), a third of them anonymous,
some with a few words; the rest were never answered, and fewer of the last fortnight's yet. The
first demo expert has their meetings of the last two months waiting for their feedback on their
home page; any older ones they answered carry their name. Fast: a few reads of ids, then
bulk.insert; nothing audited (demo data is nobody's change) and no email sent."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduce.core.periods import financial_year_of
from coproduce.demo import bulk
from coproduce.demo.context import DemoContext
from coproduce.demo.people import DEMO_EXPERTS
from coproduce.impact.feedback.models import Answer, FeedbackAnswer, FeedbackRequest
from coproduce.impact.feedback.queries import PORTAL_DAYS
from coproduce.opportunities.choices import Attendance, InvitationStatus, SessionStatus
from coproduce.opportunities.models import Invitation, Session
from coproduce.opportunities.services import session_tallies
from coproduce.people.models import Expert

# Answers in all, for each expert on the register; the share of places answered follows (about
# four in ten; 52,000 for 20,000 experts), between FEWEST and MOST whatever the size of the demo.
ANSWERS_PER_EXPERT = 2.6
FEWEST, MOST = 0.3, 0.8
# Places of the last fortnight are answered less often: some are still to come.
LATELY_DAYS, LATELY_SHARE = 14, 0.5
ANONYMOUS = 0.35
WITH_WORDS = 0.3

A = Answer
# Most meetings go well; some do not. Weights for yes, partly, no, not sure.
LIKELY = ([A.YES, A.PARTLY, A.NO, A.NOT_SURE], [70, 18, 7, 5])
ACCESS = ([A.YES, A.PARTLY, A.NO, A.NOT_SURE, A.NOT_NEEDED], [45, 12, 6, 4, 33])
BEFOREHAND = ([A.YES, A.PARTLY, A.NO, A.NOT_SURE], [55, 25, 15, 5])
WORDS = [
    "The chair made sure everyone had a turn to speak. Thank you.",
    "The papers came too late for me to read them.",
    "The room was hard to find. A sign at the door would help.",
    "I felt my ideas were really listened to.",
    "Easy read papers would help me a lot next time.",
    "The taxi was late, so I missed the start.",
    "It was good to meet the new team.",
    "Too many long words. Please explain what they mean.",
    "The hearing loop did not work in the room.",
    "I would like to know what happens next with our ideas.",
]


def create(ctx: DemoContext) -> None:
    if FeedbackRequest.objects.exists():
        ctx.say("Feedback: already there")
        return
    first = Expert.objects.filter(user__email=DEMO_EXPERTS[0].email).first()
    # From midnight that day: a moment, not a date, which SQLite would work out for every row.
    since = timezone.make_aware(datetime.combine(asked_since(timezone.localdate(ctx.now)), time()))
    waiting = ctx.now - timedelta(days=PORTAL_DAYS)
    lately = ctx.now - timedelta(days=LATELY_DAYS)
    _give_the_demo_expert_a_meeting(ctx, first)
    held = Session.objects.filter(
        status=SessionStatus.SCHEDULED, ends_at__lte=ctx.now, ends_at__gte=since
    )
    # Each session's details read once, not once a place: SQLite's moments are text, and
    # reading 100,000 of them back was much of this module's time.
    sessions = {
        pk: (opportunity_id, team_id, ends_at)
        for pk, opportunity_id, team_id, ends_at in held.values_list(
            "pk", "opportunity_id", "opportunity__team_id", "ends_at"
        )
    }
    places = list(
        Invitation.objects.filter(
            attendance=Attendance.ATTENDED,
            session__status=SessionStatus.SCHEDULED,
            session__ends_at__lte=ctx.now,
            session__ends_at__gte=since,
            expert__erased_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", "expert_id", "session_id")
    )
    rng = ctx.rng
    share = min(MOST, max(FEWEST, ANSWERS_PER_EXPERT * ctx.experts / max(1, len(places))))
    requests: list[FeedbackRequest] = []
    answers: list[tuple[int, FeedbackAnswer]] = []  # (index of its request, answer)
    for pk, expert_id, session_id in places:
        opportunity_id, team_id, ends_at = sessions[session_id]
        asked_at = ends_at + timedelta(hours=rng.randint(18, 30))
        if asked_at > ctx.now:
            asked_at = ctx.now
        # The first demo expert's recent places wait for them, so the home page asks.
        mine = expert_id == getattr(first, "pk", None)
        chance = share * LATELY_SHARE if ends_at > lately else share
        answered = not (mine and ends_at > waiting) and rng.random() < chance
        requests.append(
            FeedbackRequest(
                invitation_id=pk,
                session_id=session_id,
                asked_at=asked_at,
                emailed_at=asked_at,
                answered=answered,
            )
        )
        if not answered:
            continue
        named = mine or rng.random() >= ANONYMOUS
        answered_on = min(asked_at + timedelta(days=rng.randint(0, 6)), ctx.now).date()
        answers.append(
            (
                len(requests) - 1,
                FeedbackAnswer(
                    session_id=session_id,
                    opportunity_id=opportunity_id,
                    team_id=team_id,
                    answered_on=answered_on,
                    expert_id=expert_id if named else None,
                    good_experience=rng.choices(*LIKELY)[0],
                    listened_to=rng.choices(*LIKELY)[0],
                    access_needs_met=rng.choices(*ACCESS)[0],
                    had_what_needed=rng.choices(*BEFOREHAND)[0],
                    comments=rng.choice(WORDS) if rng.random() < WITH_WORDS else "",
                ),
            )
        )
    bulk.insert(FeedbackRequest, requests)
    made: list[FeedbackAnswer] = []
    for index, item in answers:
        if item.expert_id is not None:
            # bulk.insert gave the requests their keys.
            item.request_id = requests[index].pk
        made.append(item)
    # Anonymous and named answers mixed in a random order, as their random keys are.
    rng.shuffle(made)
    bulk.insert(FeedbackAnswer, made)
    anonymous = sum(1 for a in made if a.expert_id is None)
    ctx.say(
        f"Feedback: {len(requests):,} asked, {len(made):,} answered ({anonymous:,} anonymously)"
    )


def asked_since(today: date) -> date:
    """The first day of the last complete financial year: places from then on were asked about."""
    return date(financial_year_of(today) - 1, 4, 1)


def _give_the_demo_expert_a_meeting(ctx: DemoContext, expert: Expert | None) -> None:
    """A meeting the first demo expert came to last week (unpaid work, so no claim is
    missing), unless they already came to one lately."""
    if expert is None:
        return
    recent = Invitation.objects.filter(
        expert=expert,
        attendance=Attendance.ATTENDED,
        session__ends_at__lte=ctx.now,
        session__ends_at__gt=ctx.now - timedelta(days=14),
    )
    if recent.exists():
        return
    session = (
        Session.objects.filter(
            status=SessionStatus.SCHEDULED,
            opportunity__paid=False,
            opportunity__confidential=False,
            ends_at__lte=ctx.now - timedelta(days=1),
            ends_at__gt=ctx.now - timedelta(days=14),
        )
        .exclude(invitations__expert=expert)
        .order_by("-ends_at")
        .first()
    )
    if session is None:
        return
    Invitation.objects.bulk_create(
        [
            Invitation(
                session=session,
                expert=expert,
                status=InvitationStatus.ACCEPTED,
                responded_at=session.starts_at - timedelta(days=7),
                attendance=Attendance.ATTENDED,
                hours=Decimal(str(round((session.ends_at - session.starts_at).seconds / 3600, 1))),
            )
        ]
    )
    session_tallies.recount([session.pk])
