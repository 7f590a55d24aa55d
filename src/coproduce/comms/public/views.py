"""The public page about involvement (open without signing in, nothing personal): what
involvement is here, how to get involved, upcoming open events and the newest Working
Together stories; and the lead's page to write its words."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.directory.queries import upcoming_open_events
from coproduce.comms.public import queries, services
from coproduce.comms.public.forms import InvolvementWordsForm
from coproduce.comms.stories.queries import latest_stories

STORIES_SHOWN = 3
EVENTS_SHOWN = 5


def involvement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public_pages/involvement.jinja",
        {
            "words": queries.words(),
            "stories": latest_stories(STORIES_SHOWN),
            "events": upcoming_open_events(EVENTS_SHOWN),
        },
    )


@permission_required("public_pages.set_words", raise_exception=True)
def set_words(request: AuthenticatedHttpRequest) -> HttpResponse:
    saved = queries.words()
    form = InvolvementWordsForm(
        request.POST or None,
        initial={
            "what_involvement_is": saved.what_involvement_is,
            "how_to_get_involved": saved.how_to_get_involved,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.set_words(actor=request.user, **form.cleaned_data)
        messages.success(request, "The words on the public page are saved.")
        return redirect("public_pages:involvement_words")
    return render(
        request, "public_pages/words.jinja", {"form": form}, status=400 if form.errors else 200
    )
