"""The bases every app's API views build on, so access is applied by the framework.

Two pieces, after NetBox's `BaseViewSet` and pretix's `EventPermission`:

`RestrictedViewSetMixin` — a viewset's rows are its `queryset` cut to the caller's union
subtree (`RestrictQuerySet.restrict`): forgetting to scope a list fails closed. A viewset
whose rows a non-officer may see too (public reference data, a worker's own entries)
overrides `get_queryset` and says why. A row the request body names by id (the studio a
new result belongs to) is looked up the same way: `named_row`.

`ScopedObjectMixin` — an API view about one object named in the URL (`events/{pk}/...`).
It looks the object up once, before the handler runs and after the view's declared policy
(`permission_policy`) has passed: 404 if it does not exist, then the object-level rule the
view declares as `<scope_name>_permission` (a rule from core.access, or a mapping from
HTTP method to rule, "*" for the rest): 403 with the rule's denial, or 404 for a `hidden`
rule. The handler reads it as `self.<scope_name>`. Example::

    class EventView(ScopedObjectMixin, APIView):
        scope_queryset = Event.objects.select_related("contest__host_union")
        scope_name = "event"

    class JudgingStatusView(EventView):
        permission_policy = {"get": JUDGE_OR_OFFICER}
        event_permission = manages_event_or_chief

        def get(self, request, pk):
            return Response(judging_status(self.event))
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError

from core import access

MAX_ID = 2_147_483_647  # the largest primary key (PostgreSQL integer): larger ids are refused


class RestrictedViewSetMixin:
    """`get_queryset()`: the view's `queryset`, restricted to what the caller may see."""

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user)

    def named_row(self, queryset: QuerySet, field: str, message: str):
        """The row of `queryset` the request body names by id in `field`, restricted to the
        caller's union subtree like the view's own rows: 400 with `message` on the field
        when the id is missing or not a positive integer, 404 when the caller has no such
        row."""
        data = self.request.data
        value = data.get(field) if isinstance(data, Mapping) else None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
            raise ValidationError({field: [message]})
        return get_object_or_404(queryset.restrict(self.request.user), pk=value)


class RestrictedViewSet(RestrictedViewSetMixin, viewsets.GenericViewSet):
    """A generic viewset over restricted rows; add the DRF mixins for the actions."""


class RestrictedModelViewSet(
    RestrictedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """A model viewset over restricted rows."""


class ScopedObjectMixin:
    """Resolve the object the URL names once, check the declared rule, expose it."""

    scope_queryset: QuerySet
    scope_name = "object"
    scope_kwarg = "pk"

    def scope_rule(self, method: str) -> access.Rule | None:
        # Read from the class: a function stored on it would come back bound to the view.
        declared = getattr(type(self), f"{self.scope_name}_permission", None)
        if not isinstance(declared, Mapping):
            return declared
        method = "get" if method == "head" else method
        return declared.get(method, declared.get("*"))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        scoped = access.resolve(
            self.scope_queryset.all(),
            request.user,
            self.scope_rule(request.method.lower()),
            pk=kwargs[self.scope_kwarg],
        )
        setattr(self, self.scope_name, scoped)
