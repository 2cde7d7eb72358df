"""The showcase's "hot" order: a Reddit-style score that does not depend on "now".

    score = log10(max(likes, 1)) + published_epoch_seconds / 45000

Ten times the likes count as much as 45,000 seconds (12.5 hours) of freshness, so a new post
with a few likes passes an old one with many, and nothing has to be recomputed as time goes
by: the stored score changes only when the likes change, and the feed is one indexed read in
score order. Two parts, so that a database update can add the likes part to a stored time
part in the same statement (showcase.services.likes) and still equal `score`.

Pure Python (no Django): the import contract keeps the scoring package framework-free.
"""

from __future__ import annotations

import datetime as dt
import math

SECONDS_PER_DECADE = 45_000  # the freshness worth ten times the likes
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def time_part(published: dt.datetime) -> float:
    """The freshness part: seconds since 1970 (UTC) over SECONDS_PER_DECADE."""
    if published.tzinfo is None:
        raise ValueError("published must be timezone-aware")
    return (published - EPOCH).total_seconds() / SECONDS_PER_DECADE


def like_part(likes: int) -> float:
    """The likes part: log10 of the likes, none and one both counting 0."""
    if likes < 0:
        raise ValueError("likes cannot be negative")
    return math.log10(max(likes, 1))


def score(likes: int, published: dt.datetime) -> float:
    """The hot score of a post with `likes` likes published at `published`."""
    return like_part(likes) + time_part(published)
