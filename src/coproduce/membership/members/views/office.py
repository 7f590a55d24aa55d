"""The membership office's pages: the register of members (search, one member, add from a paper
form, edit, mark as left), the constituencies, and the minimum age."""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.figures import csv_text
from coproduce.membership.members import queries, services
from coproduce.membership.members.choices import JoinedBy
from coproduce.membership.members.forms import (
    ConstituencyForm,
    LeaveForm,
    MinimumAgeForm,
    OfficeMemberForm,
    RepresentationForm,
    SearchForm,
)
from coproduce.membership.members.models import Constituency, Member

if TYPE_CHECKING:
    from coproduce.membership.members.representation import Report

KEEP = "members.keep_register"


def _member(pk: int) -> Member:
    found = queries.member(pk)
    if found is None:
        raise Http404("No such member")
    return found


@never_cache
@permission_required(KEEP, raise_exception=True)
def member_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    constituencies = queries.constituencies()
    form = SearchForm(request.GET or None, constituencies=constituencies)
    page = queries.members_page(request.GET.get("page"), **form.filters())
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/office/list.jinja",
        {
            "search": form,
            "page": page,
            "constituencies": constituencies,
            "query": query.urlencode(),
        },
    )


@never_cache
@permission_required(KEEP, raise_exception=True)
def member_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "members/office/member.jinja", {"member": _member(pk)})


@never_cache
@permission_required(KEEP, raise_exception=True)
def member_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A member from a paper form."""
    form = OfficeMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            joined = services.join(
                actor=request.user,
                values={**form.details(), "staff_number": form.cleaned_data["staff_number"]},
                constituency=form.cleaned_data["constituency"],
                joined_by=JoinedBy.PAPER,
                characteristics=form.characteristics(),
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            if joined.member is None:
                assert joined.existing is not None
                messages.info(
                    request,
                    f"{joined.existing.full_name} is a member already: nobody new was added.",
                )
                return redirect("members:member_detail", pk=joined.existing.pk)
            messages.success(request, f"{joined.member.full_name} is now a member.")
            return redirect("members:member_detail", pk=joined.member.pk)
    return render(
        request,
        "members/office/member_form.jinja",
        {"form": form, "member": None},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(KEEP, raise_exception=True)
def member_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = _member(pk)
    if not member.is_member:
        messages.info(request, f"{member.full_name} has left: their details cannot be changed.")
        return redirect("members:member_detail", pk=member.pk)
    initial = {
        **OfficeMemberForm.initial_from(member),
        **queries.characteristics_of(member),
        "constituency": member.constituency_id,
        "staff_number": member.staff_number,
    }
    form = OfficeMemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(
                actor=request.user,
                member=member,
                values={**form.details(), "staff_number": form.cleaned_data["staff_number"]},
                characteristics=form.characteristics(),
                constituency=form.cleaned_data["constituency"],
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{member.full_name}’s details are saved.")
            return redirect("members:member_detail", pk=member.pk)
    return render(
        request,
        "members/office/member_form.jinja",
        {"form": form, "member": member},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(KEEP, raise_exception=True)
def member_mark_left(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = _member(pk)
    form = LeaveForm(request.POST or None)
    form.fields["reason"].label = "Why are they leaving? (optional)"
    form.fields["reason"].help_text = "For example, what their letter or call said"
    if request.method == "POST" and form.is_valid():
        services.leave(actor=request.user, member=member, reason=form.cleaned_data["reason"])
        messages.success(request, f"{member.full_name} is marked as left.")
        return redirect("members:member_detail", pk=member.pk)
    return render(
        request,
        "members/office/mark_left.jinja",
        {"form": form, "member": member},
        status=400 if form.errors else 200,
    )


@permission_required(KEEP, raise_exception=True)
def constituency_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "members/office/constituencies.jinja",
        {"constituencies": queries.constituencies(), "settings_now": queries.membership_settings()},
    )


def _constituency_form(
    request: AuthenticatedHttpRequest, constituency: Constituency | None
) -> HttpResponse:
    initial = ConstituencyForm.initial_from(constituency) if constituency else {}
    form = ConstituencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_constituency(
                actor=request.user, values=form.values(), constituency=constituency
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{saved.name} is saved.")
            return redirect("members:constituency_list")
    return render(
        request,
        "members/office/constituency_form.jinja",
        {"form": form, "constituency": constituency},
        status=400 if form.errors else 200,
    )


@never_cache
@permission_required(KEEP, raise_exception=True)
def constituency_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _constituency_form(request, None)


@never_cache
@permission_required(KEEP, raise_exception=True)
def constituency_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = queries.constituency(pk)
    if found is None:
        raise Http404("No such constituency")
    return _constituency_form(request, found)


@never_cache
@permission_required(KEEP, raise_exception=True)
def minimum_age(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = queries.membership_settings()
    form = MinimumAgeForm(request.POST or None, initial={"minimum_age": current.minimum_age})
    if request.method == "POST" and form.is_valid():
        saved = services.set_minimum_age(
            actor=request.user, minimum_age=form.cleaned_data["minimum_age"]
        )
        messages.success(request, f"Members must now be {saved.minimum_age} or older.")
        return redirect("members:constituency_list")
    return render(
        request,
        "members/office/minimum_age.jinja",
        {"form": form, "current": current},
        status=400 if form.errors else 200,
    )


def _representation(request: AuthenticatedHttpRequest) -> tuple[RepresentationForm, "Report"]:
    """The figures of the constituency chosen (all if none), and the form that chose it: the
    figures read the constituencies, and the form checks the choice against the same list."""
    from coproduce.membership.members.representation import report

    found = report(timezone.localdate(), _chosen_id(request))
    form = RepresentationForm(request.GET or None, constituencies=found.constituencies)
    return form, found


def _chosen_id(request: AuthenticatedHttpRequest) -> int | None:
    text = request.GET.get("constituency", "")
    return int(text) if text.isdigit() else None


@permission_required(KEEP, raise_exception=True)
def representation(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How representative membership is: each figure as a chart and a table, against the
    local population, for every constituency or the one chosen."""
    form, found = _representation(request)
    return render(
        request,
        "members/office/representation.jinja",
        {
            "form": form,
            "report": found,
            "fewest": found.fewest,
            "query": request.GET.urlencode() if found.chosen else "",
            "can_set_population": request.user.has_perm("equality.set_population"),
        },
        status=400 if form.errors else 200,
    )


