"""Documents of a contest: registrations, results and awards as Excel or CSV (labels, never
codes), certificates one by one or all in one PDF, and the statistics report.

Exports and the certificate book are Celery jobs with their progress on the page
(public.tasks); each officer's exported files are kept apart, since which names a file
shows in full depends on who asked (results.selectors.full_name_test). Files are read
through Django's storage API: the worker that wrote them may be on another host.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from console.forms.results import ExportForm
from console.views.base import officer_required
from console.views.results.progress import job_started, own_task, start_job, task_context
from contests.models import Contest
from contests.scoping import contest_page
from core.access import hidden, manages_contest
from public import certificates, report, selectors, tasks

WINNERS_PER_PAGE = 50
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FILE_NAME = re.compile(r"^contest-(\d+)-[a-z0-9-]+\.(csv|xlsx)$")


def page_url(contest: Contest, task=None) -> str:
    url = reverse("console:contest-documents", kwargs={"pk": contest.pk})
    return f"{url}?task={task.pk}" if task is not None else url


def my_files(user, contest: Contest) -> list[dict]:
    """The officer's exported files of this contest, newest first."""
    folder = tasks.exports_dir(user.pk)
    try:
        names = default_storage.listdir(folder)[1]
    except (FileNotFoundError, NotADirectoryError):
        return []
    files = []
    for name in names:
        match = FILE_NAME.match(name)
        if match is None or int(match[1]) != contest.pk:
            continue
        stored = f"{folder}/{name}"
        files.append(
            {
                "name": name,
                "size": default_storage.size(stored),
                "written": default_storage.get_modified_time(stored),
            }
        )
    return sorted(files, key=lambda f: f["written"], reverse=True)


def _certificates(request, contest: Contest) -> dict:
    try:
        certificates.check_certificates(contest)
    except ValidationError as exc:
        return {"certificates_refused": exc.messages, "notice": selectors.contest_notice(contest)}
    page = Paginator(certificates.contest_certificates(contest), WINNERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return {
        "winners": page,
        "winner_rows": [(c, certificates.detail(c)) for c in page],
        "certificates_file": default_storage.exists(tasks.certificates_name(contest.pk)),
    }


def render_page(request, contest: Contest, *, export_form=None):
    events = list(contest.events.order_by("id"))
    task = own_task(request)
    context = {
        "contest": contest,
        "export_form": export_form or ExportForm(events=events),
        "files": my_files(request.user, contest),
        "report": report.contest_report(contest),
        **_certificates(request, contest),
        **task_context(task, page_url(contest, task)),
    }
    return render(request, "console/documents/contest.html", context)


@officer_required
@contest_page(hidden(manages_contest))
def contest_documents(request, contest: Contest):
    return render_page(request, contest)


@officer_required
@require_POST
@contest_page(hidden(manages_contest))
def export(request, contest: Contest):
    form = ExportForm(request.POST, events=contest.events.order_by("id"))
    if not form.is_valid():
        return render_page(request, contest, export_form=form)
    data = form.cleaned_data
    record = start_job(
        request,
        tasks.export_document,
        request.user.pk,
        contest.pk,
        data["document"],
        data["file_format"],
        get_language(),
        data["event"],
    )
    return job_started(record, page_url(contest))


@officer_required
@contest_page(hidden(manages_contest))
def download(request, contest: Contest, name: str):
    match = FILE_NAME.match(name)
    stored = f"{tasks.exports_dir(request.user.pk)}/{name}"
    if match is None or int(match[1]) != contest.pk or not default_storage.exists(stored):
        raise Http404
    response = FileResponse(default_storage.open(stored, "rb"), as_attachment=True, filename=name)
    response["Content-Type"] = CONTENT_TYPES[match[2]]
    return response


@officer_required
@contest_page(hidden(manages_contest))
def certificate(request, contest: Contest, number: str):
    """One certificate, made now (one page)."""
    cert = certificates.contest_certificates(contest).filter(number=number).first()
    if cert is None:
        raise Http404
    return _attachment(certificates.certificate_pdf(cert), f"certificate-{cert.number}.pdf")


@officer_required
@contest_page(hidden(manages_contest))
def certificates_file(request, contest: Contest):
    """The certificate book the job wrote, once the results are final."""
    stored = tasks.certificates_name(contest.pk)
    try:
        certificates.check_certificates(contest)
    except ValidationError as exc:
        raise Http404 from exc
    if not default_storage.exists(stored):
        raise Http404
    name = f"contest-{contest.pk}-certificates.pdf"
    return FileResponse(default_storage.open(stored, "rb"), as_attachment=True, filename=name)


@officer_required
@require_POST
@contest_page(hidden(manages_contest))
def write_certificates(request, contest: Contest):
    """Issue the certificates (new ones only) and write them all into one PDF."""
    try:
        certificates.check_certificates(contest)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(page_url(contest))
    record = start_job(request, tasks.generate_certificates, contest.pk, request.user.pk)
    return job_started(record, page_url(contest))


@officer_required
@contest_page(hidden(manages_contest))
def report_xlsx(request, contest: Contest):
    body = report.report_xlsx(report.contest_report(contest))
    stamp = timezone.localdate().isoformat()
    return _attachment(body, f"contest-{contest.pk}-report-{stamp}.xlsx")


def _attachment(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[name.rsplit(".", 1)[1]])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("contests/<int:pk>/documents/", contest_documents, name="contest-documents"),
    path("contests/<int:pk>/documents/export/", export, name="contest-documents-export"),
    path(
        "contests/<int:pk>/documents/files/<str:name>",
        download,
        name="contest-documents-file",
    ),
    path(
        "contests/<int:pk>/documents/certificates/<str:number>.pdf",
        certificate,
        name="contest-certificate",
    ),
    path(
        "contests/<int:pk>/documents/certificates.pdf",
        certificates_file,
        name="contest-certificates-file",
    ),
    path(
        "contests/<int:pk>/documents/certificates/",
        write_certificates,
        name="contest-certificates",
    ),
    path("contests/<int:pk>/documents/report.xlsx", report_xlsx, name="contest-report-xlsx"),
]
