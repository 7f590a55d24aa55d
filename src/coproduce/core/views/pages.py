from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.roles import Role


def home(request: HttpRequest) -> HttpResponse:
    """Sends each person to the page they come for; visitors see what the service is."""
    user = request.user
    if user.is_authenticated:
        role = user.role
        if role == Role.EXPERT:
            return redirect("opportunities:my_involvement")
        if role in {Role.INVOLVEMENT_LEAD, Role.COORDINATOR, Role.FINANCE}:
            return redirect("people:dashboard")
        if role == Role.ADMINISTRATOR:
            return redirect("accounts:staff_list")
        if role == Role.STAFF:
            return redirect("opportunities:request_list")
    return render(request, "core/home.jinja")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja")
