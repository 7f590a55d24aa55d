"""Stopping the trust's news from the link in a message, for a Foundation Trust member who got
it because the list also goes to members. Members have no account: the link is signed for one
member and one list, and all it can do is stop the trust's news to that member (kept in their
own record, as if they had changed it themselves). As for experts' links, opening it asks first
(mail scanners open links) and a mail program's one-click post (RFC 8058) does it. The pages
say nothing about the member."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from coproduce.comms.lists import queries, services
from coproduce.comms.lists.unsubscribe import read_member_token
from coproduce.membership.members.queries import member_for_news


# No CSRF token: a mail program's one-click post has none. The signed token is the permission.
@csrf_exempt
def member_news_stop(request: HttpRequest, token: str) -> HttpResponse:
    found = read_member_token(token)
    mailing_list = queries.list_by_id(found[1]) if found else None
    member = member_for_news(found[0]) if found else None
    if mailing_list is None or member is None:
        return render(request, "mailing/member_news_broken.jinja", status=404)
    if request.method == "POST":
        stopped = services.stop_member_news(member=member)
        return render(request, "mailing/member_news_stopped.jinja", {"stopped": stopped})
    return render(request, "mailing/member_news_stop.jinja", {"token": token})
