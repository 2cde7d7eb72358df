"""Judging progress: per event, coverage per judge and per criterion, divergent marks and
who has submitted; an officer unlocks one judge's submission, or one entry's marks on a
criterion, with a reason.

The figures are judging.selectors' (the report the judging status page and publishing
read), the writes judging.services'; an htmx request gets the board back alone.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from console.forms.judging import UnlockForm
from console.nav import section
from console.views.base import officer_required, submit
from contests.models import Event
from contests.scoping import event_page
from core.access import hidden, manages_event
from judging import selectors, services

PAGE_SIZE = 100
EVENTS_PAGE_SIZE = 50


@officer_required
def events(request):
    """The officer's events that have a scoring scheme, to follow their judging."""
    listed = (
        Event.objects.restrict(request.user)
        .annotate(
            criteria_count=Count("criteria", distinct=True),
            judge_count=Count("judge_assignments", distinct=True),
        )
        .filter(criteria_count__gt=0)
        .select_related("contest")
        .order_by("-contest_id", "id")
    )
    page = Paginator(listed, EVENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "console/judging/events.html", {"page": page})


def _unlock(actor, event: Event, data: dict) -> int:
    """One judge's marks (all, or on the entry and/or criterion given), or every judge's
    marks on one entry and criterion."""
    where = {"registration": data["bib"], "criterion_code": data["criterion"]}
    if data["judge"] is not None:
        result = services.unlock_marks(
            actor=actor, event=event, judge=data["judge"], reason=data["reason"], **where
        )
    else:
        result = services.unlock_entry_marks(
            actor=actor, event=event, reason=data["reason"], **where
        )
    return result["unlocked"]


def _board(request, event: Event) -> dict:
    status = selectors.judging_status(event)
    show = request.GET.get("show", "open")
    entries = status["entries"]
    if show == "open":
        entries = [e for e in entries if not e["complete"]]
    return {
        "event": event,
        "status": status,
        "show": show,
        "page": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
        "judges": selectors.judge_progress(event),
        "criteria": selectors.criterion_coverage(status),
        "divergences": selectors.divergence_marks(event, status["divergent"][:PAGE_SIZE]),
    }


@officer_required
@require_http_methods(["GET", "POST"])
@event_page(hidden(manages_event))
def event_judging(request, event: Event):
    """One event's judging progress, and the unlock form (links on the page prefill it)."""
    prefill = {k: request.GET[k] for k in ("judge", "bib", "criterion") if request.GET.get(k)}
    form = UnlockForm(request.POST or None, event=event, initial=prefill)
    notice = ""
    if request.method == "POST" and (
        done := submit(form, lambda data: _unlock(request.user, event, data))
    ):
        notice = ngettext("%(n)s mark unlocked.", "%(n)s marks unlocked.", done.value) % {
            "n": done.value
        }
        if not request.htmx:
            messages.success(request, notice)
            return redirect(request.get_full_path())
        form = UnlockForm(event=event)
    context = {**_board(request, event), "form": form, "notice": notice}
    template = "console/judging/_board.html" if request.htmx else "console/judging/event.html"
    return render(request, template, context)


section(60, _("Judging progress"), "console:judging")

urlpatterns = [
    path("judging/", events, name="judging"),
    path("events/<int:pk>/judging/", event_judging, name="event-judging"),
]
