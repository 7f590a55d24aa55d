"""Events, for experts: the events still to come, and their reply to one."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.directory import presenters, queries, services
from coproduce.comms.directory.forms import EventReplyForm
from coproduce.people.queries import signed_in_expert

REPLY = "directory.reply_to_events"


@never_cache
@permission_required(REPLY, raise_exception=True)
def my_events(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    return render(
        request,
        "directory/events/mine.jinja",
        {"events": list(queries.events_for_expert(expert)), "presenters": presenters},
    )


@never_cache
@permission_required(REPLY, raise_exception=True)
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = signed_in_expert(request.user)
    event = queries.event(pk)
    if event is None:
        raise Http404
    mine = queries.reply_of(expert, event)
    initial = {}
    if mine is not None:
        initial = {
            "answer": mine.answer,
            "guests": mine.guests,
            "dietary": mine.dietary,
            "dietary_other": mine.dietary_other,
            "access": mine.access,
            "access_other": mine.access_other,
        }
    form = EventReplyForm(
        request.POST if request.method == "POST" else None, event=event, initial=initial
    )
    closed = services.replies_closed(event)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_to_event(
                actor=request.user, expert=expert, event=event, values=form.values()
            )
        except services.DirectoryError as error:
            form.add_error("answer", str(error))
        else:
            messages.success(request, "Thank you. Your reply is saved.")
            return redirect("directory:my_events")
    return render(
        request,
        "directory/events/reply.jinja",
        {
            "form": form,
            "event": event,
            "mine": mine,
            "closed": closed,
            "started": event.starts_at <= timezone.now(),
            "presenters": presenters,
        },
        status=400 if form.errors else 200,
    )
