"""Likes: a signed-in member likes a public post once, and may take the like back.

Once is the database's rule: the unique (post, user) constraint, with the insert written as
INSERT … ON CONFLICT DO NOTHING, so two clicks at once leave one like and neither errs. The
post's `like_count` and `hot_score` change in the same transaction as the like row, by an
UPDATE that adds to the stored values (like_count = like_count + 1): the count is exact after
any crash or restart, with no counter anywhere else to reconcile. Many members liking one
post at once queue on that post's row for the few microseconds of the update.

Members are limited to LIKES_PER_MINUTE likes and unlikes (a counter in the cache, failing
open like core.throttling's limits; off when GJ_RATE_LIMITS is off).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Log
from django.utils import timezone
from django.utils.translation import gettext as _

from core import throttling
from core.models import User
from scoring import hot
from showcase.access import is_public
from showcase.models import Like, Post

WINDOW = 60  # seconds


def likes_per_minute() -> int:
    return int(getattr(settings, "GJ_SHOWCASE_LIKES_PER_MINUTE", 60))


class TooManyLikesError(Exception):
    """The member liked (or unliked) too often: try again in `wait` seconds."""

    def __init__(self, wait: int):
        super().__init__(wait)
        self.wait = wait


@dataclass(frozen=True)
class LikeState:
    liked: bool
    count: int
    changed: bool


def _throttle(user: User) -> None:
    if not throttling.enabled():
        return
    window = int(time.time() // WINDOW)
    key = f"showcase:likes:{user.pk}:{window}"
    try:
        cache.add(key, 0, timeout=WINDOW * 2)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        count = 1
    if count > likes_per_minute():
        raise TooManyLikesError(wait=WINDOW - int(time.time()) % WINDOW or 1)


def _member(actor: User | None) -> User:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("Sign in to like posts."))
    return actor


def _visible(post_id: int) -> Post:
    post = Post.objects.only("id", "status", "published_at").filter(pk=post_id).first()
    if post is None or not is_public(post):
        raise Post.DoesNotExist
    return post


def _bump(post: Post, delta: int) -> int:
    """Add delta to the post's likes and move its hot score with them; the new count."""
    likes = F("like_count") + delta
    Post.objects.filter(pk=post.pk).update(
        like_count=Greatest(likes, 0),
        hot_score=Log(10, Greatest(likes, 1)) + Value(hot.time_part(post.published_at)),
    )
    return Post.objects.filter(pk=post.pk).values_list("like_count", flat=True).get()


def _employer_id(user: User) -> int | None:
    worker = getattr(user, "worker", None) if hasattr(user, "worker") else None
    return worker.employer_id if worker is not None else None


def like(*, actor: User | None, post_id: int) -> LikeState:
    """Like the post (once: a second like changes nothing). Post.DoesNotExist when the post
    is not public; TooManyLikesError over the rate."""
    actor = _member(actor)
    post = _visible(post_id)
    _throttle(actor)
    employer_id = _employer_id(actor)
    table = Like._meta.db_table
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {table} (post_id, user_id, employer_id, created_at)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (post_id, user_id) DO NOTHING"
                " RETURNING id",
                [post.pk, actor.pk, employer_id, timezone.now()],
            )
            inserted = cur.fetchone() is not None
        if inserted:
            return LikeState(liked=True, count=_bump(post, 1), changed=True)
    count = Post.objects.filter(pk=post.pk).values_list("like_count", flat=True).get()
    return LikeState(liked=True, count=count, changed=False)


def unlike(*, actor: User | None, post_id: int) -> LikeState:
    """Take the member's like back (nothing happens when there is none)."""
    actor = _member(actor)
    post = _visible(post_id)
    _throttle(actor)
    with transaction.atomic():
        deleted, _rows = Like.objects.filter(post_id=post.pk, user_id=actor.pk).delete()
        if deleted:
            return LikeState(liked=False, count=_bump(post, -1), changed=True)
    count = Post.objects.filter(pk=post.pk).values_list("like_count", flat=True).get()
    return LikeState(liked=False, count=count, changed=False)


def recount(*, post_id: int) -> int:
    """Set the post's like count (and hot score) from its like rows: a repair tool for an
    operator (the counts are kept exact by like/unlike; this proves or restores them)."""
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post_id)
        count = Like.objects.filter(post_id=post_id).count()
        post.like_count = count
        if post.published_at:
            post.hot_score = hot.score(count, post.published_at)
        post.save(update_fields=["like_count", "hot_score"])
    return count
