"""Live progress of the area's background jobs: a TaskRecord shown as a progress bar that
htmx polls until the job ends.

A page that started a job shows `console/results/_task.html` for it (`?task=<id>` in its
URL); the fragment asks this view again every second while the job runs. When the job has
succeeded the browser is sent on to the page that asked (`next`), which then shows the
outcome; a failure stays in place with its errors, beside the form that can be corrected.
"""

from __future__ import annotations

import uuid

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRedirect

from console.views.base import officer_required
from core.models import TaskRecord
from core.services import start_task

RUNNING = (TaskRecord.State.PENDING, TaskRecord.State.STARTED)

# What each job is called on the page, by its task name.
LABELS = {
    "results.compute_event_results": _("Computing the results"),
    "results.compute_contest_awards": _("Computing the contest awards"),
    "results.compute_contest_results": _("Computing every event and the awards"),
    "public.uphold_objection": _("Correcting, recomputing and republishing"),
    "public.export_document": _("Writing the document"),
    "public.generate_certificates": _("Writing the certificates"),
}


def start_job(request, task, *args) -> TaskRecord:
    """Start one of the area's jobs for the user, as the API starts it (start_task)."""
    return start_task(name=task.name, owner=request.user, task=task, args=args)


def job_started(record: TaskRecord, url: str):
    """After starting a job: back to the page, which shows the job's progress."""
    return redirect(f"{url}?task={record.pk}")


def own_task(request, task_id=None) -> TaskRecord | None:
    """The user's own job named by `?task=` (or `task_id`), if there is one."""
    value = task_id or request.GET.get("task", "")
    try:
        pk = uuid.UUID(str(value))
    except ValueError:
        return None
    return TaskRecord.objects.filter(pk=pk, owner=request.user).first()


def task_context(record: TaskRecord | None, next_url: str = "") -> dict:
    """What `_task.html` shows of a job: its label, state, progress and errors."""
    if record is None:
        return {"task": None}
    errors = []
    result = record.result if isinstance(record.result, dict) else {}
    if record.state == TaskRecord.State.FAILURE:
        for messages in (result.get("errors") or {}).values():
            errors += messages if isinstance(messages, list) else [messages]
        if "error" in result:
            errors.append(_("The job failed; the error is in the server's log."))
    poll = reverse("console:results-task", kwargs={"pk": record.pk})
    if next_url:
        poll += "?" + urlencode({"next": next_url})
    return {
        "task": record,
        "task_label": LABELS.get(record.name, record.name),
        "task_running": record.state in RUNNING,
        "task_errors": errors,
        "task_poll": poll,
    }


@officer_required
def task_progress(request, pk):
    record = get_object_or_404(TaskRecord, pk=pk, owner=request.user)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.htmx and next_url and record.state == TaskRecord.State.SUCCESS:
        return HttpResponseClientRedirect(next_url)
    return render(request, "console/results/_task.html", task_context(record, next_url))


urlpatterns = [path("results/tasks/<uuid:pk>/", task_progress, name="results-task")]
