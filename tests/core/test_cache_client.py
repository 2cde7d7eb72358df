"""core.cache: one Redis client per connection pool, reused, and still failing open."""

import socket

from core.cache import FailOpenRedisCache


def _dead_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"  # closed again: connections are refused


def _cache(url: str) -> FailOpenRedisCache:
    options = {"socket_connect_timeout": 1, "socket_timeout": 1}
    return FailOpenRedisCache(url, {"OPTIONS": options})


def test_the_client_is_made_once_and_reused():
    client = _cache(_dead_url())._cache
    assert client.get_client("a") is client.get_client("b")
    assert client.get_client("a", write=True) is client.get_client("b")


def test_the_reused_client_still_fails_open():
    cache = _cache(_dead_url())
    assert cache.get("k", "default") == "default"
    cache.set("k", 1)
    assert cache.get("k") is None
    assert cache.add("k", 1) is True
    assert cache.incr("n", 3) == 3
