"""Contests and events of the officer's subtree: list, create, edit, the status step
buttons, and a page per contest and per event that links to everything done with it.

Every write is a contests.services call (the API's): create_contest / update_contest,
create_event / update_event; the status moves one step at a time through update_contest,
which allows only the steps of `Contest.STATUS_STEPS` (check_status_step).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from console import selectors as stages
from console.forms.contests import (
    ELIGIBILITY,
    TEAM_AND_QUOTA,
    ContestFilterForm,
    ContestForm,
    EventForm,
)
from console.views.base import officer_required
from console.views.contests.common import form_page, link, with_links
from contests import services
from contests.fields import EVENT_ELIGIBILITY_LISTS
from contests.models import Contest, Event
from contests.scoping import contest_page, event_page
from core.access import hidden, manages_contest, manages_event
from unions.models import Employer

PAGE_SIZE = 50
# The event's rules kept in its own columns (the union and region lists aside).
RULE_COLUMNS = [f for f in (*ELIGIBILITY, *TEAM_AND_QUOTA) if f not in EVENT_ELIGIBILITY_LISTS]
STAGE_LABELS = dict(stages.STAGES)

# The buttons of the contest page, one per step of `Contest.STATUS_STEPS` an officer takes
# here; publishing is the results page's (results.services.publish_contest moves the status
# on itself), so it has no button.
STEP_LABELS = {
    Contest.Status.OPEN: gettext_lazy("Open registration"),
    Contest.Status.CLOSED: gettext_lazy("Close registration"),
    Contest.Status.JUDGING: gettext_lazy("Start judging"),
}


def next_step(contest: Contest) -> tuple[str, str] | None:
    """(status, button label) of the step the contest page offers, if any."""
    for target in Contest.STATUS_STEPS.get(contest.status, ()):
        if target in STEP_LABELS:
            return target, STEP_LABELS[target]
    return None


@officer_required
def contest_list(request):
    contests = (
        Contest.objects.restrict(request.user)
        .select_related("series", "host_union")
        .order_by("-registration_opens", "-id")
    )
    filters = ContestFilterForm(request.GET or None)
    if filters.is_valid():
        contests = filters.apply(contests)
    page = Paginator(contests, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "console/contests/contest_list.html",
        {"page": page, "filters": filters, "query": query.urlencode()},
    )


def _to_contest(contest: Contest) -> str:
    return reverse("console:contest", kwargs={"pk": contest.pk})


def _to_event(event: Event) -> str:
    return reverse("console:event", kwargs={"pk": event.pk})


@officer_required
def contest_create(request):
    return form_page(
        request,
        ContestForm(request.POST or None, user=request.user),
        lambda data: services.create_contest(actor=request.user, **data),
        title=_("New contest"),
        cancel=reverse_lazy("console:contests"),
        done=_to_contest,
    )


@officer_required
@contest_page(hidden(manages_contest))
def contest_edit(request, contest: Contest):
    return form_page(
        request,
        ContestForm(request.POST or None, instance=contest, user=request.user),
        lambda data: services.update_contest(actor=request.user, contest=contest, **data),
        title=contest.name,
        cancel=_to_contest(contest),
        done=_to_contest,
    )


@officer_required
@contest_page(hidden(manages_contest))
def contest_detail(request, contest: Contest):
    item = with_links(stages.contest_stage(contest))
    step = next_step(contest)
    return render(
        request,
        "console/contests/contest.html",
        {
            "contest": item.contest,
            "item": item,
            "stage": STAGE_LABELS[item.stage],
            "step": step,
            "links": {
                "registrations": link("console:registrations", query={"contest": contest.pk}),
                "objections": link("console:objections", query={"contest": contest.pk}),
            },
        },
    )


@require_POST
@officer_required
@contest_page(hidden(manages_contest))
def contest_status(request, contest: Contest):
    """One step forward (the button of the contest page)."""
    step = next_step(contest)
    wanted = request.POST.get("status", "")
    try:
        if step is None or wanted != step[0]:
            # A second click, or a page left open while someone else moved the status.
            raise ValidationError(_("The contest's status has changed; look again."))
        services.update_contest(actor=request.user, contest=contest, status=wanted)
    except (ValidationError, PermissionDenied) as exc:
        for message in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(contest)s: %(status)s.")
            % {"contest": contest.name, "status": Contest.Status(wanted).label},
        )
    return redirect(_to_contest(contest))


@officer_required
@contest_page(hidden(manages_contest))
def event_create(request, contest: Contest):
    return form_page(
        request,
        EventForm(request.POST or None),
        lambda data: services.create_event(actor=request.user, contest=contest, **data),
        title=_("New event of %(contest)s") % {"contest": contest.name},
        cancel=_to_contest(contest),
        done=_to_event,
    )


@officer_required
@event_page(hidden(manages_event))
def event_edit(request, event: Event):
    return form_page(
        request,
        EventForm(request.POST or None, instance=event),
        lambda data: services.update_event(actor=request.user, event=event, **data),
        title=event.name,
        cancel=_to_event(event),
        done=_to_event,
    )


@officer_required
@event_page(hidden(manages_event))
def event_detail(request, event: Event):
    event = (
        stages.events_with_counts([event.contest_id])
        .select_related("contest__host_union")
        .prefetch_related("eligible_unions", "eligible_regions")
        .get(pk=event.pk)
    )
    query = {"contest": event.contest_id, "event": event.pk}
    pages = [
        (_("Scoring scheme"), link("console:event-scheme", pk=event.pk)),
        (_("Judges"), link("console:event-panel", pk=event.pk)),
        (_("Registrations"), link("console:registrations", query=query)),
        (_("Judging progress"), link("console:event-judging", pk=event.pk)),
        (_("Results"), link("console:event-results", pk=event.pk)),
    ]
    return render(
        request,
        "console/contests/event.html",
        {
            "event": event,
            "contest": event.contest,
            "pages": [(label, url) for label, url in pages if url],
            "kinds": [Employer.Kind(k).label for k in event.employer_kinds or []],
            "rules": any(getattr(event, f) for f in RULE_COLUMNS)
            or event.eligible_unions.all()
            or event.eligible_regions.all(),
        },
    )
