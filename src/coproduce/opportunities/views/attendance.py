"""After a session: the involvement team records who came and the hours they gave, for
everyone on one page."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import count_of
from coproduce.opportunities.choices import InvitationStatus
from coproduce.opportunities.forms.attendance import AttendanceForm, session_hours
from coproduce.opportunities.pay import payments_for_session
from coproduce.opportunities.queries.pages import session_or_404
from coproduce.opportunities.queries.places import places_to_record
from coproduce.opportunities.services import invitations as invitation_services
from coproduce.opportunities.services.attendance import (
    AttendanceError,
    record_attendance,
    session_has_started,
)
from coproduce.opportunities.views.calendar import opportunity_link
from coproduce.people.choices import Status
from coproduce.people.models import Expert
from coproduce.people.queries import RegisterFilters, search_register

FOUND_SHOWN = 10


@permission_required("opportunities.manage", raise_exception=True)
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_or_404(pk, "opportunity", "opportunity__team", "venue", user=request.user)
    invitations = list(places_to_record(session))
    accepted = [i for i in invitations if i.status == InvitationStatus.ACCEPTED]
    others = [i for i in invitations if i.status != InvitationStatus.ACCEPTED]
    started = session_has_started(session)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        session=session,
        invitations=accepted,
    )
    status = 200
    find = request.GET.get("find", "").strip()[:100]
    found = []
    if started and find:
        taken = {i.expert_id for i in accepted}
        found = [
            e
            for e in search_register(RegisterFilters(text=find)).exclude(status=Status.LEFT)[
                : FOUND_SHOWN + len(taken)
            ]
            if e.pk not in taken
        ][:FOUND_SHOWN]
    if request.method == "POST":
        if not started:
            messages.error(request, "You cannot record attendance before the meeting starts.")
            return redirect("opportunities:session_attendance", pk=session.pk)
        if form.is_valid():
            try:
                changed = record_attendance(
                    actor=request.user, session=session, entries=form.entries()
                )
            except AttendanceError as error:
                form.add_error(None, str(error))
            else:
                if changed:
                    messages.success(request, f"Attendance saved for {_people(changed)}.")
                else:
                    messages.success(request, "Attendance saved. Nothing had changed.")
                return redirect("opportunities:session_attendance", pk=session.pk)
        status = 400
    return render(
        request,
        "opportunities/attendance_session.jinja",
        {
            "session": session,
            "form": form,
            "others": others,
            "started": started,
            "default_hours": session_hours(session),
            "opportunity_url": opportunity_link(session.opportunity_id),
            "payments": payments_for_session(session) if session.opportunity.paid else [],
            "find": find,
            "found": found,
        },
        status=status,
    )


def _people(count: int) -> str:
    return count_of(count, "person", "people")


@require_POST
@permission_required("opportunities.manage", raise_exception=True)
def add_attendee(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """After a meeting, gives a place to someone who came, so their attendance can be recorded.
    Nobody is emailed: the meeting is over."""
    session = session_or_404(pk, user=request.user)
    expert_id = request.POST.get("expert", "")
    expert = get_object_or_404(Expert, pk=int(expert_id)) if expert_id.isdigit() else None
    if expert is None:
        messages.error(request, "Choose who came")
        return redirect("opportunities:session_attendance", pk=session.pk)
    try:
        invitation_services.record_place_after_the_event(
            actor=request.user, session=session, expert=expert
        )
    except invitation_services.InvitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{expert.full_name} added. Now record their attendance.")
    return redirect("opportunities:session_attendance", pk=session.pk)
