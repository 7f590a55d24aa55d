"""Survey pages: the membership office's (the list, making a survey and its questions, the
preview, opening and closing, the letters list, a paper form's answers, the results and their
CSV), and the member's page from their personal link, which needs no account."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.figures import csv_text
from coproduce.core.formats import count_of
from coproduce.membership.surveys import links, presenters, queries, sending, services
from coproduce.membership.surveys.forms import (
    ALL_MEMBERS,
    AnswerForm,
    PaperForm,
    QuestionForm,
    SurveyForm,
)
from coproduce.membership.surveys.models import Question, Survey

MANAGE = "surveys.manage"
PAGE_SIZE = 50


def _survey(pk: int) -> Survey:
    found = queries.survey(pk)
    if found is None:
        raise Http404
    return found


def _question(survey: Survey, pk: int) -> Question:
    found = queries.question(survey, pk)
    if found is None:
        raise Http404
    return found


def _form_page(request, template: str, context: dict, form) -> HttpResponse:
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


# The list and the survey ----------------------------------------------------------------------


@permission_required(MANAGE, raise_exception=True)
def survey_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.surveys(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/list.jinja", {"page": page})


@never_cache
@permission_required(MANAGE, raise_exception=True)
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        constituencies=queries.constituencies(),
        initial={"audience": ALL_MEMBERS},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = services.make_survey(
            actor=request.user,
            title=data["title"],
            introduction=data["introduction"],
            constituency=form.constituency(),
            closes_on=data["closes_on"],
        )
        messages.success(request, "The survey is saved as a draft. Now add its questions.")
        return redirect("surveys:survey", pk=survey.pk)
    return _form_page(request, "surveys/survey_form.jinja", {"survey": None}, form)


@never_cache
@permission_required(MANAGE, raise_exception=True)
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        constituencies=queries.constituencies(),
        initial={
            "title": survey.title,
            "introduction": survey.introduction,
            "audience": str(survey.constituency_id or ALL_MEMBERS),
            "closes_on": survey.closes_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_survey(
                actor=request.user,
                survey=survey,
                title=data["title"],
                introduction=data["introduction"],
                constituency=form.constituency(),
                closes_on=data["closes_on"],
            )
        except services.SurveyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Your changes to the survey are saved.")
            return redirect("surveys:survey", pk=survey.pk)
    return _form_page(request, "surveys/survey_form.jinja", {"survey": survey}, form)


@permission_required(MANAGE, raise_exception=True)
def survey_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    return render(
        request,
        "surveys/survey.jinja",
        {
            "survey": survey,
            "questions": queries.questions(survey),
            "responses": survey.responses.count(),
        },
    )


# Questions ------------------------------------------------------------------------------------


def _save_question(request, survey: Survey, question: Question | None) -> HttpResponse:
    if not survey.is_draft:
        messages.error(request, services.NOT_A_DRAFT)
        return redirect("surveys:survey", pk=survey.pk)
    initial = QuestionForm.initial_for(question) if question else {"required": "yes"}
    form = QuestionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "text": data["text"],
            "kind": data["kind"],
            "choices": form.choice_lines(),
            "required": data["required"] == "yes",
        }
        try:
            if question is None:
                services.add_question(actor=request.user, survey=survey, **fields)
            else:
                services.change_question(actor=request.user, question=question, **fields)
        except services.SurveyError as error:
            form.add_error("choices" if "choice" in error.message else None, error.message)
        else:
            messages.success(
                request, "The question is added." if question is None else "The question is saved."
            )
            return redirect("surveys:survey", pk=survey.pk)
    return _form_page(
        request, "surveys/question_form.jinja", {"survey": survey, "question": question}, form
    )


@never_cache
@permission_required(MANAGE, raise_exception=True)
def question_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _save_question(request, _survey(pk), None)


@never_cache
@permission_required(MANAGE, raise_exception=True)
def question_edit(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(pk)
    return _save_question(request, survey, _question(survey, question_pk))


@require_POST
@permission_required(MANAGE, raise_exception=True)
def question_move(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(pk)
    question = _question(survey, question_pk)
    try:
        moved = services.move_question(
            actor=request.user, question=question, up=request.POST.get("to") == "up"
        )
    except services.SurveyError as error:
        messages.error(request, error.message)
    else:
        if moved:
            messages.success(request, "The question is moved.")
    return redirect(reverse("surveys:survey", args=[survey.pk]) + f"#question-{question.pk}")


@never_cache
@permission_required(MANAGE, raise_exception=True)
def question_remove(request: AuthenticatedHttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(pk)
    question = _question(survey, question_pk)
    if request.method == "POST":
        try:
            services.remove_question(actor=request.user, question=question)
        except services.SurveyError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The question is removed.")
        return redirect("surveys:survey", pk=survey.pk)
    return render(
        request, "surveys/question_remove.jinja", {"survey": survey, "question": question}
    )


# Preview, open and close ----------------------------------------------------------------------


@permission_required(MANAGE, raise_exception=True)
def preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The page members see, with nothing to send."""
    survey = _survey(pk)
    form = AnswerForm(questions=queries.questions(survey))
    return render(
        request, "surveys/answer.jinja", {"survey": survey, "form": form, "preview": True}
    )


