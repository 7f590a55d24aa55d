"""Importing a spreadsheet into the register: upload, choose columns, check, import.
Each batch is seen only by the coordinator who uploaded it: it holds their copy of a
spreadsheet, and another coordinator finishing it by mistake would import it twice."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coproduce.accounts.http import AuthenticatedHttpRequest
from coproduce.core.forms import NHSFormMixin
from coproduce.people import imports, queries
from coproduce.people.choices import Perspective, Status
from coproduce.people.import_checks import ADD, LEAVE_OUT, LikelyDuplicate
from coproduce.people.import_fields import FIELDS
from coproduce.people.import_files import MAX_BYTES, column_letter
from coproduce.people.models import ImportBatch

PAGE_SIZE = 50
ALLOWED = "people.import_experts"


class UploadForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a spreadsheet",
        help_text="A CSV or Excel (.xlsx) file, smaller than 5 MB, with up to 10,000 people",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": "Select a CSV or Excel file to upload",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel file to upload",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError("The file must be smaller than 5 MB. Split it into smaller files")
        self.content = upload.read()
        self.sheet = imports.read_spreadsheet(content=self.content, filename=upload.name)
        return upload


class ColumnsForm(NHSFormMixin, forms.Form):
    subjects = {"default_status": "the status to record when a row does not say"}

    default_perspective = forms.ChoiceField(
        choices=[*Perspective.choices, ("", "Show it as a problem to fix")],
        required=False,
        widget=forms.RadioSelect,
        label="If a row does not say, what is the person's perspective?",
    )
    default_status = forms.ChoiceField(
        choices=Status.choices,
        widget=forms.RadioSelect,
        label="If a row does not say, what is the person's status?",
    )

    def __init__(self, *args, batch: ImportBatch, samples: list[list[str]], **kwargs):
        initial = {
            "default_perspective": batch.default_perspective,
            "default_status": batch.default_status,
        }
        initial |= {f"column_{i}": name for i, name in enumerate(batch.mapping)}
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.batch = batch
        choices = [("", "Do not import this column"), *((f.name, f.label) for f in FIELDS)]
        for index, heading in enumerate(batch.headers):
            example = ", ".join(samples[index]) if index < len(samples) else ""
            self.fields[f"column_{index}"] = forms.ChoiceField(
                choices=choices,
                required=False,
                label=f"Column {column_letter(index)}: {heading}",
                help_text=f"For example: {example}" if example else "This column is empty",
            )

    @property
    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{i}"] for i in range(len(self.batch.headers))]

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"column_{i}") or "" for i in range(len(self.batch.headers))]

    def clean(self):
        data = super().clean()
        mapping = self.mapping()
        problems = imports.mapping_problems(headers=self.batch.headers, mapping=mapping)
        for index, message in sorted(problems.items()):  # in page order, for the summary
            self.add_error(f"column_{index}", message)
        if "perspective" not in mapping and not data.get("default_perspective"):
            self.add_error(
                "default_perspective",
                "No column is set to Perspective. Choose what to record for everyone",
            )
        return data


class RunForm(NHSFormMixin, forms.Form):
    """One choice for each likely duplicate on this page of the check: add or leave out."""

    def __init__(self, *args, duplicates: list[LikelyDuplicate], saved: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = duplicates
        for duplicate in duplicates:
            row = duplicate.row
            self.fields[f"row_{row}"] = forms.ChoiceField(
                choices=[(ADD, "Add as a new expert"), (LEAVE_OUT, "Leave out")],
                widget=forms.RadioSelect,
                initial=saved.get(str(row), duplicate.default_choice),
                label=f"Row {row}: {duplicate.name or '(no name)'}",
                error_messages={"required": f"Choose whether to add or leave out row {row}"},
            )

    @property
    def choices(self) -> list[tuple[LikelyDuplicate, forms.BoundField]]:
        return [(d, self[f"row_{d.row}"]) for d in self.duplicates]

    def chosen(self) -> dict[int, str]:
        return {d.row: self.cleaned_data[f"row_{d.row}"] for d in self.duplicates}


def _own_batch(request: HttpRequest, pk: int) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=pk, created_by=request.user)


def _page(request: HttpRequest, items: list, param: str) -> tuple[Page, str]:
    """One page of a long list, and the query string that keeps the other lists' pages."""
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()


