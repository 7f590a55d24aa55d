"""Events, for the involvement team: the list, adding and changing one, and one event's replies
with the headcount and everyone's needs, and the list to download."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.directory import presenters, queries, services
from coproduce.comms.directory.forms import EventDetailsForm

MANAGE = "directory.manage_events"


@permission_required(MANAGE, raise_exception=True)
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/events/list.jinja",
        {
            "upcoming": list(queries.upcoming_events()),
            "past": list(queries.past_events()),
            "presenters": presenters,
        },
    )


@never_cache
@permission_required(MANAGE, raise_exception=True)
def event_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EventDetailsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        event = services.save_event(actor=request.user, values=form.values())
        messages.success(request, f"{event.title} is added.")
        return redirect("directory:event_detail", pk=event.pk)
    return render(
        request,
        "directory/events/form.jinja",
        {"form": form, "event": None},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(MANAGE, raise_exception=True)
def event_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = queries.event(pk)
    if event is None:
        raise Http404
    form = EventDetailsForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        services.save_event(actor=request.user, values=form.values(), event=event)
        messages.success(request, "The event is changed.")
        return redirect("directory:event_detail", pk=event.pk)
    return render(
        request,
        "directory/events/form.jinja",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(MANAGE, raise_exception=True)
def event_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = queries.event_with_counts(pk)
    if event is None:
        raise Http404
    replies = list(queries.replies_to(event))
    return render(
        request,
        "directory/events/detail.jinja",
        {
            "event": event,
            "replies": replies,
            "needs": queries.needs_of(replies),
            "presenters": presenters,
        },
    )


@never_cache
@permission_required(MANAGE, raise_exception=True)
def event_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = queries.event(pk)
    if event is None:
        raise Http404
    replies = list(queries.replies_to(event))
    services.record_replies_download(actor=request.user, event=event, rows=len(replies))
    response = HttpResponse(presenters.replies_csv(replies), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-replies.csv"'
    return response