@never_cache
@permission_required(MANAGE, raise_exception=True)
def open_survey(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    problem = ""
    if request.method == "POST":
        try:
            survey = services.open_survey(actor=request.user, survey=survey)
        except services.SurveyError as error:
            problem = error.message
        else:
            messages.success(
                request,
                f"The survey is open. We are emailing {count_of(survey.emailed, 'member')} "
                "their own link. "
                f"{survey.by_post:,} want post: send them a letter.",
            )
            return redirect("surveys:survey", pk=survey.pk)
    return render(
        request,
        "surveys/open.jinja",
        {
            "survey": survey,
            "problem": problem,
            "to_email": queries.to_email(survey).count() if survey.is_draft else survey.emailed,
            "by_post": queries.wanting_letters(survey).count()
            if survey.is_draft
            else survey.by_post,
            "questions": survey.questions.count(),
        },
        status=400 if problem else 200,
    )


@never_cache
@permission_required(MANAGE, raise_exception=True)
def close_survey(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    problem = ""
    if request.method == "POST":
        try:
            services.close_survey(actor=request.user, survey=survey)
        except services.SurveyError as error:
            problem = error.message
        else:
            messages.success(request, "The survey is closed. Its links no longer work.")
            return redirect("surveys:results", pk=survey.pk)
    return render(
        request,
        "surveys/close.jinja",
        {"survey": survey, "problem": problem},
        status=400 if problem else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def letters(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The members of the audience who want post, with their addresses, for a letter."""
    survey = _survey(pk)
    page = Paginator(queries.wanting_letters(survey), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/letters.jinja", {"survey": survey, "page": page})


@never_cache
@permission_required(MANAGE, raise_exception=True)
def paper(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    if not survey.is_open:
        messages.error(request, services.NOT_OPEN_FOR_PAPER)
        return redirect("surveys:survey", pk=survey.pk)
    form = PaperForm(
        request.POST if request.method == "POST" else None,
        questions=queries.questions(survey),
        constituencies=queries.constituencies(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_paper_response(
                actor=request.user,
                survey=survey,
                constituency=form.written_constituency(),
                given=form.given(),
            )
        except services.SurveyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The paper answers are saved. You can enter the next form.")
            return redirect("surveys:paper", pk=survey.pk)
    return _form_page(request, "surveys/paper.jinja", {"survey": survey}, form)


# Results --------------------------------------------------------------------------------------


def _results(survey: Survey) -> presenters.Results:
    return presenters.results(survey, queries.questions(survey), queries.counts(survey))


@permission_required(MANAGE, raise_exception=True)
def results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _survey(pk)
    return render(request, "surveys/results.jinja", {"survey": survey, "results": _results(survey)})


@permission_required(MANAGE, raise_exception=True)
def results_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The summary's tables as a CSV: numbers only, never who answered."""
    survey = _survey(pk)
    response = HttpResponse(
        csv_text(_results(survey).sections), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    return response


# The member's page, from their personal link ---------------------------------------------------


def _problem(request: HttpRequest, problem: str) -> HttpResponse:
    """Why the link cannot be used; nothing was saved."""
    return render(
        request,
        "surveys/link_problem.jinja",
        {"problem": problem, "office_email": sending.office_email()},
    )


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """No account: the signed link is the permission. Opening it saves nothing; pressing the
    button saves every answer or none."""
    check = links.check_link(token)
    if not check.usable or check.survey is None or check.member is None:
        return _problem(request, check.problem)
    survey = check.survey
    form = AnswerForm(
        request.POST if request.method == "POST" else None, questions=queries.questions(survey)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_survey(survey=survey, member=check.member, given=form.given())
        except services.SurveyError as error:
            if error.message in {links.ALREADY_ANSWERED, links.SURVEY_CLOSED}:
                return _problem(request, error.message)
            form.add_error(None, error.message)
        else:
            return redirect("surveys:survey_answer_thanks")
    return _form_page(request, "surveys/answer.jinja", {"survey": survey, "preview": False}, form)


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.jinja", {"office_email": sending.office_email()})
