"""The public pages: joining, and managing a membership without an account (ask for a link by
email; the link opens the member's details for an hour; change them or leave). Whether someone
is a member is never shown to whoever is at the page: joining twice, or asking for a link for an
address we do not know, reads the same as success."""

import logging

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from coproduce.membership.members import involvement, links, queries, services
from coproduce.membership.members.choices import JoinedBy
from coproduce.membership.members.forms import (
    JoinForm,
    LeaveForm,
    ManageEmailForm,
    OwnDetailsForm,
)
from coproduce.membership.members.models import Member
from coproduce.membership.members.notify import office_email
from coproduce.membership.members.rights_forms import GetInvolvedForm
from coproduce.people.choices import Status as ExpertStatus

logger = logging.getLogger(__name__)


def _too_many(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(
        request, template, {**context, "too_many": True, "office_email": office_email()}, status=429
    )


@never_cache
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.looks_automated:
            logger.info("Member join: a sending filled in the robots' trap and was not kept")
            return redirect("members:member_join_done")
        if not ratelimit.consume(request, action="member_join"):
            return _too_many(
                request, "members/join.jinja", {"form": form, "minimum_age": queries.minimum_age()}
            )
        assert form.constituency is not None  # the form's clean() found it
        try:
            services.join(
                actor=None,
                values=form.details(),
                constituency=form.constituency,
                joined_by=JoinedBy.ONLINE,
                characteristics=form.characteristics(),
                privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            request.session["members_joined_by_email"] = bool(form.cleaned_data.get("email"))
            return redirect("members:member_join_done")
    return render(
        request,
        "members/join.jinja",
        {"form": form, "minimum_age": queries.minimum_age()},
        status=400 if form.errors else 200,
    )


def join_done(request: HttpRequest) -> HttpResponse:
    emailed = request.session.pop("members_joined_by_email", True)
    return render(request, "members/join_done.jinja", {"emailed": emailed})


@never_cache
def manage(request: HttpRequest) -> HttpResponse:
    form = ManageEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="member_manage"):
            return _too_many(request, "members/manage.jinja", {"form": form})
        services.send_manage_links(email=form.cleaned_data["email"])
        return redirect("members:member_manage_sent")
    return render(
        request, "members/manage.jinja", {"form": form}, status=400 if form.errors else 200
    )


def manage_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "members/manage_sent.jinja", {"office_email": office_email()})


@never_cache
def manage_link(request: HttpRequest, token: str) -> HttpResponse:
    """Opening the emailed link: lets this browser manage the member for the hour, then goes to
    their details, so the token is not left in the address bar or history."""
    check = links.check_link(token)
    if not check.usable:
        return render(request, "members/link_problem.jinja", {"problem": check.problem}, status=404)
    assert check.member is not None
    request.session.cycle_key()
    links.allow(request.session, check.member)
    return redirect("members:member_details")


def _member_in_session(request: HttpRequest) -> Member | None:
    member_id = links.allowed_member_id(request.session)
    if member_id is None:
        return None
    found = queries.member(member_id)
    if found is None or not found.is_member:
        return None
    return found


def _ask_again(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/link_problem.jinja",
        {
            "problem": "Your hour to change your details is over, or this page was not opened "
            "from the link in our email"
        },
        status=403,
    )


@never_cache
def details(request: HttpRequest) -> HttpResponse:
    member = _member_in_session(request)
    if member is None:
        return _ask_again(request)
    initial = {**OwnDetailsForm.initial_from(member), **queries.characteristics_of(member)}
    form = OwnDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(
                actor=None,
                member=member,
                values=form.details(),
                characteristics=form.characteristics(),
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your details are saved.")
            return redirect("members:member_details")
    return render(
        request,
        "members/details.jinja",
        {"form": form, "member": member, "office_email": office_email()},
        status=400 if form.errors else 200,
    )


@never_cache
def leave(request: HttpRequest) -> HttpResponse:
    member = _member_in_session(request)
    if member is None:
        return _ask_again(request)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.leave(actor=None, member=member, reason=form.cleaned_data.get("reason", ""))
        links.forget(request.session)
        return redirect("members:member_left")
    return render(
        request,
        "members/leave.jinja",
        {"form": form, "member": member},
        status=400 if form.errors else 200,
    )


def left(request: HttpRequest) -> HttpResponse:
    return render(request, "members/left.jinja", {})


@never_cache
def get_involved(request: HttpRequest) -> HttpResponse:
    """From the manage page: after a short confirmation, the member asks to get involved as an
    Expert by Experience with the details we hold (involvement.ask_to_get_involved)."""
    member = _member_in_session(request)
    if member is None:
        return _ask_again(request)
    refused = ""
    if member.expert is not None:
        refused = (
            involvement.ALREADY_ASKED
            if member.expert.status == ExpertStatus.ENQUIRY
            else involvement.ALREADY_AN_EXPERT
        )
    form = GetInvolvedForm(request.POST if request.method == "POST" and not refused else None)
    if form.is_bound and form.is_valid():
        try:
            involvement.ask_to_get_involved(
                member=member, perspective=form.cleaned_data["perspective"]
            )
        except involvement.AlreadyAsked as error:  # asked in another tab meanwhile
            messages.info(request, f"{error}.")
            return redirect("members:member_details")
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Thank you. We have given your details to the involvement team. Someone will "
                "get in touch to talk about what you would like to do.",
            )
            return redirect("members:member_details")
    return render(
        request,
        "members/get_involved.jinja",
        {"form": form, "member": member, "refused": refused},
        status=400 if form.errors else 200,
    )
