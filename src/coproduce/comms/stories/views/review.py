"""The involvement lead's review: the stories waiting, published, sent back and withdrawn;
one story with its photos and their consent; publishing, sending back with a reason, and
withdrawing a published story."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.stories import queries, services
from coproduce.comms.stories.forms import ReasonForm
from coproduce.comms.stories.models import Story, StoryStatus

REVIEW_PERM = "stories.review_stories"


def _story(pk: int) -> Story:
    found = queries.story(pk)
    if found is None or found.status == StoryStatus.DRAFT:
        raise Http404
    return found


@permission_required(REVIEW_PERM, raise_exception=True)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "stories/review_list.jinja",
        {"lists": queries.to_review(), "Status": StoryStatus},
    )


def _page(request, story: Story, form: ReasonForm | None = None, action: str = "", status=200):
    return render(
        request,
        "stories/review.jinja",
        {
            "story": story,
            "photos": list(story.photos.all()),
            "form": form or ReasonForm(),
            "action": action,
            "Status": StoryStatus,
        },
        status=status,
    )


@permission_required(REVIEW_PERM, raise_exception=True)
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, _story(pk))


@require_POST
@permission_required(REVIEW_PERM, raise_exception=True)
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = _story(pk)
    try:
        services.publish_story(actor=request.user, story=story)
        messages.success(request, f"‘{story.title}’ is published to the gallery and display mode.")
    except services.StoryError as problem:
        messages.error(request, str(problem))
    return redirect("stories:review", pk=story.pk)


def _with_reason(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    story = _story(pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _page(request, story, form, action, status=400)
    move = services.send_back if action == "send_back" else services.withdraw_story
    try:
        move(actor=request.user, story=story, reason=form.cleaned_data["reason"])
        done = "sent back to its writer" if action == "send_back" else "withdrawn"
        messages.success(request, f"‘{story.title}’ is {done}.")
    except services.StoryError as problem:
        messages.error(request, str(problem))
    return redirect("stories:review", pk=story.pk)


@require_POST
@permission_required(REVIEW_PERM, raise_exception=True)
def send_back(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, "send_back")


@require_POST
@permission_required(REVIEW_PERM, raise_exception=True)
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, "withdraw")
