"""The judge panel of one event: who judges it, the chief judge (裁判长), which criteria
each marks, and conflicts of interest.

A judge of the same work unit as an entry is a conflict of interest. It is shown here per
judge, and blocked where it matters: that judge is never shown the entry and may not mark
it (judging.services.marks). Assigning the judge is not refused (see
judging.services.panels); the coverage warnings say where the conflicts leave an entry
with too few judges.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from console.forms.people import AssignForm
from console.views.base import officer_required, submit
from console.views.schemes import EVENT
from contests.models import Event
from judging import selectors, services
from judging.models import Judge, JudgeAssignment


@officer_required
@EVENT
def panel(request, event: Event):
    assignments = list(
        JudgeAssignment.objects.filter(event=event)
        .select_related("judge__user", "judge__employer")
        .order_by("-chief", "judge__name")
    )
    candidates = Judge.objects.restrict(request.user).filter(user__is_active=True)
    conflicts = selectors.own_unit_entries(
        event, [a.judge for a in assignments] + list(candidates.only("id", "employer_id"))
    )
    form = AssignForm(request.POST or None, user=request.user, event=event, conflicts=conflicts)
    if request.method == "POST" and submit(
        form, lambda data: services.assign_judge(actor=request.user, event=event, **data)
    ):
        name = form.cleaned_data["judge"].name
        messages.success(request, _("%(name)s is on the panel.") % {"name": name})
        return redirect("console:event-panel", pk=event.pk)
    for assignment in assignments:
        assignment.conflicts = conflicts.get(assignment.judge_id, 0)
    return render(
        request,
        "console/people/panel.html",
        {
            "event": event,
            "page_title": _("Judge panel"),
            "current": "panel",
            "assignments": assignments,
            "form": form,
            "warnings": services.coverage_warnings(event),
        },
    )


@officer_required
@require_POST
@EVENT
def remove(request, event: Event, judge: int):
    assignment = get_object_or_404(
        JudgeAssignment.objects.select_related("judge"), event=event, judge_id=judge
    )
    try:
        services.remove_judge(actor=request.user, event=event, judge=assignment.judge)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s is off the panel.") % {"name": assignment.judge.name})
    return redirect("console:event-panel", pk=event.pk)
