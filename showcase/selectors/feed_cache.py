"""The anonymous first page of a feed, cached in Redis (core.cache: fail-open).

Keys carry a version; publishing or withdrawing a post bumps it (`invalidate`), so a new
post shows at once. Likes do not bump it: the cached page's counts and hot order are at most
TTL seconds old (a liker sees their own count at once in the like's answer), which keeps a
post liked by thousands from emptying the cache thousands of times a minute. A scheduled
post appears within TTL seconds of its time.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

TTL = 10  # seconds
VERSION_KEY = "showcase:feed:version"


def _version() -> int:
    return cache.get(VERSION_KEY) or 0


def key(*parts: object) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    return f"showcase:feed:{_version()}:{digest}"


def get(cache_key: str):
    return cache.get(cache_key)


def put(cache_key: str, value) -> None:
    cache.set(cache_key, value, timeout=TTL)


def invalidate() -> None:
    """Forget every cached feed page (a new version; old keys expire by themselves)."""
    cache.add(VERSION_KEY, 0, timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
