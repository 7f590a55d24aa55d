"""The directory of experts: the directory itself (only for experts in it), the expert's own
entry (joining, changing, leaving), its photos, and the involvement lead's page for looking
after the entries."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.directory import queries, services
from coproduce.comms.directory.forms import DirectoryEntryForm, HideEntryForm
from coproduce.core.stored_files import open_or_404
from coproduce.people.queries import signed_in_expert

JOIN = "directory.join"
BROWSE = "directory.browse"
LOOK_AFTER = "directory.look_after"


@never_cache
@permission_required(BROWSE, raise_exception=True)
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everyone in the directory, for an expert who is in it; for anyone else, what it is and
    how to join."""
    expert = signed_in_expert(request.user)
    entry = queries.entry_of(expert)
    if not queries.is_listed(entry, expert):
        return render(
            request,
            "directory/not_in_it.jinja",
            {"entry": entry, "may_join": queries.may_join(expert)},
        )
    page = Paginator(queries.listed_entries(), queries.DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/directory.jinja", {"page": page, "mine": entry})


@never_cache
@permission_required(JOIN, raise_exception=True)
def my_entry(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    if not queries.may_join(expert):
        return render(request, "directory/not_in_it.jinja", {"entry": None, "may_join": False})
    entry = queries.entry_of(expert)
    initial = {
        "first_name": entry.first_name if entry else queries.suggested_first_name(expert),
        "interests": entry.interests if entry else "",
        "photo_choice": services.KEEP_PHOTO
        if entry and entry.photo
        else (services.NO_PHOTO if entry else ""),
    }
    form = DirectoryEntryForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        expert=expert,
        entry=entry,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_entry(
                actor=request.user,
                expert=expert,
                first_name=data["first_name"],
                interests=data["interests"],
                photo=data["photo_choice"],
                upload=data.get("photo"),
            )
        except services.DirectoryError as error:
            form.add_error("photo_choice", str(error))
        else:
            messages.success(
                request,
                "Your entry is changed." if entry else "You are in the directory of experts.",
            )
            return redirect("directory:directory")
    return render(
        request,
        "directory/my_entry.jinja",
        {"form": form, "entry": entry},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(JOIN, raise_exception=True)
def leave(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = signed_in_expert(request.user)
    if request.method == "POST":
        if services.leave_directory(actor=request.user, expert=expert):
            messages.success(
                request, "You have left the directory. Your entry and its photo are deleted."
            )
        return redirect("directory:directory")
    return render(request, "directory/leave.jinja", {"entry": queries.entry_of(expert)})


def photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Directory photos are private: served only to experts in the directory and to the
    involvement lead. Anyone else learns nothing, not even that the photo exists."""
    user = request.user
    if user.has_perm(LOOK_AFTER):
        entry = queries.entry_for_lead(pk)
    elif user.has_perm(BROWSE):
        expert = signed_in_expert(user)
        if not queries.is_listed(queries.entry_of(expert), expert):
            raise Http404
        entry = queries.listed_entry(pk)
    else:
        raise Http404
    if entry is None or not entry.photo:
        raise Http404
    response = FileResponse(open_or_404(entry.photo), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@permission_required(LOOK_AFTER, raise_exception=True)
def look_after(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.entries_to_look_after(), queries.DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/look_after.jinja", {"page": page})


@never_cache
@permission_required(LOOK_AFTER, raise_exception=True)
def hide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = queries.entry_for_lead(pk)
    if entry is None:
        raise Http404
    form = HideEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.hide_entry(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
        messages.success(request, f"{entry.first_name}’s entry is hidden.")
        return redirect("directory:look_after")
    return render(
        request,
        "directory/hide.jinja",
        {"form": form, "entry": entry},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(LOOK_AFTER, raise_exception=True)
def show(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = queries.entry_for_lead(pk)
    if entry is None:
        raise Http404
    services.show_entry(actor=request.user, entry=entry)
    messages.success(request, f"{entry.first_name}’s entry is shown again.")
    return redirect("directory:look_after")
