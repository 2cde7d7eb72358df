"""The scoring scheme editor of one event (评分标准).

Criteria, tie-break order, award tiers and the promotion rule are edited on one page and
saved whole through `judging.services.replace_scheme`, which validates them (its messages
land on the part of the form they concern: console.forms.schemes). Once marks exist the
scheme is shown read-only with the reason. A scheme can be copied from another event the
officer runs (`judging.services.copy_scheme`).

htmx adds a row or fills the tiers with a preset without a reload; without JavaScript the
same buttons submit the form and the page comes back with the row or the preset in place,
nothing saved until "Save".
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from console.forms.schemes import PRESETS, CopyForm, CriterionForm, SchemeEditor
from console.views.base import officer_required
from contests.models import Event
from contests.scoping import event_page
from core.access import hidden, manages_event
from judging import selectors, services
from judging.models import Criterion

EVENT = event_page(hidden(manages_event))
_PARTS = ("criteria", "tiers")


def _event_page(event: Event) -> dict:
    """What console/schemes/event_page.html, the frame of this page, needs."""
    return {"event": event, "page_title": _("Scoring scheme"), "current": "scheme"}


def _copy_sources(user, event: Event):
    """Events the officer runs that have a scheme to copy."""
    return (
        Event.objects.restrict(user)
        .filter(pk__in=Criterion.objects.values("event_id"))
        .exclude(pk=event.pk)
        .select_related("contest")
        .order_by("-contest__contest_date", "contest__name", "name")
    )


def _with_row(data: QueryDict, part: str) -> QueryDict:
    """The posted form with one more (empty) row in `part`."""
    data = data.copy()
    key = f"{part}-TOTAL_FORMS"
    count = data.get(key, "")
    data[key] = str(int(count) + 1) if count.isdigit() else count
    return data


def _new_row(request, event: Event, part: str):
    """htmx: one empty row for `part`, numbered after the rows on the page, and the
    formset's new row count (swapped out of band)."""
    count = request.GET.get(f"{part}-TOTAL_FORMS", "")
    if not count.isdigit():
        return None
    formset = getattr(SchemeEditor(event), part)
    form = formset.empty_form
    form.prefix = formset.add_prefix(int(count))
    template = f"console/schemes/_{part}_row.html"
    return render(
        request,
        "console/schemes/_new_row.html",
        {"form": form, "row": template, "part": part, "total": int(count) + 1},
    )


def _page(request, event: Event, editor: SchemeEditor):
    return render(
        request,
        "console/schemes/editor.html",
        {
            **_event_page(event),
            "editor": editor,
            "presets": PRESETS,
            "copy": CopyForm(events=_copy_sources(request.user, event)),
        },
    )


def _locked_page(request, event: Event):
    return render(
        request,
        "console/schemes/locked.html",
        {
            **_event_page(event),
            "criteria": Criterion.objects.filter(event=event),
            "headers": [field.label for field in CriterionForm()],
            "document": selectors.scheme_of(event),
            "reason": services.LOCKED,
        },
    )


@officer_required
@EVENT
def scheme_editor(request, event: Event):
    if request.htmx and request.method == "GET":
        if request.GET.get("add") in _PARTS:
            response = _new_row(request, event, request.GET["add"])
            if response is not None:
                return response
        if request.GET.get("preset") in PRESETS:
            editor = SchemeEditor(event)
            editor.use_preset(request.GET["preset"])
            return render(request, "console/schemes/_tiers.html", {"editor": editor})
    if services.scheme_locked(event):
        return _locked_page(request, event)
    if request.method != "POST":
        return _page(request, event, SchemeEditor(event, document=selectors.scheme_of(event)))
    if request.POST.get("add") in _PARTS:
        return _page(
            request, event, SchemeEditor(event, _with_row(request.POST, request.POST["add"]))
        )
    editor = SchemeEditor(event, request.POST)
    if request.POST.get("preset") in PRESETS:
        editor.use_preset(request.POST["preset"])
        return _page(request, event, editor)
    if editor.is_valid():
        try:
            services.replace_scheme(actor=request.user, event=event, **editor.scheme())
        except ValidationError as exc:
            editor.add_service_errors(exc)
        else:
            messages.success(request, _("The scoring scheme is saved."))
            return redirect("console:event-scheme", pk=event.pk)
    return _page(request, event, editor)


@officer_required
@require_POST
@EVENT
def copy_scheme(request, event: Event):
    form = CopyForm(request.POST, events=_copy_sources(request.user, event))
    if not form.is_valid():
        messages.error(request, _("Choose an event to copy the scheme from."))
        return redirect("console:event-scheme", pk=event.pk)
    source = form.cleaned_data["source"]
    try:
        services.copy_scheme(actor=request.user, source=source, target=event)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The scheme of %(event)s is copied. Check it, and save any change.")
            % {"event": source.name},
        )
    return redirect("console:event-scheme", pk=event.pk)


urlpatterns = [
    path("events/<int:pk>/scheme/", scheme_editor, name="event-scheme"),
    path("events/<int:pk>/scheme/copy/", copy_scheme, name="event-scheme-copy"),
]
