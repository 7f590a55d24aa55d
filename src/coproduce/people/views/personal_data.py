"""A subject access request: the involvement lead downloads everything held about one expert,
from every part of the product, as a ZIP of a PDF to read, data.json and their files. Each
download is in the record of who opened what."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.audit import services as audit
from coproduce.audit.models import AuditEvent
from coproduce.core.subject_access import as_zip
from coproduce.people import queries

PERMISSION = "people.export_personal_data"


def expert_data(request: HttpRequest, pk: int) -> HttpResponse:
    expert = queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "people/personal_data.jinja", {"expert": expert})
    audit.record_view(viewer=request.user, instance=expert, what="all their data, downloaded")
    data = as_zip(expert)
    audit.record_export(
        actor=request.user,
        action=AuditEvent.Action.SUBJECT_ACCESS_EXPORTED,
        what=expert,
        summary="All their data as a ZIP (subject access request)",
        details={"format": "zip"},
    )
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="expert-{expert.pk}-data.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
