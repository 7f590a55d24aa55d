"""Staff accounts and teams, managed by an administrator."""

from allauth.account.forms import ResetPasswordForm
from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts import queries, services
from coproduce.accounts.forms import StaffForm, TeamForm
from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.accounts.roles import Role


@permission_required("accounts.manage_staff", raise_exception=True)
def staff_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.staff_accounts(), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/staff_list.jinja", {"page": page})


def _send_set_password_link(request: HttpRequest, email: str) -> None:
    """New staff choose their own password through the password reset email."""
    form = ResetPasswordForm(data={"email": email})
    if form.is_valid():
        form.save(request)


@permission_required("accounts.manage_staff", raise_exception=True)
def staff_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.add_staff_account(actor=request.user, **form.cleaned_data)
        except services.EmailTaken:
            form.add_error("email", StaffForm.EMAIL_TAKEN)
        else:
            _send_set_password_link(request, user.email)
            messages.success(
                request,
                f"Added {user.display_name}. We have emailed them a link to choose a password.",
            )
            return redirect("accounts:staff_list")
    return render(request, "accounts/staff_form.jinja", {"form": form, "staff_user": None})


@permission_required("accounts.manage_staff", raise_exception=True)
def staff_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = queries.staff_account_or_404(pk)
    initial = {
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "team": user.team_id,
        "is_active": user.is_active,
    }
    form = StaffForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        if user == request.user:
            # Administrators cannot lock themselves out of this page.
            if not form.cleaned_data["is_active"]:
                form.add_error("is_active", "You cannot stop yourself signing in")
            if user.role == Role.ADMINISTRATOR and form.cleaned_data["role"] != Role.ADMINISTRATOR:
                form.add_error("role", "You cannot take away your own administrator role")
        if not form.errors:
            if form.cleaned_data["email"].lower() != user.email.lower():
                # A new sign-in email hands the account to whoever reads that inbox: the
                # administrator confirms it is them first (allauth replays this form after).
                raise_if_reauthentication_required(request, app="")
            try:
                services.change_staff_account(actor=request.user, user=user, **form.cleaned_data)
            except services.EmailTaken:
                form.add_error("email", StaffForm.EMAIL_TAKEN)
            else:
                messages.success(request, "Changes saved.")
                return redirect("accounts:staff_list")
    return render(request, "accounts/staff_form.jinja", {"form": form, "staff_user": user})


@permission_required("accounts.manage_staff", raise_exception=True)
def team_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.add_team(actor=request.user, **form.cleaned_data)
        except services.TeamNameTaken:
            form.add_error("name", "This organisation already has a team with that name")
        else:
            messages.success(request, f"Added {team}.")
            return redirect("accounts:team_list")
    return render(request, "accounts/team_list.jinja", {"teams": queries.teams(), "form": form})
