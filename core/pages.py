"""Page views' counterpart of `core.api.base.ScopedObjectMixin`.

`scoped_page(queryset, name=..., permission=...)` decorates a function view whose URL names
one object by `pk`: the object is looked up once (404 if it does not exist), the access rule
is checked (core.access: 403, or 404 for a hidden rule) and the view receives the object as
the keyword argument `name` instead of the `pk`. Put it below `login_required` and
`require_POST`, so those answer first. Example::

    @login_required
    @scoped_page(EVENTS, name="event", permission=manages_event_or_chief)
    def status_page(request, event): ...
"""

from __future__ import annotations

import functools

from django.db.models import QuerySet

from core import access


def scoped_page(
    queryset: QuerySet,
    *,
    name: str,
    permission: access.Rule | None = None,
    kwarg: str = "pk",
):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            pk = kwargs.pop(kwarg)
            kwargs[name] = access.resolve(queryset.all(), request.user, permission, pk=pk)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