@permission_required(ALLOWED, raise_exception=True)
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    sent = request.method == "POST"
    form = UploadForm(request.POST if sent else None, request.FILES if sent else None)
    if sent and form.is_valid():
        batch = imports.start_import(
            actor=request.user,
            filename=form.cleaned_data["file"].name,
            content=form.content,
            sheet=form.sheet,
        )
        return redirect("people:import_columns", pk=batch.pk)
    return render(request, "people/import_start.jinja", {"form": form})


@permission_required(ALLOWED, raise_exception=True)
def template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="register-import-template.csv"'
    return response


@permission_required(ALLOWED, raise_exception=True)
def columns(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    if batch.state == ImportBatch.State.IMPORTED:
        return redirect("people:import_done", pk=batch.pk)
    samples = imports.column_samples(batch=batch)
    sent = request.method == "POST"
    form = ColumnsForm(request.POST if sent else None, batch=batch, samples=samples)
    if sent and form.is_valid():
        imports.choose_columns(
            batch=batch,
            mapping=form.mapping(),
            default_perspective=form.cleaned_data["default_perspective"],
            default_status=form.cleaned_data["default_status"],
        )
        return redirect("people:import_preview", pk=batch.pk)
    recognised = any(imports.suggest_mapping(batch.headers))
    return render(
        request,
        "people/import_columns.jinja",
        {"form": form, "batch": batch, "recognised": recognised},
    )


@permission_required(ALLOWED, raise_exception=True)
def preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The check before importing; sending its form imports the rows."""
    batch = _own_batch(request, pk)
    if batch.state == ImportBatch.State.IMPORTED:
        return redirect("people:import_done", pk=batch.pk)
    if batch.state == ImportBatch.State.UPLOADED:
        return redirect("people:import_columns", pk=batch.pk)
    result = imports.preview_import(batch=batch)
    duplicates, duplicates_query = _page(request, result.likely_duplicates, "duplicates_page")
    sent = request.method == "POST"
    form = RunForm(
        request.POST if sent else None,
        duplicates=list(duplicates.object_list) if result.can_import else [],
        saved=batch.duplicate_choices,
    )
    if sent and form.is_valid():
        # Saved first, in its own transaction, so a refused import keeps what was chosen.
        imports.choose_duplicates(batch=batch, choices=form.chosen())
        show = request.POST.get("show_duplicates_page", "")
        if show.isdigit():
            # Moving between pages of likely duplicates is a form button, not a link, so the
            # choices made on this page are saved on the way.
            query = f"{duplicates_query}&" if duplicates_query else ""
            return redirect(f"{request.path}?{query}duplicates_page={show}#duplicates")
        try:
            imports.run_import(batch=batch, actor=request.user)
        except imports.ImportRejected as error:
            form.add_error(None, str(error))
        else:
            return redirect("people:import_done", pk=batch.pk)
    problems, problems_query = _page(request, result.problems, "problems_page")
    return render(
        request,
        "people/import_preview.jinja",
        {
            "batch": batch,
            "result": result,
            "form": form,
            "problems": problems,
            "problems_query": problems_query,
            "duplicates": duplicates,
            "duplicates_query": duplicates_query,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(ALLOWED, raise_exception=True)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    if batch.state == ImportBatch.State.IMPORTED:
        return redirect("people:import_done", pk=batch.pk)
    imports.cancel_import(batch=batch)
    messages.success(request, "Import cancelled. The uploaded file has been deleted.")
    return redirect("people:import_start")


@permission_required(ALLOWED, raise_exception=True)
def done(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    if batch.state != ImportBatch.State.IMPORTED:
        return redirect("people:import_preview", pk=batch.pk)
    added = queries.added_by_import(batch)
    page = Paginator(added.only("pk", "full_name"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/import_done.jinja", {"batch": batch, "page": page})
