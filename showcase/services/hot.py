"""The hot order's score, brought up to date with the likes (scoring.hot: log10 of the likes
plus the publication time's part, `hot_base`, stored on publication).

A like moves only the post's `like_count`; the score follows here, for every post whose
likes moved, at most REFRESH_SECONDS later. Why not with each like: `hot_score` is indexed
(the hot feed's order), so a like that rewrote it was an update PostgreSQL cannot do in
place: a new entry in each of the post's twelve indexes per like, and a viral post's
storm of likes bloated all of them. A like that moves only the count is updated in place
(HOT, with the room `showcase_post`'s fill factor leaves). The hot feed's first page is
cached for seconds anyway (showcase.selectors.feed_cache).

Run by celery beat (`showcase.refresh_hot_scores`, every REFRESH_SECONDS) and, so that the
embedded default (no beat) and a site without beat keep the order too, by the feed itself
before it reads a hot page, at most once per REFRESH_SECONDS for all processes (a lock in
the cache).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection

from core.cache import LocalCache
from showcase.models import Post, PostStatus

REFRESH_SECONDS = 30
_LOCK = "showcase:hot:refreshed"
# The score in SQL: the same sum as scoring.hot.score (LOG(10, x) exists on PostgreSQL and
# SQLite). Rows whose stored score is already this (to rounding) are left alone.
SCORE_SQL = "LOG(10, CASE WHEN like_count > 1 THEN like_count ELSE 1 END) + hot_base"


def refresh_scores() -> int:
    """Set the hot score of every published post whose likes moved it; how many changed."""
    table = Post._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {table} SET hot_score = {SCORE_SQL}"
            f" WHERE status = %s AND ABS(hot_score - ({SCORE_SQL})) > 1e-9",
            [PostStatus.PUBLISHED],
        )
        return cur.rowcount


# This process asks for the shared lock at most once per REFRESH_SECONDS (a round trip
# saved on every hot page): the lock's holder refreshes, and whichever process asks first
# after it expires takes it next, so the scores still follow within about REFRESH_SECONDS.
_asked = LocalCache(seconds=REFRESH_SECONDS, limit=1)


def refresh_if_due() -> int | None:
    """`refresh_scores` unless it ran (anywhere) in the last REFRESH_SECONDS; None then."""
    if _asked.get("lock"):
        return None
    _asked.set("lock", True)
    if not cache.add(_LOCK, 1, timeout=REFRESH_SECONDS):
        return None
    return refresh_scores()
