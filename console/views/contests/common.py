"""What the contest setup pages share: links to pages that may not exist yet, and a form
handed to its service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from console import selectors as stages
from console.forms.contests import ServiceForm
from console.selectors import ContestStage, Todo
from console.views.base import form_errors


def link(name: str, *, query: dict[str, Any] | None = None, **kwargs: Any) -> str | None:
    """The URL of a console page, or None while no page has that name (pages of other
    console areas: the link is hidden until they exist)."""
    try:
        url = reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(query)}" if query else url


def save_with(form: ServiceForm, call: Callable[[dict], Any]) -> Any | None:
    """Hand a valid form's data to the service `call`; what it refuses lands on the form
    (a ValidationError on its fields, a PermissionDenied on the form's `denied_field`) and
    None is returned."""
    if not form.is_valid():
        return None
    try:
        return call(form.service_data())
    except ValidationError as exc:
        form_errors(form, exc)
    except PermissionDenied as exc:
        form.add_error(form.denied_field, str(exc))
    return None


def form_page(
    request,
    form: ServiceForm,
    call: Callable[[dict], Any],
    *,
    title: str,
    cancel: str,
    done: Callable[[Any], str],
):
    """A create or edit page: on a POST the service `call` gets the form's data and the
    officer goes on to `done(saved object)`; otherwise (or on errors) the form is shown."""
    if request.method == "POST":
        saved = save_with(form, call)
        if saved is not None:
            messages.success(request, _("Saved: %(name)s.") % {"name": saved})
            return redirect(done(saved))
    return render(
        request, "console/contests/form.html", {"form": form, "title": title, "cancel": cancel}
    )


def _todo_link(todo: Todo, contest_id: int) -> str | None:
    """The page that resolves a to-do (console.selectors): ours, or another area's."""
    event_id = todo.event.pk if todo.event is not None else None
    match todo.kind:
        case stages.NO_EVENTS:
            return link("console:event-create", pk=contest_id)
        case stages.OPEN_REGISTRATION:
            return link("console:contest", pk=contest_id)
        case stages.NO_SCHEME:
            return link("console:event-scheme", pk=event_id)
        case stages.PENDING:
            return link("console:registrations", query={"contest": contest_id, "status": "pending"})
        case stages.UNMARKED | stages.DIVERGENT:
            return link("console:event-judging", pk=event_id)
        case stages.DRAW | stages.TO_PUBLISH:
            return link("console:event-results", pk=event_id)
        case stages.OBJECTIONS | stages.NOTICE_ENDS:
            return link("console:objections", query={"contest": contest_id})
    return None


def with_links(item: ContestStage) -> ContestStage:
    for todo in item.todos:
        todo.url = _todo_link(todo, item.contest.pk)
    return item
