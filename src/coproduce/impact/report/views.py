"""The Experts Report: the list of years, one year's report as a page and as a PDF, and the
lead's pages to start a year's report, write its foreword and highlights, choose and order its
case studies, and publish it."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.impact.report import pdf, presenters, queries, services
from coproduce.impact.report.forms import CaseStudyForm, StartForm, WriteForm
from coproduce.impact.report.models import MOST_CASE_STUDIES, CaseStudy, Report

READ = "report.read_reports"
WRITE = "report.write_report"


def _report(request: AuthenticatedHttpRequest, year: int) -> Report:
    """The year's report if the person may read it; 404 for a draft they may not see."""
    found = queries.report_for(year, drafts=request.user.has_perm("report.read_drafts"))
    if found is None:
        raise Http404
    return found


def _case(report: Report, pk: int) -> CaseStudy:
    found = queries.case_study(report, pk)
    if found is None:
        raise Http404
    return found


@permission_required(READ, raise_exception=True)
def reports(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_write = request.user.has_perm(WRITE)
    return render(
        request,
        "report/reports.jinja",
        {
            "reports": queries.reports_for(drafts=request.user.has_perm("report.read_drafts")),
            "can_write": can_write,
            "years_to_start": queries.years_to_start() if can_write else [],
        },
    )


@permission_required(WRITE, raise_exception=True)
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    years = queries.years_to_start()
    form = StartForm(request.POST if request.method == "POST" else None, years=years)
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            report = services.start_report(actor=request.user, year=form.cleaned_data["year"])
        except services.ReportError as problem:
            refused = str(problem)
        else:
            messages.success(
                request,
                f"The report for {report.years} is started. Only the involvement team can "
                "read it until you publish it.",
            )
            return redirect("report:year", year=report.year)
    return render(
        request,
        "report/start.jinja",
        {"form": form, "years": years, "refused": refused},
        status=400 if (form.errors or refused) else 200,
    )


@permission_required(READ, raise_exception=True)
def year(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    report = _report(request, year)
    return render(
        request,
        "report/year.jinja",
        {
            "year_report": presenters.year_report(year, report),
            "report": report,
            "can_write": request.user.has_perm(WRITE),
            "most_case_studies": MOST_CASE_STUDIES,
        },
    )


@permission_required(READ, raise_exception=True)
def year_pdf(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    _report(request, year)
    response = HttpResponse(pdf.render(year), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.file_name(year)}"'
    return response


@permission_required(WRITE, raise_exception=True)
def write(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    report = _report(request, year)
    posted = request.method == "POST"
    form = WriteForm(
        request.POST if posted else None,
        initial={"foreword": report.foreword, "highlights": "\n".join(report.highlights)},
    )
    refused = ""
    if posted and form.is_valid():
        try:
            services.write_report(
                actor=request.user,
                report=report,
                foreword=form.cleaned_data["foreword"],
                highlights=form.cleaned_data["highlights"],
            )
        except services.ReportError as problem:
            refused = str(problem)
        else:
            messages.success(request, "The foreword and highlights are saved.")
            return redirect("report:year", year=report.year)
    return render(
        request,
        "report/write.jinja",
        {"form": form, "report": report, "refused": refused},
        status=400 if (form.errors or refused) else 200,
    )


@permission_required(WRITE, raise_exception=True)
def choose(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The year's outcomes, to choose one as a case study."""
    report = _report(request, year)
    refused = ""
    if request.method == "POST":
        try:
            services.choose_case_study(
                actor=request.user, report=report, outcome_pk=int(request.POST.get("outcome", ""))
            )
        except ValueError:
            refused = services.NOT_CHOOSABLE
        except services.ReportError as problem:
            refused = str(problem)
        else:
            messages.success(
                request,
                "The case study is added at the end of the report. You can give it a shorter "
                "title and summary, and move it.",
            )
            return redirect("report:year", year=report.year)
    words = " ".join(request.GET.get("words", "").split())[:100]
    return render(
        request,
        "report/choose.jinja",
        {
            "report": report,
            "page": queries.outcomes_to_choose(
                report, words=words, page=request.GET.get("page", 1)
            ),
            "words": words,
            "refused": refused,
        },
        status=400 if refused else 200,
    )


@permission_required(WRITE, raise_exception=True)
def case_study(request: AuthenticatedHttpRequest, year: int, pk: int) -> HttpResponse:
    """A case study's title and summary for the report, or taking it out."""
    report = _report(request, year)
    case = _case(report, pk)
    posted = request.method == "POST"
    if posted and "remove" in request.POST:
        services.remove_case_study(actor=request.user, case=case)
        messages.success(request, "The case study is taken out of the report.")
        return redirect("report:year", year=report.year)
    form = CaseStudyForm(
        request.POST if posted else None, initial={"title": case.title, "summary": case.summary}
    )
    refused = ""
    if posted and form.is_valid():
        try:
            services.change_case_study(
                actor=request.user,
                case=case,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
            )
        except services.ReportError as problem:
            refused = str(problem)
        else:
            messages.success(request, "The case study is saved.")
            return redirect("report:year", year=report.year)
    return render(
        request,
        "report/case_study.jinja",
        {
            "form": form,
            "report": report,
            "case": case,
            "story": presenters.Story.of(case),
            "refused": refused,
        },
        status=400 if (form.errors or refused) else 200,
    )


@require_POST
@permission_required(WRITE, raise_exception=True)
def move(request: AuthenticatedHttpRequest, year: int, pk: int) -> HttpResponse:
    report = _report(request, year)
    case = _case(report, pk)
    services.move_case_study(
        actor=request.user, case=case, earlier=request.POST.get("to") == "earlier"
    )
    return redirect(reverse("report:year", kwargs={"year": report.year}) + "#case-studies")


@permission_required(WRITE, raise_exception=True)
def publish(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    report = _report(request, year)
    refused = ""
    if request.method == "POST":
        try:
            services.publish_report(actor=request.user, report=report)
        except services.ReportError as problem:
            refused = str(problem)
        else:
            messages.success(
                request,
                f"The report for {report.years} is published. Staff and experts can read it, "
                "and experts are shown it on their home page.",
            )
            return redirect("report:year", year=report.year)
    return render(
        request,
        "report/publish.jinja",
        {
            "report": report,
            "stories": len(queries.case_studies_of(report)),
            "activity": queries.activity_in(year),
            "refused": refused,
        },
        status=400 if refused else 200,
    )
