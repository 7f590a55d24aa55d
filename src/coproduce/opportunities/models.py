"""Work that needs lived experience, the dated sessions it meets in, the standing groups that
meet in series, and each expert's invitation to a session, from invited to attended."""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from coproduce.accounts.models import Team
from coproduce.core.models import TimeStamped
from coproduce.opportunities.choices import (
    Attendance,
    Format,
    GroupKind,
    InvitationStatus,
    Kind,
    RequestStatus,
    Rung,
    SessionStatus,
    Stage,
)
from coproduce.people.models import AccessNeed, Expert, LivedExperienceArea, Locality, Skill


class Venue(models.Model):
    """Where sessions happen, with what it offers people who need support to take part."""

    name = models.CharField(max_length=200)
    address = models.TextField(max_length=500)
    postcode = models.CharField(max_length=8, blank=True)
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="venues"
    )
    # The access needs this venue meets (step-free access, hearing loop, ...).
    meets_needs = models.ManyToManyField(AccessNeed, blank=True, related_name="venues")
    accessibility = models.TextField(max_length=2000, blank=True)
    parking = models.TextField(max_length=1000, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Group(TimeStamped):
    """A standing panel, board or user-led group, with members and a meeting series."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=GroupKind.choices)
    description = models.TextField(max_length=2000, blank=True)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="groups"
    )
    members: "models.ManyToManyField[Expert, Membership]" = models.ManyToManyField(
        Expert, through="Membership", related_name="groups"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="group_name_unique_any_case",
                violation_error_message="There is already a group with that name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=100, blank=True, help_text="e.g. chair, vice-chair")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["expert__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "expert"], name="one_membership_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.expert} in {self.group}"


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    """Who may see which work. Confidential work (serious incident and patient safety
    investigations) is seen only by its named staff and the experts invited to it; everyone
    else reads as if it did not exist. `opportunities.queries.confidential` wraps these for
    other apps."""

    def not_confidential(self) -> "OpportunityQuerySet":
        return self.filter(confidential=False)

    def visible_to(self, user) -> "OpportunityQuerySet":
        return self.filter(opportunity_q(user))


class SessionQuerySet(models.QuerySet["Session"]):
    def not_confidential(self) -> "SessionQuerySet":
        return self.filter(opportunity__confidential=False)

    def visible_to(self, user) -> "SessionQuerySet":
        return self.filter(session_q(user))


class Opportunity(TimeStamped):
    """A piece of involvement work a team asks for, from request to the last session."""

    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="opportunities")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requested_opportunities"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    rung = models.PositiveSmallIntegerField(choices=Rung.choices)
    format = models.CharField(max_length=10, choices=Format.choices)
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    online_details = models.TextField(max_length=1000, blank=True)
    places = models.PositiveSmallIntegerField(default=2, validators=[MinValueValidator(1)])
    staff_expected = models.PositiveSmallIntegerField(
        default=1, help_text="How many staff will be there, to check the balance of voices"
    )
    paid = models.BooleanField(default=False)
    # An hourly rate agreed for this work. It is paid only where the payment policy in force
    # on a session's date allows agreed rates or sets no rate for the work's type
    # (payments.queries.fees.fee_under decides).
    hourly_rate = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    wanted_experience = models.ManyToManyField(
        LivedExperienceArea, blank=True, related_name="opportunities"
    )
    wanted_skills = models.ManyToManyField(Skill, blank=True, related_name="opportunities")
    # Codes from onboarding.Prerequisite an expert must meet before they can be invited.
    prerequisites = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    decision_note = models.TextField(
        max_length=2000, blank=True, help_text="Why it was declined, or what should change"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # How the sessions were asked for (a `services.sessions.Repeat` value, and the number of
    # sessions or the last date), so that editing a request shows the same pattern. Blank on
    # rows made before it was kept: the pattern is then worked out from the sessions.
    repeat = models.CharField(max_length=20, blank=True)
    repeat_count = models.PositiveSmallIntegerField(null=True, blank=True)
    repeat_until = models.DateField(null=True, blank=True)

    # Confidential work (serious incident and patient safety investigations): only the named
    # staff and the experts invited to it see its title, papers and sessions.
    confidential = models.BooleanField(default=False)
    named_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="confidential_opportunities"
    )
    # For confidential work: how many days after a session each expert who attended is
    # offered a debrief, and a wellbeing check-in.
    debrief_after_days = models.PositiveSmallIntegerField(default=2)
    wellbeing_after_days = models.PositiveSmallIntegerField(default=14)
    # When its named staff closed confidential work (or it was declined or cancelled): its
    # papers were withdrawn then, and no more can be added.
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.title


class Session(TimeStamped):
    """One dated occurrence of an opportunity. `uid` and `sequence` let calendar apps replace
    an entry when a session changes or is cancelled.

    `places_attended` and `hours_attended` are the session's tally of its attended places
    and their hours, kept by their only writer (services/session_tallies.py, called where
    attendance is recorded) so that figures over many sessions add up one row per session
    instead of counting every place again. They always equal the live count. The same writer
    copies the start onto each attended place (`Invitation.held_at`)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    papers = models.TextField(max_length=2000, blank=True, help_text="Links or notes on papers")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    places_attended = models.PositiveIntegerField(default=0, editable=False)
    hours_attended = models.DecimalField(
        max_digits=10, decimal_places=2, default=Decimal("0.00"), editable=False
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return f"{self.opportunity.title} on {self.starts_at:%Y-%m-%d %H:%M}"


class Invitation(TimeStamped):
    """One expert's place at one session: invited, then accepted or declined (or waiting for
    a place), then attended or not, with the hours given."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="invitations")
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    # Order on the waiting list: earlier acceptances first.
    waiting_since = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(
        max_length=15, choices=Attendance.choices, default=Attendance.NOT_RECORDED, blank=True
    )
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    # The link in the latest email lets the expert answer without signing in. Only a hash of
    # its secret is kept; a newer link replaces it, and it works once.
    answer_token_hash = models.CharField(max_length=64, blank=True)
    answer_token_used_at = models.DateTimeField(null=True, blank=True)
    # When the expert was last sent this invitation (or news of it), by email or text.
    notified_at = models.DateTimeField(null=True, blank=True)
    # When the session started, if this place was attended at a session that went ahead; empty
    # otherwise. A copy kept with the session's tally (services/session_tallies.py), so that
    # the figures find a period's attended places by this alone (invitation_held_idx) instead
    # of joining every session.
    held_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["session__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "expert"], name="one_invitation_per_session")
        ]
        indexes = [
            models.Index(fields=["expert", "status"]),
            models.Index(fields=["session", "status"]),
            # The latest change, which keys the shortlist's cached attendance counts.
            models.Index(fields=["updated_at"]),
            # Places attended, by session: the shortlist counts each expert's in the last 12
            # months from this alone, not from every invitation. It holds the attendance too,
            # so that SQLite, which checks the condition again on each row, needs no table row.
            models.Index(
                fields=["session", "expert", "attendance"],
                condition=Q(attendance=Attendance.ATTENDED),
                name="invitation_attended_cover_idx",
            ),
            # Places attended with their hours, by session: the ambitions' different experts,
            # found from the sessions of the work linked to each, read this index alone.
            models.Index(
                fields=["session", "expert", "hours", "attendance"],
                condition=Q(attendance=Attendance.ATTENDED),
                name="invitation_attended_hours_idx",
            ),
            # Places attended, by when their session started: the figures for a period (how
            # widely involvement is spread, who is heard) read this index alone, never a
            # table row or a session (queries/attended.py).
            models.Index(
                fields=["held_at", "session", "expert", "hours"],
                condition=Q(held_at__isnull=False),
                name="invitation_held_idx",
            ),
            # Places accepted whose attendance is not recorded yet, by session: few at any
            # time, the budget report's committed money reads them without scanning the rest.
            models.Index(
                fields=["session", "status", "attendance"],
                condition=Q(status=InvitationStatus.ACCEPTED, attendance=Attendance.NOT_RECORDED),
                name="invitation_awaiting_record_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} to {self.session}"


class RecentAttendance(models.Model):
    """How many sessions an expert attended in the 12 months before `RecentAttendanceDay.day`:
    the shortlist's involvement rule, so that work spreads beyond the usual few. A stored
    figure, not a cache: counted again for everyone each night (the window moves), and for the
    experts concerned whenever attendance is recorded (services/recent_attendance.py, the only
    writer). No row means none. Read only when its day is today; otherwise counted live."""

    expert = models.OneToOneField(
        Expert, primary_key=True, on_delete=models.CASCADE, related_name="recent_attendance"
    )
    attended = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.attended} attended by expert {self.expert_id}"


class RecentAttendanceDay(models.Model):
    """The day the stored counts (RecentAttendance) are for: one row, locked by each writer."""

    day = models.DateField()

    def __str__(self) -> str:
        return f"Recent attendance as of {self.day}"


class CalendarFeed(models.Model):
    """An expert's private calendar address. Resetting it makes the old address stop working."""

    expert = models.OneToOneField(Expert, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed for {self.expert}"


class InviteRun(TimeStamped):
    """Invitations a coordinator sent together, sent one by one in the background, so they
    can see how far it has got ("12 of 40 sent") and who could not be reached."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        SENDING = "sending", "Sending"
        DONE = "done", "Finished"

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="invite_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitation_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    not_sent = models.PositiveIntegerField(default=0)
    # Experts chosen who already had an invitation to a session: not invited again.
    already_invited = models.PositiveIntegerField(default=0)
    # One entry per invitation that could not be sent: {"expert": name, "reason": words}.
    problems = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitations for {self.opportunity}: {self.sent} of {self.total} sent"

    @property
    def done(self) -> int:
        return self.sent + self.not_sent


def paper_path(instance: "Paper", filename: str) -> str:
    # A random name in private storage: served only through the view that records each opening.
    suffix = PurePath(filename).suffix.lower().lstrip(".") or "bin"
    return f"papers/{uuid.uuid4().hex}.{suffix}"


class Paper(TimeStamped):
    """A paper for confidential work (an investigation's report, a timeline), shared through
    the product instead of by email. Only the work's named staff and invited experts open it,
    each opening is recorded, and it is withdrawn (the file deleted, this row kept) by hand or
    when the work closes."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="confidential_papers"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path, blank=True)
    # What the file was called when it was added, and its kind ("pdf", "docx" or "odt").
    file_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=4)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_why = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class PaperOpening(models.Model):
    """One time someone opened a paper: who and when (never anything they did with it)."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="openings")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["paper", "-opened_at"])]

    def __str__(self) -> str:
        return f"{self.paper} opened at {self.opened_at:%Y-%m-%d %H:%M}"


class CheckIn(TimeStamped):
    """A debrief or wellbeing check-in offered to an expert after a session of confidential
    work they attended. Only that it happened (or was offered, declined, or they could not be
    reached), when and by whom is kept: never what was said."""

    class Kind(models.TextChoices):
        DEBRIEF = "debrief", "Debrief"
        WELLBEING = "wellbeing", "Wellbeing check-in"

    class Outcome(models.TextChoices):
        DUE = "", "Not done yet"
        HAPPENED = "happened", "Happened"
        OFFERED = "offered", "Offered, not wanted yet"
        DECLINED = "declined", "They said no, thank you"
        NOT_REACHED = "not_reached", "Could not reach them"

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="check_ins")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_on = models.DateField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "kind"], name="one_check_in_of_a_kind")
        ]
        indexes = [models.Index(fields=["outcome", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.invitation.expert}"


# Who may see confidential work, as filters any query can add (opportunities.visibility
# explains; other modules import them from there). -------------------------------------------


def _named_ids(user):
    return Opportunity.named_staff.through.objects.filter(user_id=user.pk).values("opportunity_id")


def _invited_session_ids(user):
    return Invitation.objects.filter(expert__user_id=user.pk).values("session_id")


def _invited_opportunity_ids(user):
    return Invitation.objects.filter(expert__user_id=user.pk).values("session__opportunity_id")


def _signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.pk)


def not_confidential_q(prefix: str = "") -> Q:
    """Only work that is not confidential. `prefix` reaches the opportunity from another
    model, e.g. "session__opportunity__"."""
    return Q(**{f"{prefix}confidential": False})


def opportunity_q(user, prefix: str = "") -> Q:
    """Opportunities `user` may see (confidential ones only if named or invited)."""
    q = not_confidential_q(prefix)
    if not _signed_in(user):
        return q
    q |= Q(**{f"{prefix}pk__in": _named_ids(user)})
    q |= Q(**{f"{prefix}pk__in": _invited_opportunity_ids(user)})
    return q


def session_q(user, prefix: str = "") -> Q:
    """Sessions `user` may see: of confidential work, named staff see every session and an
    invited expert only the sessions they are invited to. `prefix` reaches the session from
    another model, e.g. "session__"."""
    q = not_confidential_q(f"{prefix}opportunity__")
    if not _signed_in(user):
        return q
    q |= Q(**{f"{prefix}opportunity_id__in": _named_ids(user)})
    q |= Q(**{f"{prefix}pk__in": _invited_session_ids(user)})
    return q
