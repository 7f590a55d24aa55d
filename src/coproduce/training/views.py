"""Training: the lead's list of courses; recording who completed what (one expert, a member
of staff, or everyone at a training day), correcting and removing records; the lists of who
has done what and whose training runs out; and each person's own training."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.accounts.roles import Role
from coproduce.core.formats import count_of, long_date
from coproduce.people import queries as people_queries
from coproduce.training import queries, services
from coproduce.training.forms import (
    NAME_TAKEN,
    CorrectRecordForm,
    CourseForm,
    ListFilterForm,
    RecordForm,
    RecordManyForm,
    StaffRecordForm,
    expiry_words,
)

MANAGE = "training.manage_courses"
RECORD = "training.record_training"
PAGE_SIZE = 50


# Courses ------------------------------------------------------------------------------------


@permission_required("training.view_courses", raise_exception=True)
def courses(request: AuthenticatedHttpRequest) -> HttpResponse:
    every = list(queries.all_courses())
    return render(
        request,
        "training/courses.jinja",
        {
            "offered": [c for c in every if c.retired_at is None],
            "retired": [c for c in every if c.retired_at is not None],
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


def _save_course(request: AuthenticatedHttpRequest, form: CourseForm, course=None):
    try:
        if course is None:
            return services.add_course(actor=request.user, **form.values())
        return services.change_course(actor=request.user, course=course, **form.values())
    except services.CourseNameTaken:
        form.add_error("name", NAME_TAKEN)
        return None


@permission_required(MANAGE, raise_exception=True)
def course_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CourseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        course = _save_course(request, form)
        if course is not None:
            messages.success(request, f"‘{course.name}’ is added.")
            return redirect("training:courses")
    return render(
        request,
        "training/course_form.jinja",
        {"form": form, "course": None},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def course_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = queries.course(pk)
    form = CourseForm(request.POST if request.method == "POST" else None, course=course)
    if request.method == "POST" and form.is_valid():
        saved = _save_course(request, form, course)
        if saved is not None:
            messages.success(request, f"Your changes to ‘{saved.name}’ are saved.")
            return redirect("training:courses")
    return render(
        request,
        "training/course_form.jinja",
        {"form": form, "course": course},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def course_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = queries.course(pk)
    if request.method == "POST":
        try:
            services.retire_course(actor=request.user, course=course)
        except services.TrainingError as problem:
            messages.info(request, str(problem))
        else:
            messages.success(
                request,
                f"‘{course.name}’ is retired. Records of it are kept, and it is no longer offered.",
            )
        return redirect("training:courses")
    return render(request, "training/course_retire.jinja", {"course": course})


@require_POST
@permission_required(MANAGE, raise_exception=True)
def course_restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = queries.course(pk)
    try:
        services.restore_course(actor=request.user, course=course)
    except services.TrainingError as problem:
        messages.info(request, str(problem))
    else:
        messages.success(request, f"‘{course.name}’ is offered again.")
    return redirect("training:courses")


# Recording ----------------------------------------------------------------------------------


def _checked_form(form_class, request: AuthenticatedHttpRequest, form):
    """The form again with the worked-out expiry filled in, ready to save (or correct)."""
    data = request.POST.copy()
    course = form.cleaned_data["course"]
    expires_on = form.cleaned_data["expires_on"] or services.expiry_for(
        course, form.cleaned_data["completed_on"]
    )
    for part, value in zip(
        ("day", "month", "year"),
        (expires_on.day, expires_on.month, expires_on.year) if expires_on else ("", "", ""),
        strict=True,
    ):
        data[f"expires_on-{part}"] = str(value)
    data["step"] = "save"
    checked = form_class(data)
    checked.is_valid()
    return checked, expires_on


def _record_page(request, *, form_class, person, template_context, done):
    """Record one person's training: check (shows the expiry), then save."""
    form = form_class(request.POST if request.method == "POST" else None)
    checked_expiry = None
    # Once checked, the page shows the expiry to save (or correct) each time it comes back.
    checked = request.method == "POST" and request.POST.get("step") == "save"
    expiry = ""
    if request.method == "POST" and form.is_valid():
        if request.POST.get("step") == "save":
            who = person or form.cleaned_data["staff"]
            try:
                record = services.record_training(
                    actor=request.user,
                    course=form.cleaned_data["course"],
                    completed_on=form.cleaned_data["completed_on"],
                    expires_on=form.cleaned_data["expires_on"],
                    **({"expert": who} if person is not None else {"staff": who}),
                )
            except services.TrainingError as problem:
                messages.error(request, str(problem))
            else:
                messages.success(
                    request,
                    f"Saved: {who.full_name} completed ‘{record.course.name}’ on "
                    f"{long_date(record.completed_on)}. {expiry_words(record.expires_on)}.",
                )
                return done(record)
        else:
            form, checked_expiry = _checked_form(form_class, request, form)
            checked = True
            expiry = expiry_words(checked_expiry)
    return render(
        request,
        "training/record_one.jinja",
        {
            "form": form,
            "checked": checked,
            "expiry": expiry,
            **template_context,
        },
        status=400 if form.errors else 200,
    )


