"""Results of one event: compute with live progress, the provisional leaderboard in full
with what decided each tie, draws where the rules ask for one, and publishing (with the
override the publishing rule offers when it refuses).

Every write is a results service (results.services) or a results task, the same the API
calls; the page adds no rule of its own.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from console.forms.results import DrawForm, PublishForm
from console.views.base import officer_required, submit
from console.views.results.progress import job_started, own_task, start_job, task_context
from contests import services as contest_services
from contests.models import Contest, Event
from contests.scoping import event_page
from core.access import hidden, manages_event
from core.formatting import duration
from judging.models import Criterion
from results import selectors, services, tasks
from scoring import TIME
from scoring.records import DECIDED_DRAW, DECIDED_TOTAL
from workers.models import SkillGrade

PAGE_SIZE = 100
CONTESTS_PER_PAGE = 20

# What decided an entry's place, beside the criteria (named by their own names).
DECIDED = {
    DECIDED_TOTAL: pgettext_lazy("place decided by", "total"),
    TIME: pgettext_lazy("place decided by", "completion time"),
    DECIDED_DRAW: pgettext_lazy("place decided by", "draw"),
    selectors.NEEDS_DRAW: pgettext_lazy("place decided by", "draw needed"),
}


def page_url(event: Event, task=None) -> str:
    url = reverse("console:event-results", kwargs={"pk": event.pk})
    return f"{url}?task={task.pk}" if task is not None else url


@officer_required
def results_index(request):
    """The officer's contests with their events: where to compute, publish and export."""
    contests = Contest.objects.restrict(request.user).select_related("host_union").order_by("-id")
    page = Paginator(contests, CONTESTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(contest, selectors.events_state(contest)) for contest in page]
    return render(request, "console/results/index.html", {"page": page, "rows": rows})


def _leaderboard(request, event: Event, snapshot, criteria: list[Criterion]) -> dict:
    """One page of the provisional leaderboard, each row with the cell that decided it."""
    page = Paginator(selectors.result_rows(snapshot), PAGE_SIZE).get_page(request.GET.get("page"))
    shows_full = selectors.full_name_test(request.user)
    extra = selectors.tie_columns(event.pk, [row.registration_id for row in page])
    names = {c.code: c.name for c in criteria}
    rows = []
    for row in page:
        seconds, lot = extra.get(row.registration_id, (None, None))
        decided = row.decided_by
        rows.append(
            {
                "row": row,
                "name": row.display_name if shows_full(row.union_path) else row.masked_name,
                "scores": [(row.criteria.get(c.code, ""), decided == c.code) for c in criteria],
                "time": duration(seconds),
                "lot": lot,
                "decided": decided,
                "decided_label": DECIDED.get(decided) or names.get(decided, decided),
                "promotion": SkillGrade(row.promotion).label if row.promotion else "",
            }
        )
    stats = (snapshot.stats or {}) if snapshot else {}
    tie_break = stats.get("tie_break", [])
    show_lot = not stats.get("shared_places", True)
    order = [DECIDED.get(t) or names.get(t, t) for t in tie_break]
    if show_lot:
        order.append(DECIDED[DECIDED_DRAW])
    return {
        "page": page,
        "rows": rows,
        "tie_order": " › ".join(str(o) for o in order) or _("nothing else"),
        "tie_codes": tie_break,
        "show_time": TIME in tie_break or any(r["time"] for r in rows),
        "show_lot": show_lot,
    }


def _draw_forms(request, snapshot, shows_full, bound: dict | None = None) -> list[dict]:
    """A form per group of tied entries waiting for a draw."""
    if snapshot is None or not (snapshot.stats or {}).get("needs_draw"):
        return []
    bound = bound or {}
    groups = []
    for rank, rows in sorted(selectors.awaiting_draw(snapshot).items()):
        form = bound.get(rank) or DrawForm(rows=rows, prefix=f"g{rank}")
        entries = [
            (row.display_name if shows_full(row.union_path) else row.masked_name, field)
            for row, field in zip(rows, form, strict=True)
        ]
        groups.append({"rank": rank, "form": form, "entries": entries})
    return groups


def render_page(request, event: Event, *, publish_form=None, bound_draws=None):
    snapshot = selectors.result_snapshot(event, provisional=True)
    public = selectors.result_snapshot(event, provisional=False)
    criteria = list(Criterion.objects.filter(event=event).order_by("position", "id"))
    task = own_task(request)
    context = {
        "event": event,
        "contest": event.contest,
        "snapshot": snapshot,
        "stats": (snapshot.stats or {}) if snapshot else {},
        "public": public,
        "criteria": criteria,
        "publish_form": publish_form or PublishForm(),
        # The rule publishing applies (contests.services.publishing_problem), said up front.
        "publish_blocked": contest_services.publishing_problem(event.contest),
        "draws": _draw_forms(
            request, snapshot, selectors.full_name_test(request.user), bound_draws
        ),
        **_leaderboard(request, event, snapshot, criteria),
        **task_context(task, page_url(event, task)),
    }
    return render(request, "console/results/event.html", context)


@officer_required
@event_page(hidden(manages_event))
def event_results(request, event: Event):
    return render_page(request, event)


@officer_required
@require_POST
@event_page(hidden(manages_event))
def compute(request, event: Event):
    record = start_job(request, tasks.compute_event_results, event.pk)
    return job_started(record, page_url(event))


@officer_required
@require_POST
@event_page(hidden(manages_event))
def publish(request, event: Event):
    return publishing(
        request,
        lambda **data: services.publish_event(actor=request.user, event=event, **data),
        done=lambda snapshot: (
            _("Version %(version)s of the results is public; the notice period starts now.")
            % {"version": snapshot.version}
        ),
        back=page_url(event),
        again=lambda form: render_page(request, event, publish_form=form),
    )


def publishing(request, publish, *, done, back: str, again):
    """Publish through the results service `publish(override_reason=...)`: on success the
    message `done(published)` and back to the page; a refusal lands on the form, which
    `again(form)` shows with the override field."""
    form = PublishForm(request.POST)
    if taken := submit(form, lambda data: publish(**data)):
        messages.success(request, done(taken.value))
        return redirect(back)
    return again(form)


@officer_required
@require_POST
@event_page(hidden(manages_event))
def draw(request, event: Event):
    snapshot = selectors.result_snapshot(event, provisional=True)
    groups = selectors.awaiting_draw(snapshot) if snapshot else {}
    try:
        rank = int(request.POST.get("group", ""))
    except ValueError:
        rank = None
    if rank not in groups:
        messages.error(request, _("These entries no longer wait for a draw."))
        return redirect(page_url(event))
    form = DrawForm(request.POST, rows=groups[rank], prefix=f"g{rank}")
    if submit(
        form, lambda _data: services.record_draw(actor=request.user, event=event, lots=form.lots())
    ):
        messages.success(request, _("The lots are recorded; the results are being computed again."))
        return redirect(page_url(event))
    return render_page(request, event, bound_draws={rank: form})


urlpatterns = [
    path("results/", results_index, name="results"),
    path("events/<int:pk>/results/", event_results, name="event-results"),
    path("events/<int:pk>/results/compute/", compute, name="event-results-compute"),
    path("events/<int:pk>/results/publish/", publish, name="event-results-publish"),
    path("events/<int:pk>/results/draw/", draw, name="event-results-draw"),
]
