"""Redis caching of public pages and the public results API.

Every cached entry's key carries version numbers (one per event, one per contest, one for the
whole site). Publishing new results calls `bump(...)`: the versions move on, so every key
built before is never read again and expires by its TTL. No key scanning, no stale reads.
Keys for data that cannot change (a snapshot's rows, by snapshot id) need no version.

The public API of this module: `bump`, `versions`, `lookup`/`store` (a value kept under the
versions read before it was built: public.fastpath), `data` (a value built once per
language) and `get_page`/`store_page` (whole anonymous pages: public.views). Anonymous pages
carry nothing personal and no CSRF token, so one stored page serves every visitor.
"""

import hashlib
import pickle
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from core.cache import UNAVAILABLE, moved, unavailable

PAGE_TTL = 300  # seconds: bounds staleness of edits no signal announces
DATA_TTL = 3600
SITE = ("s", 0)


def version_key(kind: str, ident: int) -> str:
    return f"public:v:{kind}:{ident}"


_redis = None


def _client():
    """On Redis, one raw client per process; elsewhere (embedded) None: Django's cache.

    Django's RedisCache builds a new client object on every call, about a third of the time
    of a request served from the cache; keys stay Django's (`cache.make_key`), so both agree.
    Like Django's (core.cache), it fails open: with Redis down reads miss and writes are
    dropped, so pages come from the database.
    """
    global _redis
    if not settings.REDIS_URL:
        return None
    if _redis is None:
        import redis

        _redis = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=2
        )
    return _redis


def _get_many(keys: list[str]) -> dict[str, Any]:
    client = _client()
    if client is None:
        return cache.get_many(keys)
    found = {}
    try:
        raws = client.mget([cache.make_key(k) for k in keys])
    except UNAVAILABLE as exc:
        unavailable("mget", exc)
        return found
    for key, raw in zip(keys, raws, strict=True):
        if raw is not None:
            found[key] = int(raw) if raw.isdigit() else pickle.loads(raw)
    return found


def _set(key: str, value: Any, ttl: int) -> None:
    client = _client()
    if client is None:
        cache.set(key, value, ttl)
        return
    try:
        client.set(cache.make_key(key), pickle.dumps(value, pickle.HIGHEST_PROTOCOL), ex=ttl)
    except UNAVAILABLE as exc:
        unavailable("set", exc)


def versions(*scopes: tuple[str, int]) -> str:
    """The current versions of the scopes, e.g. versions(("e", 4), ("c", 2)) → "1.3"."""
    keys = [version_key(k, i) for k, i in scopes]
    found = _get_many(keys)
    return ".".join(str(found.get(k, 0)) for k in keys)


def _incr(key: str) -> None:
    moved()
    client = _client()
    if client is not None:
        try:
            client.incr(cache.make_key(key))  # atomic; a missing key starts at 1
        except UNAVAILABLE as exc:
            unavailable("incr", exc)
        return
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr: start again above zero
        cache.set(key, 1, timeout=None)


def bump(event_id: int | None = None, contest_id: int | None = None) -> None:
    """Invalidate what shows an event's or a contest's results (and the site's counts).

    Called by results publishing (after commit) and by the objection answers here.
    """
    if event_id is not None:
        _incr(version_key("e", event_id))
        if contest_id is None:
            from contests.models import Event

            contest_id = (
                Event.objects.filter(pk=event_id).values_list("contest_id", flat=True).first()
            )
    if contest_id is not None:
        _incr(version_key("c", contest_id))
    _incr(version_key(*SITE))


def bump_contests(*, contest_id: int | None = None, series_id: int | None = None) -> None:
    """Invalidate every page that shows a contest (or every contest of a series): the
    contest's pages, each of its events' leaderboards, and the site's lists."""
    from contests.models import Contest, Event

    if series_id is not None:
        contest_ids = list(Contest.objects.filter(series_id=series_id).values_list("pk", flat=True))
    else:
        contest_ids = [contest_id] if contest_id is not None else []
    for event_id in Event.objects.filter(contest_id__in=contest_ids).values_list("pk", flat=True):
        _incr(version_key("e", event_id))
    for pk in contest_ids:
        _incr(version_key("c", pk))
    _incr(version_key(*SITE))


def lookup(key: str, scopes) -> tuple[str, Any]:
    """(current versions, cached value or None) in ONE cache round trip.

    The value is stored as (versions, payload) under a key without the versions, so the
    version check and the read travel together; a stale payload is simply ignored.
    """
    return lookup_under(key, [version_key(k, i) for k, i in scopes])


def lookup_under(key: str, vkeys: list[str]) -> tuple[str, Any]:
    """`lookup` under version keys named in full: another app's version counter (a plain
    integer in Django's cache, e.g. showcase.selectors.feed_cache.VERSION_KEY)."""
    found = _get_many([*vkeys, key])
    current = ".".join(str(found.get(k, 0)) for k in vkeys)
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return current, stored[1]
    return current, None


def store(key: str, current: str, value: Any, ttl: int = PAGE_TTL) -> None:
    """Keep a value under the versions `lookup` returned BEFORE it was built: a bump in
    between makes it stale at once, never a new value under old versions."""
    _set(key, (current, value), ttl)


def data(
    key: str, build: Callable[[], Any], *scopes: tuple[str, int], ttl: int | None = None
) -> Any:
    """A value from the cache under the scopes' current versions, built once on a miss.

    Versioned values live PAGE_TTL (a missed bump costs minutes, not an hour); values with
    no scope are keyed by something immutable (a snapshot id) and live DATA_TTL. Values are
    kept per language: a build may translate labels, and the API answers in the caller's.
    """
    ttl = ttl or (PAGE_TTL if scopes else DATA_TTL)
    full = f"public:d:{get_language()}:{key}"
    current, value = lookup(full, scopes)
    if value is None:
        value = build()
        store(full, current, value, ttl)
    return value


def page_key(request) -> str:
    digest = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"public:p:{get_language()}:{digest}"


def get_page(request, scopes) -> tuple[tuple[str, str], bytes | None]:
    """(key and versions, the cached anonymous HTML or None)."""
    key = page_key(request)
    current, body = lookup(key, scopes)
    return (key, current), body


def store_page(key: tuple[str, str], body: bytes) -> None:
    store(key[0], key[1], body)