def record_expert(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    expert = people_queries.get_expert_for(request.user, pk)
    if not request.user.has_perm(RECORD):
        raise Http404
    return _record_page(
        request,
        form_class=RecordForm,
        person=expert,
        template_context={"expert": expert, "back": ("people:expert_detail", expert.pk)},
        done=lambda record: redirect("people:expert_detail", pk=expert.pk),
    )


@permission_required(RECORD, raise_exception=True)
def record_staff(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _record_page(
        request,
        form_class=StaffRecordForm,
        person=None,
        template_context={"expert": None, "back": ("training:records",)},
        done=lambda record: redirect("training:records"),
    )


def _ids(values) -> list[int]:
    """Record ids from a form, each once, in order; anything else is ignored."""
    return list(dict.fromkeys(int(v) for v in values if v.isdigit() and len(v) < 12))


def _results_page(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 6 else 1


@permission_required(RECORD, raise_exception=True)
def record_many(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everyone at a training day. One form, so nothing is lost between searches: the people
    chosen so far travel with it as hidden inputs, each shown with a button to take them off.
    For the people on the page of results, ticked means chosen; anyone chosen from an earlier
    search or page stays chosen until taken off. Only "Save" checks the course and date."""
    posted = request.method == "POST"
    source = request.POST if posted else request.GET
    text = source.get("q", "").strip()[:100]
    action = source.get("action", "")
    page_number = 1 if action == "find" else _results_page(source.get("go") or source.get("at"))
    wanted: list[int] = []
    if posted:
        shown = set(_ids(request.POST.getlist("shown")))
        ticked = _ids(request.POST.getlist("experts"))
        removed = set(_ids(request.POST.getlist("remove")))
        earlier = [pk for pk in _ids(request.POST.getlist("chosen")) if pk not in shown]
        wanted = [pk for pk in dict.fromkeys([*earlier, *ticked]) if pk not in removed]
    chosen = queries.experts_by_id(wanted) if wanted else []
    found, more = queries.experts_to_choose(text, page=page_number) if text else ([], False)
    chosen_ids = {e.pk for e in chosen}
    saving = posted and action == "save"
    data = None
    if posted:
        data = request.POST.copy()
        data.setlist("experts", [str(e.pk) for e in found if e.pk in chosen_ids])
        data["q"] = text
    form = RecordManyForm(data, initial={"q": text}, expert_choices=found, checking=saving)
    if saving:
        form.is_valid()
        lost = len(wanted) - len(chosen)
        if not chosen:
            form.add_error(
                "experts" if found else "q",
                "Choose at least one expert who completed the course",
            )
        elif lost:
            form.add_error(
                None,
                f"{count_of(lost, 'person', 'people')} you chose can no longer be recorded "
                "(their record is restricted, or they are no longer onboarding or active), "
                "so they are taken off the list. Check who is chosen, then save again.",
            )
        if not form.errors:
            course = form.cleaned_data["course"]
            completed_on = form.cleaned_data["completed_on"]
            try:
                made, already = services.record_training_for_many(
                    actor=request.user, course=course, completed_on=completed_on, experts=chosen
                )
            except services.TrainingError as problem:
                messages.error(request, str(problem))
            else:
                note = (
                    f" {count_of(already, 'person was', 'people were')} already recorded."
                    if already
                    else ""
                )
                messages.success(
                    request,
                    f"Saved: {count_of(made, 'expert')} completed ‘{course.name}’ on "
                    f"{long_date(completed_on)}.{note}",
                )
                return redirect("training:records")
    return render(
        request,
        "training/record_many.jinja",
        {
            "form": form,
            "text": text,
            "found": found,
            "chosen": chosen,
            "results_page": page_number,
            "more": more,
        },
        status=400 if form.errors else 200,
    )


def _record_for(request: AuthenticatedHttpRequest, pk: int):
    record = queries.record(pk)
    if not request.user.has_perm(RECORD):
        raise Http404
    return record


def _back_to(record):
    if record.expert_id:
        return redirect("people:expert_detail", pk=record.expert_id)
    return redirect("training:records")


def record_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = _record_for(request, pk)
    form = CorrectRecordForm(
        request.POST if request.method == "POST" else None,
        initial={"completed_on": record.completed_on, "expires_on": record.expires_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_record(actor=request.user, record=record, **form.cleaned_data)
        except services.TrainingError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, f"The ‘{record.course.name}’ record is corrected.")
            return _back_to(record)
    return render(
        request,
        "training/record_edit.jinja",
        {"form": form, "record": record, "person": record.expert or record.staff},
        status=400 if form.errors else 200,
    )


def record_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = _record_for(request, pk)
    if request.method == "POST":
        try:
            services.remove_record(actor=request.user, record=record)
        except services.TrainingError as problem:
            messages.info(request, str(problem))
        else:
            messages.success(request, f"The ‘{record.course.name}’ record is removed.")
        return _back_to(record)
    return render(
        request,
        "training/record_remove.jinja",
        {"record": record, "person": record.expert or record.staff},
    )


# Lists --------------------------------------------------------------------------------------


def _filters(request: AuthenticatedHttpRequest):
    courses = list(queries.all_courses())
    form = ListFilterForm(request.GET, courses=courses)
    data = form.cleaned_data if form.is_valid() else {}
    filters = queries.RecordFilters(course_id=data.get("course"), who=data.get("who") or "")
    return form, filters, data.get("days") or 30


def _page(request: AuthenticatedHttpRequest, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request: AuthenticatedHttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@permission_required(RECORD, raise_exception=True)
def records(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters, _days = _filters(request)
    page = _page(request, queries.all_records(filters))
    return render(
        request,
        "training/records.jinja",
        {"form": form, "page": page, "query": _query_without_page(request), "tab": "all"},
    )


def _expiry_list(request: AuthenticatedHttpRequest, *, tab: str) -> HttpResponse:
    form, filters, days = _filters(request)
    today = timezone.localdate()
    rows = (
        queries.expiring(filters, today=today, days=days)
        if tab == "expiring"
        else queries.expired(filters, today=today, days=days)
    )
    return render(
        request,
        "training/records.jinja",
        {
            "form": form,
            "page": _page(request, rows),
            "query": _query_without_page(request),
            "tab": tab,
            "days": days,
        },
    )


@permission_required(RECORD, raise_exception=True)
def expiring(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _expiry_list(request, tab="expiring")


@permission_required(RECORD, raise_exception=True)
def expired(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _expiry_list(request, tab="expired")


# Their own ----------------------------------------------------------------------------------


@permission_required("training.view_own_training", raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.user.role == Role.EXPERT:
        expert = people_queries.signed_in_expert(request.user)
        done = queries.training_of_expert(expert)
        offered = list(queries.courses_offered(for_experts=True))
    else:
        done = queries.training_of_staff(request.user)
        offered = list(queries.courses_offered(for_staff=True))
    return render(
        request,
        "training/mine.jinja",
        {
            "done": done,
            "today": today,
            "development": [c for c in offered if c.kind == "development"],
            "is_expert": request.user.role == Role.EXPERT,
            "team_email": settings.INVOLVEMENT_TEAM_EMAIL,
        },
    )
