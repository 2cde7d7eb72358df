"""Officers' reads of posts: the review queue and the posts of their subtree, a post's log,
the correspondents of their units."""

from __future__ import annotations

from django.db.models import QuerySet

from showcase.models import Correspondent, Post, PostLog, PostStatus


def officer_posts(user, *, status: str = "", kind: str = "") -> QuerySet:
    """Posts of the officer's subtree, the review queue (submitted, oldest first) first."""
    qs = Post.objects.restrict(user).select_related("employer", "union", "author")
    if status in PostStatus.values:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if status == PostStatus.SUBMITTED:
        return qs.order_by("submitted_at", "id")
    return qs.order_by("-updated_at", "-id")


def post_log(post: Post) -> QuerySet:
    return PostLog.objects.filter(post=post).select_related("actor").order_by("at", "id")


def officer_correspondents(user) -> QuerySet:
    return (
        Correspondent.objects.restrict(user)
        .select_related("user", "employer", "appointed_by", "revoked_by")
        .order_by("revoked_at", "employer__name", "-appointed_at")
    )
