"""Everyone still onboarding, with what each is waiting for, and the lead's choice of which
checklist items are required. Making an expert active is the people app's (its
make_active view asks onboarding what is missing)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.onboarding.checklist import queries, services
from coproduce.onboarding.checklist.forms import RequiredItemsForm


@permission_required("onboarding.view_checklist", raise_exception=True)
def still_onboarding(request: AuthenticatedHttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    page, checklists = queries.onboarding_page(search, request.GET.get("page"))
    return render(
        request,
        "onboarding/checklist/list.jinja",
        {
            "page": page,
            "checklists": checklists,
            "search": search,
            "can_make_active": request.user.has_perm("people.change_expert"),
            "can_manage": request.user.has_perm("onboarding.manage_checklist"),
        },
    )


@permission_required("onboarding.manage_checklist", raise_exception=True)
def settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = queries.checklist_settings()
    form = RequiredItemsForm(
        request.POST if request.method == "POST" else None,
        initial={"required": list(current.required)},
    )
    if request.method == "POST" and form.is_valid():
        services.save_required(actor=request.user, required=form.cleaned_data["required"])
        messages.success(request, "Saved. Each checklist now asks for what you chose.")
        return redirect("onboarding:onboarding_list")
    return render(
        request,
        "onboarding/checklist/settings.jinja",
        {"form": form, "current": current},
        status=400 if form.errors else 200,
    )
