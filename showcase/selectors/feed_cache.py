"""The anonymous first page of a feed, cached in Redis (core.cache: fail-open).

Each entry carries the feed version it was made under; publishing or withdrawing a post bumps
the version (`invalidate`), so a new post shows at once. Reading an entry and the current
version is one round trip (get_many). Likes do not bump it: the cached page's counts and hot
order are at most TTL seconds old (a liker sees their own count at once in the like's answer),
which keeps a post liked by thousands from emptying the cache thousands of times a minute. A
scheduled post appears within TTL seconds of its time.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from core.cache import moved

TTL = 10  # seconds
VERSION_KEY = "showcase:feed:version"


def key(*parts: object) -> str:
    return "showcase:feed:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def get(cache_key: str) -> tuple[object | None, int]:
    """(the cached body or None when none was made under the current version, that version):
    the version goes back to `put`, so a page rendered while a post was published is stored
    under the version before, and not served."""
    found = cache.get_many([VERSION_KEY, cache_key])
    version = found.get(VERSION_KEY, 0)
    entry = found.get(cache_key)
    if entry is None or entry[0] != version:
        return None, version
    return entry[1], version


def put(cache_key: str, version: int, value) -> None:
    cache.set(cache_key, (version, value), timeout=TTL)


def invalidate() -> None:
    """Make every cached feed page stale (a new version; old entries expire by themselves)."""
    moved()
    cache.add(VERSION_KEY, 0, timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
