"""Reads for the confidential work pages, each in a fixed number of queries. Every read
that finds one thing takes the person asking and answers 404 to anyone not allowed, the
same as for something that does not exist."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.accounts.roles import Role
from coproduce.core.formats import count_of
from coproduce.opportunities.choices import InvitationStatus
from coproduce.opportunities.models import (
    CheckIn,
    Invitation,
    Opportunity,
    Paper,
    PaperOpening,
    Session,
)
from coproduce.people.models import Expert

# An invited expert opens the papers while their invitation stands (or after they came).
OPEN_TO = (InvitationStatus.INVITED, InvitationStatus.ACCEPTED, InvitationStatus.WAITING)
OPENINGS_SHOWN = 100
SOON = timedelta(days=7)


def _named(user: User) -> Q:
    return Q(named_staff=user)


def named_work(user: User) -> QuerySet[Opportunity]:
    """The confidential work this person is named on, newest first, with what a row shows."""
    due = CheckIn.objects.filter(
        invitation__session__opportunity=OuterRef("pk"),
        outcome=CheckIn.Outcome.DUE,
        due_on__lte=timezone.localdate(),
    )
    return (
        Opportunity.objects.filter(
            confidential=True,
            pk__in=Opportunity.named_staff.through.objects.filter(user_id=user.pk).values(
                "opportunity_id"
            ),
        )
        .select_related("team")
        .annotate(
            first_session=Min("sessions__starts_at"),
            session_count=Count("sessions", distinct=True),
            has_due=Exists(due),
        )
        .order_by("-created_at", "-id")
    )


def work_for_named_or_404(user: User, pk: int) -> Opportunity:
    """Confidential work this person is named on (one query), or 404."""
    opportunity = (
        Opportunity.objects.filter(
            pk=pk,
            confidential=True,
            pk__in=Opportunity.named_staff.through.objects.filter(user_id=user.pk).values(
                "opportunity_id"
            ),
        )
        .select_related("team", "requested_by")
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


@dataclass
class WorkPage:
    named_staff: list[User]
    sessions: list[Session]
    invitations: list[Invitation]
    papers: Sequence[Paper]
    openings: list[PaperOpening]
    check_ins: list[CheckIn]


def work_page(opportunity: Opportunity) -> WorkPage:
    """What the named staff's page shows: who is named, the sessions and who is invited, the
    papers with who opened them, and the check-ins. Six queries."""
    papers = list(
        opportunity.confidential_papers.select_related("added_by", "withdrawn_by").annotate(
            opened=Count("openings")
        )
    )
    return WorkPage(
        named_staff=list(opportunity.named_staff.order_by("full_name")),
        sessions=list(opportunity.sessions.select_related("venue").order_by("starts_at")),
        invitations=list(
            Invitation.objects.filter(session__opportunity=opportunity)
            .select_related("expert", "session")
            .order_by("session__starts_at", "expert__full_name")
        ),
        papers=papers,
        openings=list(
            PaperOpening.objects.filter(paper__opportunity=opportunity)
            .select_related("paper", "opened_by")
            .order_by("-opened_at", "-id")[:OPENINGS_SHOWN]
        ),
        check_ins=list(
            CheckIn.objects.filter(invitation__session__opportunity=opportunity)
            .select_related("invitation__expert", "invitation__session", "recorded_by")
            .order_by("due_on", "invitation__expert__full_name", "kind")
        ),
    )


def paper_for_or_404(user: User, pk: int) -> Paper:
    """A paper this person may open: they are named on its work, or invited to it (and have
    not said no). One query; 404 for anyone else."""
    invited = Invitation.objects.filter(
        expert__user_id=user.pk, status__in=OPEN_TO, session__opportunity=OuterRef("opportunity")
    )
    paper = (
        Paper.objects.filter(pk=pk, opportunity__confidential=True)
        .filter(
            Q(
                opportunity__in=Opportunity.named_staff.through.objects.filter(
                    user_id=user.pk
                ).values("opportunity_id")
            )
            | Q(Exists(invited))
        )
        .select_related("opportunity")
        .first()
    )
    if paper is None:
        raise Http404
    return paper


def paper_for_named_or_404(user: User, pk: int) -> Paper:
    paper = paper_for_or_404(user, pk)
    if not paper.opportunity.named_staff.filter(pk=user.pk).exists():
        raise Http404
    return paper


# Check-ins ----------------------------------------------------------------------------------


def check_ins_to_do(user: User) -> QuerySet[CheckIn]:
    """The check-ins not yet done, of every piece of confidential work this person is named
    on, the most overdue first."""
    return (
        CheckIn.objects.filter(
            outcome=CheckIn.Outcome.DUE,
            invitation__session__opportunity__in=Opportunity.named_staff.through.objects.filter(
                user_id=user.pk
            ).values("opportunity_id"),
        )
        .select_related("invitation__expert", "invitation__session__opportunity")
        .order_by("due_on", "invitation__expert__full_name", "kind", "id")
    )


def check_in_for_named_or_404(user: User, pk: int) -> CheckIn:
    check_in = (
        CheckIn.objects.filter(
            pk=pk,
            invitation__session__opportunity__in=Opportunity.named_staff.through.objects.filter(
                user_id=user.pk
            ).values("opportunity_id"),
        )
        .select_related("invitation__expert", "invitation__session__opportunity", "recorded_by")
        .first()
    )
    if check_in is None:
        raise Http404
    return check_in


def due_words(due_on: date, today: date) -> str:
    if due_on < today:
        days = (today - due_on).days
        return f"Overdue by {count_of(days, 'day')}"
    if due_on == today:
        return "Due today"
    return "Due soon" if due_on - today <= SOON else "Not due yet"


# The expert's side ------------------------------------------------------------------------


@dataclass
class Contact:
    name: str
    email: str


@dataclass
class ExpertSupport:
    """What an expert sees of the support after confidential work: the check-ins still to
    come, and who to contact."""

    check_ins: list[CheckIn] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


def _team_contacts(opportunity_ids) -> list[Contact]:
    people = (
        User.objects.filter(
            confidential_opportunities__in=opportunity_ids,
            role__in=[Role.COORDINATOR, Role.INVOLVEMENT_LEAD],
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )
    return [Contact(u.display_name, u.email) for u in people]


def support_for(expert: Expert) -> ExpertSupport:
    """The expert's check-ins not yet done and the named involvement team of that work (two
    queries; none more when there are none)."""
    check_ins = list(
        CheckIn.objects.filter(invitation__expert=expert, outcome=CheckIn.Outcome.DUE)
        .select_related("invitation__session__opportunity")
        .order_by("due_on", "kind")
    )
    if not check_ins:
        return ExpertSupport()
    ids = {c.invitation.session.opportunity_id for c in check_ins}
    return ExpertSupport(check_ins=check_ins, contacts=_team_contacts(ids))


def work_for_expert_or_404(user: User, pk: int) -> Opportunity:
    """Confidential work this signed-in expert is invited to (one query), or 404."""
    opportunity = (
        Opportunity.objects.filter(
            pk=pk,
            confidential=True,
            sessions__invitations__expert__user_id=user.pk,
        )
        .distinct()
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


@dataclass
class ExpertWorkPage:
    invitations: list[Invitation]
    papers: list[Paper]
    check_ins: list[CheckIn]
    contacts: list[Contact]
    may_open_papers: bool


def expert_work_page(user: User, opportunity: Opportunity) -> ExpertWorkPage:
    """The expert's view of the work: only their own sessions, the papers, their check-ins
    and who to contact. Four queries."""
    invitations = list(
        Invitation.objects.filter(session__opportunity=opportunity, expert__user_id=user.pk)
        .select_related("session", "session__venue", "expert")
        .order_by("session__starts_at")
    )
    return ExpertWorkPage(
        invitations=invitations,
        papers=list(opportunity.confidential_papers.order_by("created_at", "id")),
        check_ins=list(
            CheckIn.objects.filter(invitation__in=[i.pk for i in invitations]).order_by(
                "due_on", "kind"
            )
        )
        if invitations
        else [],
        contacts=_team_contacts([opportunity.pk]),
        may_open_papers=any(i.status in OPEN_TO for i in invitations),
    )
