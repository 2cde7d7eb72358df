"""Who may do what to which object: every object-level access rule, in one module.

Two layers decide access. The first, per view and action, is `core.permissions` (declared
policies such as OFFICER or JUDGE). The second is this module: whether this user may act on
this union, contest or event. Row visibility in lists is the same rule expressed as a
queryset filter (`core.scope.RestrictQuerySet.restrict`), applied by the viewset base.

The rules read objects through their relations only (`contest.host_union`,
`event.judge_assignments`), so this bottom-layer module imports no upper app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.scope import is_officer, manages_union, officer_path

if TYPE_CHECKING:
    from core.models import User

__all__ = [
    "is_chief_judge",
    "is_officer",
    "manages_contest",
    "manages_event",
    "manages_event_or_chief",
    "manages_union",
    "officer_path",
    "require",
]


def manages_contest(user: User | None, contest) -> bool:
    """Officers of the host union (or a union above it) run the contest."""
    return contest is not None and manages_union(user, contest.host_union)


def manages_event(user: User | None, event) -> bool:
    """An event is run by whoever runs its contest."""
    return event is not None and manages_contest(user, event.contest)


def is_chief_judge(user: User | None, event) -> bool:
    """Whether the user judges this event as its chief judge. `event` is an Event or its id."""
    if user is None or not user.is_authenticated or not hasattr(user, "judge"):
        return False
    event_id = getattr(event, "pk", event)
    return user.judge.assignments.filter(event_id=event_id, chief=True).exists()


def manages_event_or_chief(user: User | None, event) -> bool:
    """Penalties, completion times and the judging status: host officers or the chief judge."""
    return manages_event(user, event) or is_chief_judge(user, event)


DEFAULT_DENIAL = _("You do not have permission to perform this action.")


def require(allowed: bool, message=DEFAULT_DENIAL) -> None:
    """Raise PermissionDenied (HTTP 403 through the API and the pages) unless `allowed`.

    Usage: `require(manages_event(actor, event), _("Only officers of the host union may do
    this."))`. Services call it before doing any work, so a refused request costs nothing.
    """
    if not allowed:
        raise PermissionDenied(message)
