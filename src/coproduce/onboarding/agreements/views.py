"""Agreements: the team's list and each agreement's page (its versions, who has not signed
the current one), the lead's pages to add an agreement, publish a new version and retire one,
reading a version (in full or Easy Read) and signing it, the expert's own list, and a
coordinator's record of a signature on paper."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from markupsafe import Markup

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.onboarding.agreements import queries, services
from coproduce.onboarding.agreements.forms import (
    NewAgreementForm,
    NewVersionForm,
    PaperSignatureForm,
    SignForm,
)
from coproduce.onboarding.markdown import render as markdown_to_html
from coproduce.onboarding.models import Agreement, AgreementVersion, Prerequisite
from coproduce.people import queries as people_queries

MANAGE = "onboarding.manage_agreements"
VIEW = "onboarding.view_agreements"
SIGN = "onboarding.sign_agreements"


def _html(markdown: str) -> Markup:
    # Sanitised by markdown_to_html: only the tags Markdown makes, and safe links.
    return Markup(markdown_to_html(markdown))  # noqa: S704  # nosec B704


@permission_required(VIEW, raise_exception=True)
def agreement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "onboarding/agreements/list.jinja",
        {"rows": queries.agreements_with_counts(), "can_manage": request.user.has_perm(MANAGE)},
    )


@permission_required(VIEW, raise_exception=True)
def agreement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agreement = queries.agreement(pk)
    versions = queries.versions_of(agreement)
    page = None
    if versions and agreement.retired_at is None:
        page = Paginator(queries.not_signed(versions[0]), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "onboarding/agreements/detail.jinja",
        {
            "agreement": agreement,
            "versions": versions,
            "current": versions[0] if versions else None,
            "page": page,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewAgreementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.add_agreement(actor=request.user, **form.cleaned_data)
        except services.AgreementError as problem:
            form.add_error(problem.field, str(problem))
        else:
            messages.success(
                request,
                f"‘{version.agreement.title}’ is published. Experts are asked to sign it.",
            )
            return redirect("onboarding:agreement_detail", pk=version.agreement_id)
    return render(
        request,
        "onboarding/agreements/new.jinja",
        {"form": form},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agreement = queries.agreement(pk)
    if agreement.retired_at is not None:
        raise Http404("No such agreement.")
    versions = queries.versions_of(agreement)
    current = versions[0] if versions else None
    number = current.number if current else 0
    initial: dict[str, object] = {"after": number}
    if current is not None:
        initial |= {"body": current.body, "easy_read": current.easy_read}
    form = NewVersionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.publish_version(
                actor=request.user, agreement=agreement, **form.cleaned_data
            )
        except services.AgreementError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(
                request,
                f"Version {version.number} of ‘{agreement.title}’ is published. Everyone is "
                "asked to sign it.",
            )
            return redirect("onboarding:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "onboarding/agreements/publish.jinja",
        {"form": form, "agreement": agreement, "current": current},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The lead retires an agreement after a page saying what that means. A second retire (a
    double click, a page left open) changes nothing and says so."""
    agreement = queries.agreement(pk)
    if request.method == "POST":
        try:
            services.retire_agreement(actor=request.user, agreement=agreement)
        except services.AgreementError as problem:
            messages.info(request, str(problem))
        else:
            messages.success(
                request,
                f"‘{agreement.title}’ is retired. Nobody is asked to sign it any more; the "
                "signatures already given are kept.",
            )
        return redirect("onboarding:agreement_detail", pk=agreement.pk)
    versions = queries.versions_of(agreement)
    current = versions[0] if versions else None
    waiting = 0
    if current is not None and agreement.retired_at is None:
        waiting = queries.not_signed(current).count()
    return render(
        request,
        "onboarding/agreements/retire.jinja",
        {
            "agreement": agreement,
            "current": current,
            "signatures": queries.signature_count(agreement),
            "waiting": waiting,
            # Work can require these kinds (a prerequisite), and the onboarding checklist
            # asks for the one in use of each single kind.
            "is_prerequisite": agreement.kind in Prerequisite.values,
            "is_on_checklist": agreement.kind in Agreement.SINGLE_KINDS,
        },
    )


