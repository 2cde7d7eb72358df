"""The event or contest a URL names, looked up once for the views of every app above contests.

API views subclass `EventView` / `ContestView` (or mix `EventScoped` / `ContestScoped` into
another DRF view) and declare `event_permission` / `contest_permission`; pages use the
`event_page` / `contest_page` decorators. See core.api.base and core.pages for the rules.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework.views import APIView

from contests.models import Contest, Event
from core.access import Rule
from core.api.base import ScopedObjectMixin
from core.pages import scoped_page

# What the access rules read (contest.host_union), joined in the one lookup.
EVENTS = Event.objects.select_related("contest__host_union")
CONTESTS = Contest.objects.select_related("host_union")


class EventScoped(ScopedObjectMixin):
    scope_queryset = EVENTS
    scope_name = "event"


class ContestScoped(ScopedObjectMixin):
    scope_queryset = CONTESTS
    scope_name = "contest"


class EventView(EventScoped, APIView):
    """An API view of `events/{pk}/...`: `self.event`, checked against `event_permission`."""


class ContestView(ContestScoped, APIView):
    """An API view of `contests/{pk}/...`: `self.contest`, checked against
    `contest_permission`."""


def event_page(permission: Rule | None = None, *, queryset: QuerySet = EVENTS):
    """A page of one event: the view gets `event=` instead of `pk=`."""
    return scoped_page(queryset, name="event", permission=permission)


def contest_page(permission: Rule | None = None, *, queryset: QuerySet = CONTESTS):
    """A page of one contest: the view gets `contest=` instead of `pk=`."""
    return scoped_page(queryset, name="contest", permission=permission)
