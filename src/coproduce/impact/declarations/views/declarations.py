"""A programme manager's declarations: their list, starting one, what it is about, its
entries one at a time on their own page, submitting it to the board, and follow-ups done; and
the involvement team's list of every declaration."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.impact.declarations import presenters, queries, services
from coproduce.impact.declarations.forms import AboutForm, EntryForm, FilterForm
from coproduce.impact.declarations.models import Declaration, Status

WRITE = "declarations.write_declarations"
PER_PAGE = 25


def _declaration(request: AuthenticatedHttpRequest, pk: int) -> Declaration:
    """The declaration, if the person may see it; 404 otherwise (another team's is not
    theirs to know of)."""
    found = queries.declaration(pk)
    if found is None or not request.user.has_perm("declarations.see_declaration", found):
        raise Http404
    return found


def _may_change(request: AuthenticatedHttpRequest, pk: int) -> Declaration:
    found = _declaration(request, pk)
    if not request.user.has_perm("declarations.change_declaration", found):
        raise Http404
    return found


HELPERS = {
    "status_tag": presenters.status_tag,
    "stage_label": presenters.stage_label,
    "rung_label": presenters.rung_label,
    "how_late": presenters.how_late,
    "is_overdue": presenters.is_overdue,
    "work_title": presenters.work_title,
}


@permission_required(WRITE, raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """ "Your declarations": your own, those you wrote for someone, and your team's."""
    return render(
        request,
        "declarations/mine.jinja",
        {
            "declarations": queries.declarations_for(request.user),
            "everyone": request.user.has_perm("declarations.see_all"),
            **HELPERS,
        },
    )


@permission_required("declarations.see_all", raise_exception=True)
def everything(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every declaration, waiting for the board first; filtered by status and team; with the
    follow-ups overdue."""
    form = FilterForm(request.GET or None)
    status, team_id = "", None
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"]
        team = form.cleaned_data["team"]
        team_id = team.pk if team else None
    today = timezone.localdate()
    page = Paginator(
        queries.all_declarations(status=status, team_id=team_id, today=today), PER_PAGE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "declarations/all.jinja",
        {
            "filters": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(status or team_id),
            "totals": queries.totals(today=today),
            "overdue": queries.overdue_follow_ups(today=today),
            **HELPERS,
        },
    )


@permission_required(WRITE, raise_exception=True)
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Starts a declaration, kept as a draft. The involvement team chooses whose it is."""
    for_someone = request.user.has_perm("declarations.see_all")
    posted = request.method == "POST"
    form = AboutForm(
        request.POST if posted else None,
        for_someone=for_someone,
        initial={"team": request.user.team_id},
    )
    if posted and form.is_valid():
        owner = form.cleaned_data["owner"] if for_someone else request.user
        found = services.start_declaration(actor=request.user, owner=owner, about=form.about())
        messages.success(
            request,
            "Your declaration is saved as a draft. Now add where co-production took place, "
            "or will.",
        )
        return redirect("declarations:add_entry", pk=found.pk)
    return render(
        request,
        "declarations/about.jinja",
        {"form": form, "declaration": None},
        status=400 if form.errors else 200,
    )


@permission_required(WRITE, raise_exception=True)
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _declaration(request, pk)
    return render(
        request,
        "declarations/detail.jinja",
        {
            "declaration": found,
            "entries": queries.entries_of(found, request.user),
            "reviews": queries.reviews_of(found),
            "may_change": request.user.has_perm("declarations.change_declaration", found),
            "may_review": request.user.has_perm("declarations.review")
            and found.status == Status.WAITING,
            **HELPERS,
        },
    )


@permission_required(WRITE, raise_exception=True)
def change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _may_change(request, pk)
    posted = request.method == "POST"
    form = AboutForm(
        request.POST if posted else None,
        initial={"name": found.name, "team": found.team_id, "description": found.description},
    )
    if posted and form.is_valid():
        services.change_about(actor=request.user, declaration=found, about=form.about())
        messages.success(request, _saved(found))
        return redirect("declarations:detail", pk=found.pk)
    return render(
        request,
        "declarations/about.jinja",
        {"form": form, "declaration": found},
        status=400 if form.errors else 200,
    )


def _saved(found: Declaration) -> str:
    if found.submitted:
        return "Your change is saved. The declaration waits for the co-production board again."
    return "Your change is saved."


def _entry_page(request: AuthenticatedHttpRequest, pk: int, entry_pk: int | None):
    found = _may_change(request, pk)
    entry = None
    if entry_pk is not None:
        entry = queries.entry(found, entry_pk)
        if entry is None:
            raise Http404
    posted = request.method == "POST"
    form = EntryForm(
        request.POST if posted else None,
        work=queries.work_to_link(request.user, found),
        entry=entry,
    )
    if posted and form.is_valid():
        if entry is None:
            services.add_entry(actor=request.user, declaration=found, words=form.words())
            messages.success(
                request,
                "The entry is added. Add another, or submit the declaration when it is complete."
                if not found.submitted
                else "The entry is added. The declaration waits for the co-production board again.",
            )
        else:
            services.change_entry(actor=request.user, entry=entry, words=form.words())
            messages.success(request, _saved(found))
        return redirect("declarations:detail", pk=found.pk)
    return render(
        request,
        "declarations/entry.jinja",
        {"form": form, "declaration": found, "entry": entry},
        status=400 if form.errors else 200,
    )


@permission_required(WRITE, raise_exception=True)
def add_entry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One place where co-production took place or will, on its own page."""
    return _entry_page(request, pk, None)


@permission_required(WRITE, raise_exception=True)
def change_entry(request: AuthenticatedHttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    return _entry_page(request, pk, entry_pk)


@permission_required(WRITE, raise_exception=True)
def remove_entry(request: AuthenticatedHttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    found = _may_change(request, pk)
    entry = queries.entry(found, entry_pk)
    if entry is None:
        raise Http404
    if request.method == "POST":
        services.remove_entry(actor=request.user, entry=entry)
        messages.success(request, "The entry is removed. " + _saved(found))
        return redirect("declarations:detail", pk=found.pk)
    return render(
        request, "declarations/remove_entry.jinja", {"declaration": found, "entry": entry}
    )


@permission_required(WRITE, raise_exception=True)
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Check your answers, then send the declaration to the co-production board."""
    found = _may_change(request, pk)
    if found.submitted:
        return redirect("declarations:detail", pk=found.pk)
    refused = ""
    if request.method == "POST":
        try:
            services.submit(actor=request.user, declaration=found)
        except services.DeclarationError as problem:
            refused = str(problem)
        else:
            messages.success(
                request,
                "Your declaration is submitted. The co-production board will review it at its "
                "next meeting.",
            )
            return redirect("declarations:detail", pk=found.pk)
    return render(
        request,
        "declarations/submit.jinja",
        {
            "declaration": found,
            "entries": queries.entries_of(found, request.user),
            "refused": refused,
            **HELPERS,
        },
        status=400 if refused else 200,
    )


@permission_required(WRITE, raise_exception=True)
def follow_up_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Marks a follow-up the board asked for as done."""
    found = queries.follow_up(pk)
    if found is None or not request.user.has_perm(
        "declarations.change_declaration", found.declaration
    ):
        raise Http404
    if request.method == "POST" and not found.done:
        services.mark_done(actor=request.user, follow_up=found)
        messages.success(request, "The follow-up is marked as done.")
        return redirect("declarations:detail", pk=found.declaration_id)
    return render(
        request,
        "declarations/follow_up_done.jinja",
        {"follow_up": found, "declaration": found.declaration, **HELPERS},
    )
