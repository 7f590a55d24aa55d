"""The welcome pack's wording, as the involvement lead keeps it: each section in plain English
and in Easy Read, who signs the letter, and which support sheets go in every pack."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.onboarding import queries as onboarding_queries
from coproduce.welcome import queries, services
from coproduce.welcome.content import expert_term, organisation_name, signatures_from
from coproduce.welcome.forms import PackSettingsForm, SectionForm
from coproduce.welcome.sections import BY_KEY, SECTIONS, filled

CHANGE = "welcome.change_wording"


@permission_required("welcome.make_packs", raise_exception=True)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The pack's sections and who changed them; links to make packs for many experts."""
    changed = queries.wordings()
    pack_settings = queries.pack_settings()
    sections = [
        {
            "section": section,
            "title": _fill(section.title),
            "wording": changed.get(section.key),
        }
        for section in SECTIONS
    ]
    return render(
        request,
        "welcome/overview.jinja",
        {
            "sections": sections,
            "signatures": signatures_from(pack_settings.signed_by),
            "sheet_count": len(pack_settings.sheet_ids or []),
            "can_change": request.user.has_perm(CHANGE),
            "prints": queries.recent_prints(),
        },
    )


def _fill(text: str) -> str:
    return filled(text, term=expert_term(), organisation=organisation_name())


def _section(key: str):
    section = BY_KEY.get(key)
    if section is None:
        raise Http404("No such section of the welcome pack.")
    return section


@permission_required(CHANGE, raise_exception=True)
def section_edit(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    section = _section(key)
    own = queries.wordings().get(key)
    initial = {
        "body": own.body if own else _fill(section.body),
        "easy_read": own.easy_read if own else _fill(section.easy_read),
    }
    form = SectionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.change_section(
            actor=request.user,
            key=key,
            body=form.cleaned_data["body"],
            easy_read=form.cleaned_data["easy_read"],
        )
        messages.success(
            request, f"‘{_fill(section.title)}’ is saved. Every pack made from now on uses it."
        )
        return redirect("welcome:overview")
    return render(
        request,
        "welcome/section_form.jinja",
        {"section": section, "title": _fill(section.title), "form": form, "own": own},
        status=400 if form.errors else 200,
    )


@permission_required(CHANGE, raise_exception=True)
def section_reset(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    section = _section(key)
    own = queries.wordings().get(key)
    if own is None:
        messages.info(request, f"‘{_fill(section.title)}’ already uses the default wording.")
        return redirect("welcome:overview")
    if request.method == "POST":
        services.reset_section(actor=request.user, key=key)
        messages.success(request, f"‘{_fill(section.title)}’ uses the default wording again.")
        return redirect("welcome:overview")
    return render(
        request,
        "welcome/section_reset.jinja",
        {
            "section": section,
            "title": _fill(section.title),
            "own": own,
            "default_body": _fill(section.body),
            "default_easy": _fill(section.easy_read),
        },
    )


@permission_required(CHANGE, raise_exception=True)
def pack_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = queries.pack_settings()
    sheets = list(onboarding_queries.sheets_for("experts"))
    initial = {"signed_by": current.signed_by, "sheets": current.sheet_ids}
    form = PackSettingsForm(
        request.POST if request.method == "POST" else None, initial=initial, sheets=sheets
    )
    if request.method == "POST" and form.is_valid():
        services.change_pack_settings(
            actor=request.user,
            signed_by=form.cleaned_data["signed_by"],
            sheet_ids=form.cleaned_data["sheets"],
        )
        messages.success(request, "The letter's signatures and the support sheets are saved.")
        return redirect("welcome:overview")
    return render(
        request,
        "welcome/settings_form.jinja",
        {"form": form, "has_sheets": bool(sheets)},
        status=400 if form.errors else 200,
    )
