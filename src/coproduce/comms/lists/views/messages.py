"""Writing a message to a list, checking who gets which version (and who does not, and why)
before sending, sending it once, and following how sending goes, copy by copy."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.comms.lists import documents, queries, services
from coproduce.comms.lists.forms import MessageForm
from coproduce.comms.lists.models import Delivery, Message
from coproduce.comms.lists.views.lists import _start

SEND = "mailing.send_messages"
DELIVERIES_PAGE = 50


@permission_required(SEND, raise_exception=True)
def write(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mailing_list = queries.list_or_404(pk)
    posted = request.method == "POST"
    form = MessageForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        message = services.save_message(
            actor=request.user,
            mailing_list=mailing_list,
            values=form.cleaned_data,
            documents=form.documents_chosen(),
        )
        return redirect("mailing:message_check", pk=message.pk)
    _files_not_kept(request, form)
    return render(
        request,
        "mailing/message_form.jinja",
        {"form": form, "mailing_list": mailing_list, "message": None},
    )


@permission_required(SEND, raise_exception=True)
def change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = queries.message_or_404(pk)
    if message.state != Message.State.DRAFT:
        return redirect("mailing:message", pk=message.pk)
    posted = request.method == "POST"
    form = MessageForm(
        request.POST if posted else None, request.FILES if posted else None, message=message
    )
    if posted and form.is_valid():
        services.save_message(
            actor=request.user,
            mailing_list=message.mailing_list,
            values=form.cleaned_data,
            message=message,
            documents=form.documents_chosen(),
        )
        return redirect("mailing:message_check", pk=message.pk)
    _files_not_kept(request, form)
    return render(
        request,
        "mailing/message_form.jinja",
        {"form": form, "mailing_list": message.mailing_list, "message": message},
    )


def _files_not_kept(request: AuthenticatedHttpRequest, form: MessageForm) -> None:
    """Files chosen are not kept when something else on the form is wrong: say so beside each,
    so nobody sends the message believing a document is on it."""
    if not form.errors:
        return
    for field in request.FILES:
        if field in form.fields and field not in form.errors:
            form.add_error(
                field, "Choose this file again: files are not kept when there is a problem"
            )


def _check_page(request, message: Message, problem: str = "", status: int = 200) -> HttpResponse:
    number, start = _start(request)
    others, others_start = _start(request, "others")
    found = queries.preview(message, start=start, others_start=others_start)
    return render(
        request,
        "mailing/message_check.jinja",
        {
            "message": message,
            "mailing_list": message.mailing_list,
            "p": found,
            "number": number,
            "others": others,
            "problem": problem,
            "documents": documents.described(message),
        },
        status=status,
    )


@permission_required(SEND, raise_exception=True)
def check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who gets the message, by which channel and in which version; who does not and why;
    who needs audio or BSL. The Send button is here."""
    message = queries.message_or_404(pk)
    if message.state != Message.State.DRAFT:
        return redirect("mailing:message", pk=message.pk)
    return _check_page(request, message)


@permission_required(SEND, raise_exception=True)
@require_POST
def send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = queries.message_or_404(pk)
    revision = request.POST.get("revision", "")
    try:
        services.queue_message(
            actor=request.user,
            message=message,
            revision=int(revision) if revision.isdigit() else 0,
        )
    except services.NotSent as refused:
        message.refresh_from_db()
        if message.state != Message.State.DRAFT:
            messages.info(request, str(refused))
            return redirect("mailing:message", pk=message.pk)
        return _check_page(request, message, problem=str(refused), status=400)
    return redirect("mailing:message", pk=message.pk)


@permission_required(SEND, raise_exception=True)
def progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """n of N sent, and each copy: to whom, how, which version, and how it went."""
    message = queries.message_or_404(pk)
    if message.state == Message.State.DRAFT:
        return redirect("mailing:message_check", pk=message.pk)
    status = request.GET.get("status", "")
    if status not in Delivery.Status.values:
        status = ""
    number, start = _start(request, size=DELIVERIES_PAGE)
    deliveries, count = queries.deliveries_page(
        message, status=status, start=start, size=DELIVERIES_PAGE
    )
    return render(
        request,
        "mailing/message_progress.jinja",
        {
            "message": message,
            "mailing_list": message.mailing_list,
            "progress": queries.progress(message),
            "deliveries": deliveries,
            "count": count,
            "number": number,
            "pages": max(1, -(-count // DELIVERIES_PAGE)),
            "status": status,
            "statuses": Delivery.Status.choices,
        },
    )
