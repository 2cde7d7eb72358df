"""Reads of comments: a post's approved comments (the only ones any public page or API
answer shows), the moderation queue, the word lists and the moderation log an officer sees,
and the count of approved comments for the statistics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from core.models import User
from core.validators import mask_name
from showcase.models import (
    Comment,
    CommentReport,
    CommentStatus,
    ModerationLog,
    Post,
    SensitiveWord,
)
from unions.models import Union

QUEUES = ("held", "pending", "reported", "hidden", "all")


def approved_comments(post: Post) -> QuerySet[Comment]:
    """The post's approved comments, newest first."""
    return (
        Comment.objects.visible()
        .filter(post=post)
        .select_related("author__worker")
        .order_by("-created_at", "-id")
    )


def author_name(user: User) -> str:
    """How a comment's author is shown in public: a worker's name or the account's full
    name, masked (王*, 李*兵); the account name masked when there is neither."""
    worker = getattr(user, "worker", None)
    name = (worker.name if worker is not None else "") or user.get_full_name() or user.username
    return mask_name(name)


def reported_by(user: User | None, comment_ids: list[int]) -> set[int]:
    """Which of the comments the user has reported (their report buttons say so)."""
    if user is None or not user.is_authenticated or not comment_ids:
        return set()
    reports = CommentReport.objects.filter(reporter=user, comment_id__in=comment_ids)
    return set(reports.values_list("comment_id", flat=True))


def recount(post: Post) -> int:
    """The approved comments counted (what `Post.comment_count` must equal)."""
    return Comment.objects.visible().filter(post=post).count()


def approved_count(
    union: Union, *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> int:
    """Approved comments on posts of `union` and the unions below it, written in
    [since, until)."""
    comments = Comment.objects.visible().filter(post__union__path__startswith=union.path)
    if since is not None:
        comments = comments.filter(created_at__gte=since)
    if until is not None:
        comments = comments.filter(created_at__lt=until)
    return comments.count()


def queue(user: User, kind: str = "held", *, search: str = "") -> QuerySet[Comment]:
    """The comments of the officer's subtree waiting in one queue: held by the word
    filter, pending review, reported (open reports, hidden by them or not), hidden, or all."""
    comments = (
        Comment.objects.restrict(user)
        .select_related("post__union", "author__worker", "reviewed_by")
        .order_by("created_at", "id")
    )
    if kind == "held":
        comments = comments.filter(status=CommentStatus.HELD)
    elif kind == "pending":
        comments = comments.filter(status=CommentStatus.PENDING)
    elif kind == "reported":
        comments = comments.filter(open_reports__gt=0).order_by("-report_weight", "id")
    elif kind == "hidden":
        comments = comments.filter(status=CommentStatus.HIDDEN)
    else:
        comments = comments.order_by("-created_at", "-id")
    if search:
        comments = comments.filter(Q(body__icontains=search) | Q(post__title__icontains=search))
    return comments


def queue_counts(user: User) -> dict[str, int]:
    """How many comments wait in each queue (one query)."""
    return Comment.objects.restrict(user).aggregate(
        held=Count("id", filter=Q(status=CommentStatus.HELD)),
        pending=Count("id", filter=Q(status=CommentStatus.PENDING)),
        reported=Count("id", filter=Q(open_reports__gt=0)),
        hidden=Count("id", filter=Q(status=CommentStatus.HIDDEN)),
    )


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


def highlighted(body: str, matches: list) -> list[Segment]:
    """The body cut into plain and marked pieces: the matched spans, overlapping ones
    merged, out-of-range ones ignored. The template escapes every piece."""
    spans = sorted(
        (max(0, int(m[0])), min(len(body), int(m[1])))
        for m in matches or ()
        if isinstance(m, list | tuple) and len(m) >= 2
    )
    merged: list[list[int]] = []
    for start, end in spans:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, at = [], 0
    for start, end in merged:
        if start > at:
            pieces.append(Segment(body[at:start], False))
        pieces.append(Segment(body[start:end], True))
        at = end
    if at < len(body):
        pieces.append(Segment(body[at:], False))
    return pieces


def officer_words(user: User, *, search: str = "") -> QuerySet[SensitiveWord]:
    words = SensitiveWord.objects.restrict(user).select_related("union", "created_by")
    if search:
        words = words.filter(Q(word__icontains=search) | Q(normalised__icontains=search))
    return words


def moderation_log(user: User) -> QuerySet[ModerationLog]:
    return ModerationLog.objects.restrict(user).select_related("actor", "comment", "union")
