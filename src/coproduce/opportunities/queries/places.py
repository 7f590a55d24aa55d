"""Places (invitations) for the team's pages: one with what its page shows, or the places at
a session. One query each."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from coproduce.opportunities.choices import InvitationStatus
from coproduce.opportunities.models import Invitation, Session
from coproduce.opportunities.visibility import session_q
from coproduce.people.models import Expert


def place_or_404(
    pk: int, *, expert: Expert | None = None, also: tuple[str, ...] = (), user=None
) -> Invitation:
    """The invitation with its expert, session and opportunity (one query), or 404; only the
    expert's own when `expert` is given. `also` names more related rows to read in the same
    query, such as another app's one-to-one ("fee_decision"). With `user`, confidential work
    they may not see answers 404."""
    invitations = Invitation.objects.select_related("expert", "session__opportunity", *also)
    if user is not None:
        invitations = invitations.filter(session_q(user, "session__"))
    if expert is not None:
        invitations = invitations.filter(expert=expert)
    return get_object_or_404(invitations, pk=pk)


def places_to_record(session: Session) -> QuerySet[Invitation]:
    """Everyone with a place or waiting for one at the session (not those who said no or
    whose place was cancelled), with the expert, by name: the attendance page's rows."""
    return (
        Invitation.objects.filter(session=session)
        .exclude(status__in=[InvitationStatus.DECLINED, InvitationStatus.CANCELLED])
        .select_related("expert")
        .order_by("expert__full_name", "id")
    )


def invitations_between(
    sessions: Iterable[Session], experts: Iterable[Expert]
) -> QuerySet[Invitation]:
    """The invitations any of these experts already has to any of these sessions."""
    return Invitation.objects.filter(session__in=sessions, expert__in=experts).select_related(
        "session"
    )
