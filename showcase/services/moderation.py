"""Officers' decisions on comments, one at a time or in bulk, all audited.

| action  | status after                                   | open reports |
|---------|------------------------------------------------|--------------|
| approve | approved                                       | dismissed    |
| reject  | rejected                                       | upheld       |
| hide    | hidden                                         | upheld       |
| dismiss | approved again if the reports had hidden it     | dismissed    |

A decision that changes nothing (approving an approved comment nobody reported) is skipped
and not logged. The comments are locked in id order, every one is checked against the
officer's subtree before anything is written (one refused comment refuses the batch), and
each post's `comment_count` moves by its change in approved comments, in the same
transaction. Each change is a `ModerationLog` row: who, what, old and new status, reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import User
from showcase.access_comments import moderates_comment
from showcase.models import (
    Comment,
    CommentStatus,
    ModerationAction,
    ModerationLog,
    ReportOutcome,
)
from showcase.models.comments import REASON_MAX
from showcase.services.comments import adjust_comment_counts, decide_reports

BATCH_MAX = 200
ACTIONS = (
    ModerationAction.APPROVE,
    ModerationAction.REJECT,
    ModerationAction.HIDE,
    ModerationAction.DISMISS,
)


@dataclass(frozen=True)
class Decision:
    status: str | None  # None: keep the status (dismiss only)
    reports: str


DECISIONS = {
    ModerationAction.APPROVE: Decision(CommentStatus.APPROVED, ReportOutcome.DISMISSED),
    ModerationAction.REJECT: Decision(CommentStatus.REJECTED, ReportOutcome.UPHELD),
    ModerationAction.HIDE: Decision(CommentStatus.HIDDEN, ReportOutcome.UPHELD),
    ModerationAction.DISMISS: Decision(None, ReportOutcome.DISMISSED),
}


def _new_status(comment: Comment, action: str) -> str:
    decision = DECISIONS[action]
    if decision.status is not None:
        return decision.status
    if comment.status == CommentStatus.HIDDEN and comment.hidden_by_reports:
        return CommentStatus.APPROVED
    return comment.status


def _clean(action: str, ids: Iterable, reason: str) -> tuple[list[int], str]:
    if action not in ACTIONS:
        raise ValidationError({"action": _("Choose an action from the list.")})
    try:
        wanted = sorted({int(i) for i in ids})
    except (TypeError, ValueError):
        raise ValidationError({"comments": _("Choose comments from the list.")}) from None
    if not wanted:
        raise ValidationError({"comments": _("Choose at least one comment.")})
    if len(wanted) > BATCH_MAX:
        raise ValidationError(
            {"comments": _("At most %(max)d comments at once.") % {"max": BATCH_MAX}}
        )
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("A reason has at most %(max)d characters.") % {"max": REASON_MAX}}
        )
    return wanted, reason


@transaction.atomic
def moderate(*, actor: User, comment_ids: Iterable, action: str, reason: str = "") -> int:
    """Apply `action` to the comments; the number of comments it changed."""
    wanted, reason = _clean(action, comment_ids, reason)
    comments = list(
        Comment.objects.select_for_update(of=("self",))
        .select_related("post__union")
        .filter(pk__in=wanted)
        .order_by("pk")
    )
    if len(comments) != len(wanted):
        raise ValidationError({"comments": _("Some of the chosen comments no longer exist.")})
    for comment in comments:
        if not moderates_comment(actor, comment):
            raise PermissionDenied(moderates_comment.denial)
    now = timezone.now()
    deltas: dict[int, int] = {}
    logs = []
    for comment in comments:
        old, new = comment.status, _new_status(comment, action)
        if old == new and not comment.open_reports:
            continue
        decide_reports(comment, DECISIONS[action].reports)
        comment.status = new
        comment.hidden_by_reports = False
        comment.reviewed_by, comment.reviewed_at = actor, now
        comment.save(
            update_fields=[
                "status",
                "hidden_by_reports",
                "report_weight",
                "open_reports",
                "reviewed_by",
                "reviewed_at",
            ]
        )
        change = (new == CommentStatus.APPROVED) - (old == CommentStatus.APPROVED)
        deltas[comment.post_id] = deltas.get(comment.post_id, 0) + change
        logs.append(
            ModerationLog(
                actor=actor,
                action=action,
                comment=comment,
                union_id=comment.post.union_id,
                old=old,
                new=new,
                reason=reason,
            )
        )
    adjust_comment_counts(deltas)
    ModerationLog.objects.bulk_create(logs)
    return len(logs)
