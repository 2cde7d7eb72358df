"""Who may write what in judging, on top of `core.access` (which holds the rules).

What is judging's own: a judge acting is found through their login (`judge_of`), and every
write of one judge on one event queues on that judge's assignment row (`lock_assignment`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.access import check, manages_event
from judging.models import Judge, JudgeAssignment

if TYPE_CHECKING:
    from contests.models import Event
    from core.models import User


def require_event_officer(actor: User | None, event: Event) -> None:
    """`manages_event`, refused with its message (the scheme, the panel, unlocking)."""
    check(manages_event, actor, event)


def judge_of(actor: User | None) -> Judge:
    judge = getattr(actor, "judge", None) if actor and actor.is_authenticated else None
    if judge is None:
        raise PermissionDenied(_("Only judges may do this."))
    return judge


def lock_assignment(judge: Judge, event_id: int) -> JudgeAssignment:
    """The judge's assignment, row-locked: every write of this judge on this event queues
    here, so a submit never interleaves with a mark being written."""
    assignment = (
        JudgeAssignment.objects.select_for_update().filter(event_id=event_id, judge=judge).first()
    )
    if assignment is None:
        raise PermissionDenied(_("You are not assigned to judge this event."))
    return assignment
