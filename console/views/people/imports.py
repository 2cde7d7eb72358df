"""The worker import: upload a .xlsx/.csv, watch its progress, read and download the
per-row error report; a template spreadsheet with the expected header row.

The upload goes through `workers.services.start_worker_import` (size, format and encoding
checked at once, the header and the rows by a Celery task, like the API); the page polls the task's record every second with
htmx until it is done. All or nothing unless "skip invalid rows" is ticked.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from console.forms.people import WorkerImportForm
from console.views.base import form_errors, officer_required
from console.views.import_jobs import import_report
from core.access import hidden, manages_union, of
from core.models import TaskRecord
from core.pages import scoped_page
from core.spreadsheets import to_csv
from workers import services
from workers.importing import COLUMNS
from workers.models import WorkerImport

# The upload itself is not needed to show a job: leave the bytes in the database.
IMPORTS = WorkerImport.objects.select_related("task", "union").defer("data")
IMPORT = scoped_page(IMPORTS, name="job", permission=hidden(of(manages_union, "union")))
SHOWN_ERRORS = 100  # on the page; the download has every reported row
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@officer_required
def start(request):
    form = WorkerImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.start_worker_import(
                actor=request.user,
                union=form.cleaned_data["union"],
                filename=upload.name,
                data=services.read_import_upload(upload),
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return redirect("console:worker-import-status", pk=job.pk)
    recent = IMPORTS.restrict(request.user).order_by("-created_at")[:10]
    return render(request, "console/people/import.html", {"form": form, "recent": recent})


def report(task: TaskRecord) -> dict[str, Any]:
    return import_report(task, shown=SHOWN_ERRORS)


@officer_required
@IMPORT
def status(request, job: WorkerImport):
    template = (
        "console/people/_import_progress.html"
        if request.htmx
        else "console/people/import_status.html"
    )
    return render(request, template, {"job": job, "report": report(job.task)})


@officer_required
@IMPORT
def errors(request, job: WorkerImport):
    rows = (job.task.result or {}).get("errors")
    rows = rows if isinstance(rows, list) else []
    body = to_csv([_("row"), _("problems")], ([e["row"], "; ".join(e["errors"])] for e in rows))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="worker-import-{job.pk}-errors.csv"'
    return response


@officer_required
def template(request):
    """An empty sheet with the header row the import reads (English or Chinese headers, in
    the reader's language); the ID number column is text, so Excel keeps all 18 digits."""
    alias = 0 if (get_language() or "").startswith("en") else 1
    book = Workbook()
    sheet = book.active
    sheet.title = _("workers")
    sheet.append([aliases[alias] for aliases in COLUMNS.values()])
    for index, key in enumerate(COLUMNS, 1):
        column = sheet.column_dimensions[get_column_letter(index)]
        column.width = 24 if key in ("id_number", "employer") else 14
        if key in ("id_number", "phone"):
            column.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="worker-import-template.xlsx"'
    return response