def _readable(request: AuthenticatedHttpRequest, pk: int) -> AgreementVersion:
    """The version, for the team or for an expert (of an agreement in use); 404 otherwise,
    nothing about it shown."""
    version = queries.version(pk)
    user = request.user
    if user.has_perm(VIEW):
        return version
    if user.has_perm(SIGN) and version.agreement.retired_at is None:
        return version
    raise Http404("No such agreement.")


@login_required
def read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _read(request, pk, easy_read=False)


@login_required
def read_easy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _read(request, pk, easy_read=True)


def _read(request: AuthenticatedHttpRequest, pk: int, *, easy_read: bool) -> HttpResponse:
    version = _readable(request, pk)
    expert = signature = None
    if request.user.has_perm(SIGN):
        expert = people_queries.signed_in_expert(request.user)
        signature = queries.signature_by(expert, version)
    newest = queries.latest_version(version.agreement)
    is_current = newest is not None and newest.pk == version.pk
    is_current = is_current and version.agreement.retired_at is None
    form = None
    if request.method == "POST":
        if expert is None:
            raise Http404("Only the expert signs in the portal.")
        form = SignForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["version"] != version.pk:
                    raise services.AgreementError("This form was for another agreement.")
                services.sign(
                    expert=expert, version=version, typed_name=form.cleaned_data["typed_name"]
                )
            except services.AgreementError as problem:
                form.add_error(problem.field, str(problem))
            else:
                messages.success(
                    request, f"Thank you. You have signed ‘{version.agreement.title}’."
                )
                return redirect("onboarding:my_agreements")
    elif expert is not None and signature is None and is_current:
        form = SignForm(initial={"version": version.pk})
    return render(
        request,
        "onboarding/agreements/read.jinja",
        {
            "version": version,
            "agreement": version.agreement,
            "text": _html(version.easy_read if easy_read else version.body),
            "easy_read": easy_read,
            "newest": newest,
            "is_current": is_current,
            "signature": signature,
            "form": form,
            # The form to sign is shown only on the current version, not yet signed.
            "can_sign": form is not None and is_current and signature is None,
            "is_expert": expert is not None,
        },
        status=400 if form is not None and form.errors else 200,
    )


@permission_required(SIGN, raise_exception=True)
def my_agreements(request: AuthenticatedHttpRequest) -> HttpResponse:
    expert = people_queries.signed_in_expert(request.user)
    rows = queries.agreements_for_expert(expert)
    return render(
        request,
        "onboarding/agreements/mine.jinja",
        {
            "to_sign": [r for r in rows if not r["signed_current"]],
            "signed": [r for r in rows if r["signed_current"]],
        },
    )


@permission_required("onboarding.record_signatures", raise_exception=True)
def record_paper(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = people_queries.get_expert_for(request.user, pk)
    rows = [r for r in queries.agreements_for_expert(expert) if not r["signed_current"]]
    choices = [
        (r["current"].pk, f"{r['agreement'].title}, version {r['current'].number}") for r in rows
    ]
    form = PaperSignatureForm(
        request.POST if request.method == "POST" else None,
        choices=choices,
        initial={"typed_name": expert.full_name},
    )
    if request.method == "POST" and form.is_valid():
        version = next(
            r["current"] for r in rows if r["current"].pk == form.cleaned_data["agreement"]
        )
        try:
            services.record_on_paper(
                actor=request.user,
                expert=expert,
                version=version,
                signed_on=form.cleaned_data["signed_on"],
                typed_name=form.cleaned_data["typed_name"],
            )
        except services.AgreementError as problem:
            form.add_error(problem.field, str(problem))
        else:
            messages.success(
                request,
                f"Recorded: {expert.full_name} signed ‘{version.agreement.title}’ on paper.",
            )
            return redirect("people:expert_detail", pk=expert.pk)
    return render(
        request,
        "onboarding/agreements/paper.jinja",
        {"form": form, "expert": expert, "nothing_to_sign": not choices},
        status=400 if form.errors else 200,
    )
