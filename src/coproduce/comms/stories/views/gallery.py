"""The public face of Working Together, open without signing in: the gallery of published
stories and award winners, each published story, its photos (only while it is published), and
the display mode for screens around the organisation. Nothing here is personal beyond what
was consented to."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.stories import queries
from coproduce.comms.stories.models import StoryPhoto
from coproduce.core.stored_files import open_or_404

# Seconds each slide shows in display mode, unless the screen's address says (?seconds=).
SLIDE_SECONDS = 15
FEWEST_SECONDS, MOST_SECONDS = 2, 300


def gallery(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "stories/gallery.jinja",
        {"page": queries.gallery_page(request.GET.get("page")), "winners": queries.winners()},
    )


def story(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.published_story(pk)
    if found is None:
        raise Http404
    return render(
        request, "stories/story.jinja", {"story": found, "photos": list(found.photos.all())}
    )


def _slide_number(text: str | None, count: int) -> int:
    if not text or not text.isdigit() or not count:
        return 0
    return int(text) % count


def _seconds(text: str | None) -> int:
    if text and text.isdigit() and FEWEST_SECONDS <= int(text) <= MOST_SECONDS:
        return int(text)
    return SLIDE_SECONDS


def display(request: HttpRequest) -> HttpResponse:
    """Full screen, one story at a time. Scripts rotate the slides, with a button to pause;
    without scripts, the page moves itself to the next slide (unless paused), and links pause
    and move on."""
    slides = queries.slides()
    current = _slide_number(request.GET.get("slide"), len(slides))
    paused = request.GET.get("paused") == "yes"
    seconds = _seconds(request.GET.get("seconds"))
    return render(
        request,
        "stories/display.jinja",
        {
            "slides": slides,
            "current": current,
            "next_slide": (current + 1) % len(slides) if slides else 0,
            "paused": paused,
            "seconds": seconds,
            # A screen set to its own pace keeps it as it moves from slide to slide.
            "keep": f"&seconds={seconds}" if seconds != SLIDE_SECONDS else "",
        },
    )


def _photo_response(photo: StoryPhoto, cache: str) -> FileResponse:
    response = FileResponse(open_or_404(photo.image), content_type="image/jpeg")
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    return response


def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A published story's photo. Once the story is withdrawn it is no longer served (so it
    is cached only briefly)."""
    found = queries.public_photo(pk)
    if found is None:
        raise Http404
    return _photo_response(found, "public, max-age=300")


@login_required
def private_photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Any photo of a story, for its writer and the involvement lead."""
    found = queries.any_photo(pk)
    if found is None or not request.user.has_perm("stories.see_story_photos", found.story):
        raise Http404
    return _photo_response(found, "private, max-age=300")
