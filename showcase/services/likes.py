"""Likes: a signed-in member likes a public post once, and may take the like back.

Once is the database's rule: the unique (post, user) constraint, with the insert written as
INSERT … ON CONFLICT DO NOTHING, so two clicks at once leave one like and neither errs. The
insert itself checks that the post is public and records the liker's unit. The post's
`like_count` changes with the like row, atomically, by an UPDATE that adds to the stored
value (like_count = like_count + 1, RETURNING the new count): the count is exact after any
crash or restart, with no counter anywhere else to reconcile. The hot score follows the
count within seconds (showcase.services.hot). On PostgreSQL the row change and the update are one statement, so
many members liking one post queue on its row only for the moment that statement runs
(measured by bench/bench_showcase.py, `showcase_like_hot_post_*`).

Members are limited to `GJ_SHOWCASE_LIKES_PER_MINUTE` likes and unlikes (default 60; a
counter in the cache, failing open like core.throttling's limits; off when GJ_RATE_LIMITS is
off)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import throttling
from core.api.authentication import Credential, credential_condition, credential_params
from core.models import User
from core.prepared import async_commit, execute
from scoring import hot
from showcase.access import is_public
from showcase.models import Like, Post, PostStatus

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

    def data(self) -> dict:
        """The API's answer (showcase.api.posts.LikeView and core.hotpath)."""
        return {"liked": self.liked, "likes": self.count, "changed": self.changed}


def _throttle(user_id: int) -> None:
    if not throttling.enabled():
        return
    window = int(time.time() // WINDOW)
    key = f"showcase:likes:{user_id}:{window}"
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


def _state(post_id: int, *, liked: bool) -> LikeState:
    """The answer when nothing changed: the post must be public, the count is read."""
    post = Post.objects.only("id", "status", "published_at", "like_count").filter(pk=post_id)
    post = post.first()
    if post is None or not is_public(post):
        raise Post.DoesNotExist
    return LikeState(liked=liked, count=post.like_count, changed=False)


# The like row, only for a public post, with the liker's unit, in one statement.
INSERT_SQL = (
    "INSERT INTO showcase_like (post_id, user_id, employer_id, created_at)"
    " SELECT p.id, %s,"
    " (SELECT w.employer_id FROM workers_worker w WHERE w.user_id = %s), %s"
    " FROM showcase_post p WHERE p.id = %s AND p.status = %s AND p.published_at <= %s{check}"
    " ON CONFLICT (post_id, user_id) DO NOTHING RETURNING post_id"
)
DELETE_SQL = (
    "DELETE FROM showcase_like WHERE post_id = %s AND user_id = %s{check} RETURNING post_id"
)
# like_count moves by delta, and only it: the hot score follows within seconds
# (showcase.services.hot), so this update is done in place (HOT, no index entry).
BUMP_SQL = (
    "UPDATE showcase_post SET like_count = like_count + %s WHERE id = {post} RETURNING like_count"
)


def _change(row_sql: str, params: list, delta: int, *, prepare: bool = False) -> int | None:
    """Insert or delete the like row (`row_sql` returns its post_id) and move the post's count
    by `delta`; the new count, or None when no row changed. On PostgreSQL one
    statement (a data-modifying WITH): one round trip, the post's row locked only while it
    runs; `prepare`: a prepared statement (core.prepared, the hot path). Elsewhere a
    transaction of two statements.

    With GJ_ASYNC_COMMIT_LIKES (the default) the statement commits asynchronously
    (core.prepared.async_commit): the answer does not wait for the WAL to reach the disk,
    which was about half of a like's time. Were PostgreSQL itself to crash, the likes of its
    last fraction of a second could be lost although acknowledged; never a like without its
    count or a count without its like (one transaction), so the counts stay exact."""
    counts = [delta]
    if connection.vendor == "postgresql":
        lazy = async_commit(settings.GJ_ASYNC_COMMIT_LIKES)
        sql = f"WITH changed AS ({row_sql}) " + BUMP_SQL.format(
            post="(SELECT post_id FROM changed)"
        )
        _rows, row = execute(sql + (f", {lazy}" if lazy else ""), params + counts, prepare=prepare)
        return None if row is None else row[0]
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(row_sql, params)
        row = cur.fetchone()
        if row is None:
            return None
        cur.execute(BUMP_SQL.format(post="%s"), [*counts, row[0]])
        return cur.fetchone()[0]


def like(*, actor: User | None, post_id: int) -> LikeState:
    """Like the post (once: a second like changes nothing). Post.DoesNotExist when the post
    is not public; TooManyLikesError over the rate."""
    actor = _member(actor)
    _throttle(actor.pk)
    now = timezone.now()
    params = [actor.pk, actor.pk, now, post_id, PostStatus.PUBLISHED, now]
    count = _change(INSERT_SQL.format(check=""), params, 1)
    if count is None:
        return _state(post_id, liked=True)
    return LikeState(liked=True, count=count, changed=True)


def unlike(*, actor: User | None, post_id: int) -> LikeState:
    """Take the member's like back (nothing happens when there is none)."""
    actor = _member(actor)
    _throttle(actor.pk)
    count = _change(DELETE_SQL.format(check=""), [post_id, actor.pk], -1)
    if count is None:
        return _state(post_id, liked=False)
    return LikeState(liked=False, count=count, changed=True)


def change_if_allowed(
    *, user_id: int, credential: Credential, post_id: int, liked: bool
) -> LikeState | None:
    """Like (liked=True) or unlike on the hot path (core.hotpath, showcase.hotpath): written
    only while the caller's remembered credential holds, checked in the same statement.
    None when nothing changed, for any reason (already liked, no like to take back, not a
    public post, a stale credential, over the rate): `like` or `unlike` then answers the
    full way, and as both are idempotent the answer is the one they would have given."""
    try:
        _throttle(user_id)
    except TooManyLikesError:
        return None
    now = timezone.now()
    check = f" AND {credential_condition()}"
    checked = credential_params(credential, user_id, now)
    if liked:
        params = [user_id, user_id, now, post_id, PostStatus.PUBLISHED.value, now, *checked]
        sql = INSERT_SQL.format(check=check)
        count = _change(sql, params, 1, prepare=True)
    else:
        count = _change(
            DELETE_SQL.format(check=check),
            [post_id, user_id, *checked],
            -1,
            prepare=True,
        )
    return None if count is None else LikeState(liked=liked, count=count, changed=True)


def recount(*, post_id: int) -> int:
    """Set the post's like count (and hot score) from its like rows: a repair tool for an
    operator (the counts are kept exact by like/unlike; this proves or restores them)."""
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post_id)
        count = Like.objects.filter(post_id=post_id).count()
        post.like_count = count
        post.hot_score = hot.like_part(count) + post.hot_base
        post.save(update_fields=["like_count", "hot_score"])
    return count
