"""Django's Redis cache, failing open: with Redis down the site goes on without its cache.

Nothing the cache holds is the only copy of anything (pages, leaderboards, debounce keys,
throttle counts are all rebuilt or recounted), so a Redis outage must cost speed, never a
request. Each operation that meets a connection error or a timeout logs it (at most once a
minute per process) and answers as a cache that holds nothing would:

- reads miss (`get` gives the default, `get_many` nothing, `has_key` False);
- writes are dropped (`set`, `set_many`, `delete`, `delete_many`, `touch`, `clear`);
- `add` answers True: the caller goes ahead as if it were first, so a debounce
  (results.scheduling) or a lock held in the cache lets work through instead of losing it;
- `incr` answers `delta`: a counter (a throttle's) starts afresh.

Django's client builds a new `redis.Redis` object on every call (over a shared connection
pool); that object costs more CPU than the round trip on loopback, so here each pool gets one
client, made once per process (per thread's cache object, as Django keeps them) and reused.

The connection and socket timeouts are short (settings: CACHES OPTIONS), so a Redis that
hangs costs a request a second, not a worker for good.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_LOG_EVERY = 60.0
_last_logged = 0.0


def unavailable(operation: str, exc: BaseException) -> None:
    """Log that Redis is unreachable, at most once a minute per process."""
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= _LOG_EVERY:
        _last_logged = now
        log.warning("Redis cache unavailable (%s), going on without it: %r", operation, exc)


def _fail_open(name: str, answer):
    method = getattr(RedisCacheClient, name)

    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as exc:
            unavailable(name, exc)
            return answer(*args) if callable(answer) else answer

    wrapped.__name__ = name
    wrapped.__doc__ = method.__doc__
    return wrapped


class FailOpenRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        """One reusable `redis.Redis` per connection pool (Django makes one per call)."""
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _fail_open("add", True)
    get = _fail_open("get", lambda key, default: default)
    set = _fail_open("set", None)
    touch = _fail_open("touch", False)
    delete = _fail_open("delete", False)
    get_many = _fail_open("get_many", lambda keys: {})
    has_key = _fail_open("has_key", False)
    incr = _fail_open("incr", lambda key, delta: delta)
    set_many = _fail_open("set_many", None)
    delete_many = _fail_open("delete_many", None)
    clear = _fail_open("clear", False)


class FailOpenRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` over FailOpenRedisCacheClient."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient


# This process's invalidation count: every version bump of cached public data (results
# published, a post published or withdrawn) moves it, so a copy that a layer keeps in the
# process's own memory (public.fastpath) is dropped in the process that made the change at
# once; other processes drop theirs when it expires (seconds).
_generation = 0


def local_generation() -> int:
    return _generation


def moved() -> None:
    global _generation
    _generation += 1


class LocalCache:
    """A process's own small cache, read before Redis: for values a key fully determines (a
    rendered card whose key names its version) or that may be `seconds` old (reference
    data). Entries last `seconds` and go when this process moves the invalidation count
    (`moved`); when `limit` entries are held, all go (simpler than LRU, and refilled from
    Redis at once)."""

    def __init__(self, *, seconds: float, limit: int) -> None:
        self.seconds = seconds
        self.limit = limit
        self._entries: dict = {}  # key: (until, generation, value)

    def get(self, key, default=None):
        return self.get_many((key,)).get(key, default)

    def get_many(self, keys) -> dict:
        now, found = time.monotonic(), {}
        for key in keys:
            hit = self._entries.get(key)
            if hit is not None and hit[0] > now and hit[1] == _generation:
                found[key] = hit[2]
        return found

    def set(self, key, value) -> None:
        self.set_many({key: value})

    def set_many(self, values: dict) -> None:
        if len(self._entries) + len(values) > self.limit:
            self._entries.clear()
        until = time.monotonic() + self.seconds
        for key, value in values.items():
            self._entries[key] = (until, _generation, value)
