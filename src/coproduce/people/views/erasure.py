"""Erasing a person's data (UK GDPR article 17): the involvement lead reads exactly what will
be deleted and what will be kept and why, ticks that they understand it cannot be undone, and
erases. The record then says only when it was erased."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coproduce.core.erasure import KEPT, AlreadyErased, NotYet, reasons_to_wait
from coproduce.core.forms import NHSFormMixin
from coproduce.people import queries
from coproduce.people.erasure import erase_person

PERMISSION = "people.erase_personal_data"


class ErasureForm(NHSFormMixin, forms.Form):
    understood = forms.BooleanField(
        label="I understand this cannot be undone",
        error_messages={"required": "Tick the box to say you understand this cannot be undone"},
    )


def erase(request: HttpRequest, pk: int) -> HttpResponse:
    expert = queries.get_expert_for(request.user, pk, erased=True)
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if expert.erased_at is not None:
        messages.info(request, "This person's data has already been erased.")
        return redirect("people:expert_detail", pk=expert.pk)
    waiting = reasons_to_wait(expert)
    form = ErasureForm(request.POST if request.method == "POST" and not waiting else None)
    if form.is_bound and form.is_valid():
        try:
            erase_person(actor=request.user, expert=expert)
        except AlreadyErased:
            messages.info(request, "This person's data has already been erased.")
            return redirect("people:expert_detail", pk=expert.pk)
        except NotYet as not_yet:
            waiting = not_yet.reasons  # a claim was sent in meanwhile
        else:
            messages.success(request, "Their data has been erased.")
            return redirect("people:expert_detail", pk=expert.pk)
    return render(
        request,
        "people/erase.jinja",
        {"expert": expert, "form": form, "kept": KEPT, "waiting": waiting},
        status=400 if form.errors else 200,
    )
