"""Leaving a list from the link in a message, without signing in: the link is signed for one
person and one list. Opening it shows a page asking to confirm (mail scanners open links, and
must not take anyone off a list); pressing the button — or a mail program's one-click
unsubscribe, which posts "List-Unsubscribe=One-Click" to the same address (RFC 8058) — takes
them off. The pages name the list only: nothing about the person."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from coproduce.comms.lists import queries, services
from coproduce.comms.lists.unsubscribe import read_leave_token
from coproduce.people.queries import experts_by_id


# No CSRF token: a mail program's one-click post has none. The signed token is the permission,
# and all it can do is take one person off one list.
@csrf_exempt
def leave_link(request: HttpRequest, token: str) -> HttpResponse:
    found = read_leave_token(token)
    mailing_list = queries.list_by_id(found[1]) if found else None
    experts = list(experts_by_id([found[0]])) if found else []
    if mailing_list is None or not experts:
        return render(request, "mailing/leave_link_broken.jinja", status=404)
    if request.method == "POST":
        services.leave_list(expert=experts[0], mailing_list=mailing_list)
        return render(request, "mailing/leave_link_done.jinja", {"mailing_list": mailing_list})
    return render(
        request, "mailing/leave_link.jinja", {"mailing_list": mailing_list, "token": token}
    )
