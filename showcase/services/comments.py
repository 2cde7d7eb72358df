"""Writes of a member: comment on a post, report a comment.

A comment is written for review (先审后发): PENDING, or HELD with the sensitive words it
contains (showcase.wordfilter, the lists of the post's union and the unions above it). It
appears only once an officer approves it (showcase.services.moderation).

A report carries its reporter's weight, from the outcomes of their earlier reports:

    weight = (upheld + 1) / (upheld + dismissed + 2)

(Laplace's rule of succession: ½ for a newcomer, towards 1 for a reporter whose reports
officers uphold, towards 0 for one whose reports they dismiss). The open reports' weights
add up on the comment; at `HIDE_THRESHOLD` an approved comment is hidden until an officer
decides (three newcomers, or two reporters with a good record). The hiding is logged with
no actor (the reports did it) and takes the comment out of `Post.comment_count`.

`Post.comment_count` moves only here and in the moderation service, under the lock of the
comment rows whose status changes, so it stays the number of approved comments.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import check
from core.models import User
from core.validators import validate_multiline_text
from showcase import wordfilter
from showcase.access_comments import may_comment, may_report
from showcase.models import (
    Comment,
    CommentReport,
    CommentStatus,
    ModerationAction,
    ModerationLog,
    Post,
    ReportOutcome,
    ReportReason,
)
from showcase.models.comments import BODY_MAX

HIDE_THRESHOLD = 1.5


def clean_body(body: str) -> str:
    """The comment's text as stored: trimmed plain text of 1 to BODY_MAX characters."""
    text = (body or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"body": _("Write a comment first.")})
    if len(text) > BODY_MAX:
        raise ValidationError(
            {"body": _("A comment has at most %(max)d characters.") % {"max": BODY_MAX}}
        )
    try:
        validate_multiline_text(text)
    except ValidationError as exc:
        raise ValidationError({"body": exc.messages}) from None
    return text


def post_comment(*, author: User, post: Post, body: str) -> Comment:
    """A new comment, PENDING or HELD by the word filter; never visible before review."""
    check(may_comment, author, post)
    text = clean_body(body)
    matches = wordfilter.find(text, post.union.path)
    return Comment.objects.create(
        post=post,
        author=author,
        body=text,
        status=CommentStatus.HELD if matches else CommentStatus.PENDING,
        matches=[m.as_list() for m in matches],
    )


def reporter_weight(user: User) -> float:
    """(upheld + 1) / (upheld + dismissed + 2) over the user's decided reports."""
    counts = CommentReport.objects.filter(reporter=user).aggregate(
        upheld=Count("id", filter=Q(outcome=ReportOutcome.UPHELD)),
        dismissed=Count("id", filter=Q(outcome=ReportOutcome.DISMISSED)),
    )
    return (counts["upheld"] + 1) / (counts["upheld"] + counts["dismissed"] + 2)


def adjust_comment_counts(deltas: dict[int, int]) -> None:
    """Add each post's change in approved comments (post id → delta), in id order."""
    for post_id in sorted(deltas):
        if deltas[post_id]:
            Post.objects.filter(pk=post_id).update(
                comment_count=F("comment_count") + deltas[post_id]
            )


@transaction.atomic
def report_comment(*, reporter: User, comment: Comment, reason: str = "") -> CommentReport:
    """Record the member's report (once per comment); hide the comment when the open
    reports' weight reaches HIDE_THRESHOLD."""
    if reason and reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    locked = Comment.objects.select_for_update().select_related("post").get(pk=comment.pk)
    check(may_report, reporter, locked)
    if CommentReport.objects.filter(comment=locked, reporter=reporter).exists():
        raise ValidationError(_("You have already reported this comment."))
    weight = reporter_weight(reporter)
    report = CommentReport.objects.create(
        comment=locked, reporter=reporter, reason=reason or ReportReason.OTHER, weight=weight
    )
    locked.report_weight += weight
    locked.open_reports += 1
    fields = ["report_weight", "open_reports"]
    if locked.report_weight >= HIDE_THRESHOLD - 1e-9:
        locked.status = CommentStatus.HIDDEN
        locked.hidden_by_reports = True
        fields += ["status", "hidden_by_reports"]
        adjust_comment_counts({locked.post_id: -1})
        ModerationLog.objects.create(
            actor=None,
            action=ModerationAction.AUTO_HIDE,
            comment=locked,
            union_id=locked.post.union_id,
            old=CommentStatus.APPROVED,
            new=CommentStatus.HIDDEN,
            reason=_("Report weight %(weight).2f reached %(threshold).2f.")
            % {"weight": locked.report_weight, "threshold": HIDE_THRESHOLD},
        )
    locked.save(update_fields=fields)
    comment.status, comment.report_weight = locked.status, locked.report_weight
    return report


def decide_reports(comment: Comment, outcome: str) -> int:
    """Close the comment's open reports with `outcome` (upheld or dismissed); the caller
    holds the comment's lock and saves the comment."""
    closed = comment.reports.filter(outcome=ReportOutcome.OPEN).update(
        outcome=outcome, decided_at=timezone.now()
    )
    comment.report_weight = 0.0
    comment.open_reports = 0
    return closed
