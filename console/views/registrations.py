"""Registrations: the queue of entries with filters and bulk decisions, one entry's page
(approve, reject, disqualify, reinstate, each with its reason), and a worker's page where
an officer checks identity.

Names: an officer sees a worker's full name only when the worker's union lies in their
subtree, masked otherwise (the entry may come from another union's work unit). The full
ID number is shown on the worker's page only, on request, and every display is recorded
(workers.selectors.reveal_id_number); everywhere else it stays masked.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from console.forms.registrations import BulkDecisionForm, EntryDecisionForm, QueueFilterForm
from console.nav import section
from console.views.base import form_errors, officer_required, submit
from contests import selectors, services
from contests.models import Registration
from core.access import manages_contest, manages_union
from core.validators import mask_id_number, mask_name, mask_phone
from workers import selectors as worker_selectors
from workers.models import Worker

PAGE_SIZE = 50
DISCLOSURES_SHOWN = 50


def _person(user, worker: Worker) -> dict:
    """A worker as this officer may see them: full name (and a link to the worker's page)
    only within the officer's subtree."""
    own = manages_union(user, worker.employer.union)
    return {"worker": worker, "name": worker.name if own else mask_name(worker.name), "own": own}


def _row(user, registration: Registration) -> dict:
    return {
        "entry": registration,
        "people": [_person(user, m.worker) for m in registration.members.all()],
    }


@officer_required
@require_http_methods(["GET", "POST"])
def queue(request):
    """The entries of the officer's contests, filtered; tick some to approve or reject."""
    filters = QueueFilterForm(request.GET, user=request.user)
    bulk = BulkDecisionForm(request.POST or None, user=request.user)
    if request.method == "POST" and bulk.is_valid() and _decide(request, bulk):
        return redirect(request.get_full_path())
    entries = Registration.objects.none()
    if filters.is_valid():
        entries = selectors.registration_queue(user=request.user, **filters.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "console/registrations/queue.html",
        {
            "filters": filters,
            "bulk": bulk,
            "page": page,
            "rows": [_row(request.user, r) for r in page.object_list],
            "ticked": {str(pk) for pk in request.POST.getlist("registrations")},
        },
    )


def _decide(request, bulk: BulkDecisionForm) -> bool:
    chosen = list(bulk.cleaned_data["registrations"])
    try:
        if bulk.cleaned_data["action"] == BulkDecisionForm.APPROVE:
            services.approve_registrations(actor=request.user, registrations=chosen)
            done = ngettext("%(n)s entry approved.", "%(n)s entries approved.", len(chosen))
        else:
            services.reject_registrations(
                actor=request.user, registrations=chosen, reason=bulk.cleaned_data["reason"]
            )
            done = ngettext("%(n)s entry rejected.", "%(n)s entries rejected.", len(chosen))
    except ValidationError as exc:
        form_errors(bulk, exc)
        return False
    messages.success(request, done % {"n": len(chosen)})
    return True


DECISIONS = {
    "approve": lambda actor, entry, reason: services.approve_registration(
        actor=actor, registration=entry
    ),
    "reject": lambda actor, entry, reason: services.reject_registration(
        actor=actor, registration=entry, reason=reason
    ),
    "disqualify": lambda actor, entry, reason: services.disqualify_registration(
        actor=actor, registration=entry, reason=reason
    ),
    "reinstate": lambda actor, entry, reason: services.reinstate_registration(
        actor=actor, registration=entry, reason=reason
    ),
}
DONE = {
    "approve": _("The entry was approved."),
    "reject": _("The entry was rejected."),
    "disqualify": _("The entry was disqualified."),
    "reinstate": _("The entry was reinstated."),
}


def _actions(entry: Registration) -> list[str]:
    """What may be decided on the entry now (the services say why anything else is not)."""
    if entry.status == Registration.Status.PENDING:
        return ["approve", "reject"]
    if entry.status == Registration.Status.APPROVED:
        return ["reinstate"] if entry.disqualified else ["disqualify"]
    return []


@officer_required
@require_http_methods(["GET", "POST"])
def entry_page(request, pk: int):
    """One entry of the officer's contests: who takes part, its history, its decisions."""
    entry = get_object_or_404(selectors.registration_queue(user=request.user), pk=pk)
    form = EntryDecisionForm(request.POST or None)
    if request.method == "POST" and submit(
        form, lambda data: DECISIONS[data["action"]](request.user, entry, data["reason"])
    ):
        messages.success(request, DONE[form.cleaned_data["action"]])
        return redirect("console:registration", pk=entry.pk)
    return render(
        request,
        "console/registrations/entry.html",
        {
            "row": _row(request.user, entry),
            "entry": entry,
            "form": form,
            "actions": _actions(entry),
            "log": entry.log.select_related("actor"),
        },
    )


@officer_required
@require_http_methods(["GET", "POST"])
def worker_page(request, pk: int):
    """A worker of the officer's subtree (404 for anyone else's): full name, and the full
    ID number on request (a POST, so that no prefetch or reload shows it unrecorded)."""
    worker = get_object_or_404(
        Worker.objects.restrict(request.user).select_related("employer__union", "user"), pk=pk
    )
    id_number = None
    if request.method == "POST":
        id_number = worker_selectors.reveal_id_number(viewer=request.user, worker=worker)
    disclosures = worker_selectors.id_number_disclosures(worker=worker)[:DISCLOSURES_SHOWN]
    context = {
        "worker": worker,
        "id_number": id_number,
        "masked_id_number": mask_id_number(worker.id_number),
        "masked_phone": mask_phone(worker.phone),
        "disclosures": disclosures,
    }
    if request.htmx and id_number is not None:
        return render(request, "console/registrations/_revealed.html", context)
    entries = (
        selectors.registration_list(user=request.user)
        .filter(members__worker=worker)
        .select_related("contest__host_union")
        .order_by("-id")
        .distinct()
    )
    context["entries"] = [
        {"entry": e, "own": manages_contest(request.user, e.contest)} for e in entries[:100]
    ]
    return render(request, "console/registrations/worker.html", context)


section(20, _("Registrations"), "console:registrations")

urlpatterns = [
    path("registrations/", queue, name="registrations"),
    path("registrations/<int:pk>/", entry_page, name="registration"),
    path("workers/<int:pk>/", worker_page, name="worker"),
]
