"""The expert's own pages: their profile and the changes they can make themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.people import queries, services
from coproduce.people.forms import OwnProfileForm
from coproduce.people.presenters import ExpertPresenter


@permission_required("people.edit_own_profile", raise_exception=True)
def my_profile(request: HttpRequest) -> HttpResponse:
    expert = queries.signed_in_expert(request.user, with_profile=True)
    return render(
        request, "people/my_profile.jinja", {"expert": expert, "p": ExpertPresenter(expert)}
    )


@permission_required("people.edit_own_profile", raise_exception=True)
def edit_my_profile(request: HttpRequest) -> HttpResponse:
    expert = queries.signed_in_expert(request.user, with_profile=True)
    form = OwnProfileForm(request.POST or None, expert=expert)
    if request.method == "POST" and form.is_valid():
        services.update_own_profile(expert=expert, values=form.cleaned_data)
        messages.success(request, "Thank you. Your changes are saved.")
        return redirect("people:my_profile")
    return render(request, "people/my_profile_form.jinja", {"form": form, "expert": expert})
