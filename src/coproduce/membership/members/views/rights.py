"""A member's rights over their data, for members who are not Experts by Experience (an
expert's requests go through their record on the register): the membership office downloads
what we hold about the member (subject access), or erases it (article 17)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.membership.members import member_data, queries, services
from coproduce.membership.members.models import Member
from coproduce.membership.members.rights_forms import EraseMemberForm

KEEP = "members.keep_register"


def _member(pk: int) -> Member:
    found = queries.member(pk)
    if found is None:
        raise Http404("No such member")
    return found


@never_cache
@permission_required(KEEP, raise_exception=True)
def member_data_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET: what the file holds; POST: the file. Each download is recorded as a view of the
    member's personal data and as data leaving the product."""
    member = _member(pk)
    if request.method != "POST" or member.expert_id or member.erased_at:
        return render(request, "members/office/member_data.jinja", {"member": member})
    audit.record_view(viewer=request.user, instance=member, what="all their data, downloaded")
    data = member_data.as_json(member)
    audit.record_export(
        actor=request.user,
        action=AuditEvent.Action.SUBJECT_ACCESS_EXPORTED,
        what=member,
        summary="All their data as JSON (subject access request)",
        details={"format": "json"},
    )
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="member-{member.pk}-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@permission_required(KEEP, raise_exception=True)
def member_erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = _member(pk)
    if member.erased_at is not None:
        messages.info(request, "This member's data has already been erased.")
        return redirect("members:member_detail", pk=member.pk)
    waiting = [] if member.expert_id else member_data.erase_blockers(member)
    refused = bool(member.expert_id or waiting)
    form = EraseMemberForm(request.POST if request.method == "POST" and not refused else None)
    if form.is_bound and form.is_valid():
        try:
            services.erase_member(actor=request.user, member=member)
        except services.AlreadyErased:
            messages.info(request, "This member's data has already been erased.")
            return redirect("members:member_detail", pk=member.pk)
        except services.ErasureWaits as error:
            waiting = error.reasons  # a nomination came in meanwhile
        except services.MembershipError as error:  # they became an expert meanwhile
            form.add_error(None, str(error))
        else:
            messages.success(request, "The member's data has been erased.")
            return redirect("members:member_detail", pk=member.pk)
    return render(
        request,
        "members/office/erase.jinja",
        {"member": member, "form": form, "kept": member_data.KEPT, "waiting": waiting},
        status=400 if form.errors else 200,
    )