@permission_required(KEEP, raise_exception=True)
def representation_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, found = _representation(request)
    if form.errors:
        raise Http404("No such constituency")
    today = timezone.localdate()
    name = f"members-{today:%Y-%m-%d}"
    if found.chosen is not None:
        name += f"-constituency-{found.chosen.pk}"
    response = HttpResponse(csv_text(found.sections), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@never_cache
@permission_required(KEEP, raise_exception=True)
def staff_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enrols staff from the staff list: all or nothing, with each row's problems."""
    from django.core.exceptions import ValidationError

    from coproduce.membership.members.forms import StaffListForm
    from coproduce.membership.members.staff_list import read_staff_list

    form = StaffListForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows, row_problems = read_staff_list(content=upload.read(), filename=upload.name)
        except ValidationError as error:
            form.add_error("file", error.messages[0])
        else:
            problems = [p.message for p in row_problems]
            if not problems:
                result = services.enrol_staff(actor=request.user, rows=rows)
                problems = result.problems or []
                if not problems:
                    messages.success(
                        request,
                        f"{result.enrolled:,} enrolled as members. {result.already:,} were on "
                        "the register already and were left as they are.",
                    )
                    return redirect("members:member_list")
            if problems:
                form.add_error(
                    "file",
                    "Nobody was enrolled: correct the rows listed and upload the file again",
                )
    return render(
        request,
        "members/office/staff_list.jinja",
        {"form": form, "problems": problems},
        status=400 if form.errors else 200,
    )
