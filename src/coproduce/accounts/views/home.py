"""The front door: where each role lands after signing in (roles are accounts' to know)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.accounts.roles import Role

# The page each role comes for; visitors see what the service is.
# By role; a user's role is read as plain text.
LANDING: dict[str, str] = {
    Role.EXPERT: "opportunities:my_involvement",
    Role.INVOLVEMENT_LEAD: "people:dashboard",
    Role.COORDINATOR: "people:dashboard",
    Role.FINANCE: "people:dashboard",
    Role.ADMINISTRATOR: "accounts:staff_list",
    Role.STAFF: "opportunities:request_list",
    Role.MEMBERSHIP_OFFICE: "members:member_list",
    Role.RETURNING_OFFICER: "elections:list",
    Role.SCRUTINEER: "elections:scrutiny_list",
}


def home(request: HttpRequest) -> HttpResponse:
    """Sends each person to the page they come for; visitors see what the service is."""
    user = request.user
    if user.is_authenticated and user.role in LANDING:
        return redirect(LANDING[user.role])
    return render(request, "core/home.jinja")
