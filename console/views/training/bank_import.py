"""Console: importing a question file (spreadsheet or Moodle XML) into a bank, in the
background. The upload is queued by training.services.imports (who may, size and format
checked at once; the rows by a Celery task); the job's page polls the task's record every
second with htmx until it is done, then shows the per-row report, downloadable as CSV. All or
nothing unless "import the good rows, skip bad ones" is ticked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from console.forms.training_bank import QuestionImportForm
from console.views.base import form_errors, officer_required
from console.views.import_jobs import import_report
from core.access import hidden, manages_union, of
from core.models import TaskRecord
from core.pages import scoped_page
from core.spreadsheets import SpreadsheetError, read_upload, to_csv
from training.importing import MAX_BYTES
from training.models import QuestionImport
from training.services.imports import start_question_import

# The upload itself is not needed to show a job: leave the bytes in the database.
IMPORTS = QuestionImport.objects.select_related("task", "union").defer("data")
IMPORT = scoped_page(IMPORTS, name="job", permission=hidden(of(manages_union, "union")))
SHOWN_ERRORS = 200  # on the page; the download has every reported row


@officer_required
def start(request):
    form = QuestionImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = start_question_import(
                actor=request.user,
                union=form.cleaned_data["union"],
                filename=upload.name,
                data=read_upload(upload, max_bytes=MAX_BYTES),
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
        except SpreadsheetError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return redirect("console:question-import-status", pk=job.pk)
    recent = IMPORTS.restrict(request.user).order_by("-created_at")[:10]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "console/training/bank_import.html",
        {"form": form, "recent": recent},
        status=status,
    )


def report(task: TaskRecord) -> dict[str, Any]:
    return import_report(task, shown=SHOWN_ERRORS)


@officer_required
@IMPORT
def status(request, job: QuestionImport):
    template = (
        "console/training/_bank_import_progress.html"
        if request.htmx
        else "console/training/bank_import_status.html"
    )
    return render(request, template, {"job": job, "report": report(job.task)})


@officer_required
@IMPORT
def errors(request, job: QuestionImport):
    rows = (job.task.result or {}).get("errors")
    rows = rows if isinstance(rows, list) else []
    body = to_csv(
        [_("row"), _("column"), _("problems")],
        ([e.get("row"), e.get("column"), e.get("message")] for e in rows),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="question-import-{job.pk}-errors.csv"'
    return response


urlpatterns = [
    path("training/bank/import/", start, name="question-import"),
    path("training/bank/import/<int:pk>/", status, name="question-import-status"),
    path("training/bank/import/<int:pk>/errors.csv", errors, name="question-import-errors"),
]
