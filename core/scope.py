"""Union-subtree scoping: the second permission layer (NetBox's `restrict` idea).

Every union carries a materialised path ("/1/4/9/"), so "this union and every union below
it" is one indexed `startswith` filter, not a recursive query. An officer sees and manages
the objects whose owning union lies in their subtree; a superuser sees everything.
Querysets built from `RestrictQuerySet` know which lookup leads to that path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.contrib.auth import get_user_model
from django.db import models

if TYPE_CHECKING:
    from core.models import User

ALL = ""  # the path prefix every union path starts with: no restriction

# Core is the bottom layer and imports no app above it. It finds a user's union through the
# user model's reverse relations instead: the officer profile is a one-to-one to the user
# named "officer" (unions.Officer.user, related_name="officer") with a `union` that carries
# the materialised `path`. Renaming either side means changing this lookup.
OFFICER_PATH_LOOKUP = "officer__union__path"


def officer_path(user: User | None) -> str | None:
    """The union path prefix a user manages: ALL for a superuser, None for no union at all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ALL
    cached = getattr(user, "_gj_officer_path", False)
    if cached is not False:
        return cached
    users = get_user_model().objects.filter(pk=user.pk)
    path = users.values_list(OFFICER_PATH_LOOKUP, flat=True).first()
    user._gj_officer_path = path
    return path


def is_officer(user: User | None) -> bool:
    return officer_path(user) is not None


def manages_union(user: User | None, union) -> bool:
    """Whether the user may manage this union (it lies in their subtree)."""
    prefix = officer_path(user)
    return prefix is not None and union is not None and union.path.startswith(prefix)


class RestrictQuerySet(models.QuerySet):
    """A queryset that can cut itself down to what a user may see as an officer.

    `scope_path` names the lookup from the model to its owning union's path. Models whose
    rows a non-officer may also see (a worker's own record) override `restrict`.
    """

    scope_path: str = "union__path"

    def restrict(self, user: User | None) -> Self:
        prefix = officer_path(user)
        if prefix is None:
            return self.none()
        if prefix == ALL:
            return self
        return self.filter(**{f"{self.scope_path}__startswith": prefix})
