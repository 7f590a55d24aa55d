"""An expert's welcome pack, as a page and as a PDF: the involvement team makes it from the
expert's profile, in the version they need, and marks it sent; the expert reads their own in
their portal."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.formats import long_date
from coproduce.people import queries as people_queries
from coproduce.welcome import queries, services
from coproduce.welcome.content import pack_for, shared_content
from coproduce.welcome.forms import MarkSentForm
from coproduce.welcome.pdf import packs_pdf

MAKE = "welcome.make_packs"
OWN = "welcome.read_own_pack"


def _expert(request: AuthenticatedHttpRequest, pk: int):
    """The record, or 404 for someone who may not see it; then 403 without the permission."""
    expert = people_queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(MAKE):
        raise PermissionDenied
    return expert


def _restricted(request, expert) -> HttpResponse | None:
    """A pack for someone whose processing is restricted would be processing: back to their
    record, saying why."""
    if expert.restricted_at is None:
        return None
    messages.error(
        request,
        f"Processing of {expert.full_name}'s information is restricted, so a welcome pack "
        "cannot be made or sent until the involvement lead lifts the restriction.",
    )
    return redirect("people:expert_detail", pk=expert.pk)


def _format(request, expert) -> str:
    asked = request.GET.get("format", "")
    return asked if asked in queries.FORMATS else queries.format_for(expert)


def _pdf_response(pack) -> HttpResponse:
    response = HttpResponse(packs_pdf([pack]), content_type="application/pdf")
    name = slugify(f"welcome pack {pack.name} {pack.format_label}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _page(request, expert, *, mine: bool) -> HttpResponse:
    fmt = _format(request, expert)
    pack = pack_for(expert, fmt, shared_content())
    return render(
        request,
        "welcome/pack_page.jinja",
        {
            "pack": pack,
            "expert": expert,
            "mine": mine,
            "needed": queries.format_for(expert),
            "formats": queries.FORMATS,
            "for_pdf": False,
        },
    )


def expert_pack(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    return _restricted(request, expert) or _page(request, expert, mine=False)


def expert_pack_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    if refused := _restricted(request, expert):
        return refused
    return _pdf_response(pack_for(expert, _format(request, expert), shared_content()))


def mark_sent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    if refused := _restricted(request, expert):
        return refused
    today = timezone.localdate()
    initial = {"sent_on": today, "format": queries.format_for(expert)}
    form = MarkSentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        sent = services.mark_sent(
            actor=request.user,
            expert=expert,
            sent_on=form.cleaned_data["sent_on"],
            format=form.cleaned_data["format"],
        )
        messages.success(
            request,
            f"{expert.full_name}'s {queries.FORMATS[sent.format].lower()} welcome pack is "
            f"recorded as sent on {long_date(sent.sent_on)}.",
        )
        return redirect("people:expert_detail", pk=expert.pk)
    return render(
        request,
        "welcome/mark_sent.jinja",
        {"expert": expert, "form": form, "last": queries.last_sent(expert)},
        status=400 if form.errors else 200,
    )


@permission_required(OWN, raise_exception=True)
def my_pack(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request, people_queries.signed_in_expert(request.user), mine=True)


@permission_required(OWN, raise_exception=True)
def my_pack_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    return _pdf_response(pack_for(expert, _format(request, expert), shared_content()))
