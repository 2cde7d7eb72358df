"""Public notice and objections: each contest's notice period (state and end), the queue of
objections, and their answers.

Dismissing asks for the answer the worker reads. Upholding opens the entry's marks for
correction; one button then corrects them, recomputes and republishes the event
(public.services.uphold_objection, run as a task with its progress on the page).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from console.forms.results import AnswerForm, CorrectionForm
from console.nav import section
from console.views.base import form_errors, officer_required, submit
from console.views.results.progress import start_job, task_context
from contests.models import Contest
from core.models import TaskRecord
from core.validators import mask_name
from judging.models import Mark
from public import selectors as public_selectors
from public import services, tasks
from public.models import Objection
from results import selectors

PER_PAGE = 50
NOTICE_LABELS = {
    public_selectors.PROVISIONAL: gettext_lazy("not published"),
    public_selectors.NOTICE: gettext_lazy("in public notice"),
    public_selectors.FINAL: gettext_lazy("final"),
}
STATUSES = [("", gettext_lazy("All")), *Objection.Status.choices]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def list_url(contest_id: int | None = None) -> str:
    url = reverse("console:objections")
    return f"{url}?{urlencode({'contest': contest_id})}" if contest_id else url


def entrant_name(registration, shows_full) -> str:
    """The entry's name: a worker's in full for the officer's own subtree only."""
    if registration.worker_id is None:
        return str(registration.team or registration.achievement or "")
    worker = registration.worker
    return worker.name if shows_full(worker.employer.union.path) else mask_name(worker.name)


def render_queue(request, *, bound: dict | None = None):
    user = request.user
    contest_id = _int(request.GET.get("contest"))
    status = request.GET.get("status", Objection.Status.OPEN)
    if status not in dict(STATUSES):
        status = Objection.Status.OPEN
    published = (
        Contest.objects.restrict(user)
        .filter(events__snapshots__is_public=True)
        .distinct()
        .order_by("-id")
    )
    contests = published
    objections = (
        Objection.objects.restrict(user)
        .select_related(
            "event__contest",
            "registration__worker__employer__union",
            "registration__team",
            "registration__achievement",
        )
        .order_by("status", "-created_at", "id")
    )
    if contest_id is not None:
        contests = contests.filter(pk=contest_id)
        objections = objections.filter(event__contest_id=contest_id)
    if status:
        objections = objections.filter(status=status)
    notices = []
    for contest in contests[:PER_PAGE]:
        notice = public_selectors.contest_notice(contest)
        notices.append({"contest": contest, "label": NOTICE_LABELS[notice["state"]], **notice})
    page = Paginator(objections, PER_PAGE).get_page(request.GET.get("page"))
    shows_full = selectors.full_name_test(user)
    bound = bound or {}
    rows = [
        {
            "objection": o,
            "name": entrant_name(o.registration, shows_full),
            "form": bound.get(o.pk) or AnswerForm(prefix=f"o{o.pk}"),
        }
        for o in page
    ]
    context = {
        "notices": notices,
        "rows": rows,
        "page": page,
        "contest_id": contest_id,
        "status": status,
        "statuses": STATUSES,
        "page_query": urlencode({"contest": contest_id or "", "status": status}) + "&",
        "all_contests": published,
    }
    return render(request, "console/objections/list.html", context)


@officer_required
def objection_list(request):
    return render_queue(request)


def _objection(request, pk: int) -> Objection:
    """One objection of the officer's subtree (404 for any other)."""
    return get_object_or_404(
        Objection.objects.restrict(request.user).select_related(
            "event__contest__host_union", "registration__worker__employer__union"
        ),
        pk=pk,
    )


@officer_required
@require_POST
def dismiss(request, pk: int):
    objection = _objection(request, pk)
    form = AnswerForm(request.POST, prefix=f"o{objection.pk}")
    if submit(
        form,
        lambda data: services.dismiss_objection(actor=request.user, objection=objection, **data),
    ):
        messages.success(request, _("The objection is dismissed; the worker sees the answer."))
        return redirect(f"{reverse('console:objections')}?{request.GET.urlencode()}")
    return render_queue(request, bound={objection.pk: form})


def _marks(objection: Objection) -> list[Mark]:
    return list(
        Mark.objects.filter(registration_id=objection.registration_id)
        .select_related("criterion", "judge")
        .order_by("criterion__position", "criterion_id", "judge__name", "id")
    )


@officer_required
def uphold(request, pk: int):
    """The entry's marks to correct; one button corrects, recomputes and republishes."""
    objection = _objection(request, pk)
    if objection.status != Objection.Status.OPEN:
        messages.error(request, _("This objection has already been answered."))
        return redirect(list_url(objection.event.contest_id))
    marks = _marks(objection)
    form = CorrectionForm(request.POST or None, marks=marks)
    task = None
    if request.method == "POST" and form.is_valid():
        task = start_job(
            request,
            tasks.uphold_objection,
            request.user.pk,
            objection.pk,
            form.cleaned_data["answer"],
            form.corrections(),
            form.cleaned_data["override_reason"],
        )
        task.refresh_from_db()  # without a broker the job has already run
        if task.state == TaskRecord.State.SUCCESS:
            messages.success(
                request, _("The objection is upheld: the event's results are republished.")
            )
            return redirect(list_url(objection.event.contest_id))
        if task.state == TaskRecord.State.FAILURE and task.result.get("errors"):
            form_errors(form, ValidationError(task.result["errors"]))
            task = None
    event = objection.event
    current = selectors.result_snapshot(event, provisional=True)
    public = selectors.result_snapshot(event, provisional=False)
    row = public.rows.filter(registration_id=objection.registration_id).first() if public else None
    context = {
        "objection": objection,
        "event": event,
        "name": entrant_name(objection.registration, selectors.full_name_test(request.user)),
        "row": row,
        "form": form,
        "ask_override": bool(form.errors.get("override_reason"))
        or (current is not None and not current.complete),
        **task_context(task, list_url(event.contest_id)),
    }
    return render(request, "console/objections/uphold.html", context)


section(60, gettext_lazy("Public notice and objections"), "console:objections")

urlpatterns = [
    path("objections/", objection_list, name="objections"),
    path("objections/<int:pk>/uphold/", uphold, name="objection-uphold"),
    path("objections/<int:pk>/dismiss/", dismiss, name="objection-dismiss"),
]
