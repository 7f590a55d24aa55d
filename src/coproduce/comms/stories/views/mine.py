"""A writer's stories: their list with each story's status, writing and changing one, adding
photos (each with the consent of everyone in it) and sending it to the involvement lead."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.stories import queries, services
from coproduce.comms.stories.forms import StoryForm, StoryPhotoForm
from coproduce.comms.stories.models import MOST_PHOTOS, Story

WRITE = "stories.write_story"


def own_story(request: AuthenticatedHttpRequest, pk: int) -> Story:
    """The writer's own story; anyone else's reads as if it did not exist."""
    found = queries.story(pk)
    if found is None or not request.user.has_perm("stories.change_story", found):
        raise Http404
    return found


@permission_required(WRITE, raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "stories/mine.jinja", {"stories": queries.stories_of(request.user)})


@permission_required(WRITE, raise_exception=True)
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StoryForm(request.POST or None, work=queries.work_choices(request.user))
    if request.method == "POST" and form.is_valid():
        story = services.write_story(actor=request.user, words=form.words())
        messages.success(request, "Your story is saved as a draft. Add photos, then send it.")
        return redirect("stories:mine_detail", pk=story.pk)
    return render(
        request,
        "stories/form.jinja",
        {"form": form, "story": None},
        status=400 if form.errors else 200,
    )


@permission_required(WRITE, raise_exception=True)
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = own_story(request, pk)
    photos = list(story.photos.all())
    return render(
        request,
        "stories/mine_detail.jinja",
        {"story": story, "photos": photos, "room_for_photos": len(photos) < MOST_PHOTOS},
    )


@permission_required(WRITE, raise_exception=True)
def change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = own_story(request, pk)
    if not story.changeable:
        raise PermissionDenied
    form = StoryForm(request.POST or None, work=queries.work_choices(request.user), story=story)
    if request.method == "POST" and form.is_valid():
        services.change_story(actor=request.user, story=story, words=form.words())
        messages.success(request, "Your story is changed.")
        return redirect("stories:mine_detail", pk=story.pk)
    return render(
        request,
        "stories/form.jinja",
        {"form": form, "story": story},
        status=400 if form.errors else 200,
    )


@permission_required(WRITE, raise_exception=True)
def add_photo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = own_story(request, pk)
    if not story.changeable:
        raise PermissionDenied
    posted = request.method == "POST"
    form = StoryPhotoForm(request.POST if posted else None, request.FILES if posted else None)
    refused = ""
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_photo(
                actor=request.user,
                story=story,
                image=data["photo"],
                alt_text=data["alt_text"],
                consented=data["everyone_consented"],
                consent_how=data["consent_how"],
            )
            messages.success(request, "The photo is added to your story.")
            return redirect("stories:mine_detail", pk=story.pk)
        except services.StoryError as problem:
            refused = str(problem)
    return render(
        request,
        "stories/add_photo.jinja",
        {"form": form, "story": story, "refused": refused, "most_photos": MOST_PHOTOS},
        status=400 if posted else 200,
    )


@require_POST
@permission_required(WRITE, raise_exception=True)
def remove_photo(request: AuthenticatedHttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    story = own_story(request, pk)
    photo = next((p for p in story.photos.all() if p.pk == photo_pk), None)
    if photo is None:
        raise Http404
    try:
        services.remove_photo(actor=request.user, photo=photo)
        messages.success(request, "The photo is removed.")
    except services.StoryError as problem:
        messages.error(request, str(problem))
    return redirect("stories:mine_detail", pk=story.pk)


@require_POST
@permission_required(WRITE, raise_exception=True)
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = own_story(request, pk)
    try:
        services.submit_story(actor=request.user, story=story)
        messages.success(
            request,
            "Your story is sent to the involvement lead. We will tell you here what happens.",
        )
    except services.StoryError as problem:
        messages.error(request, str(problem))
    return redirect("stories:mine_detail", pk=story.pk)
