"""core.cache.LocalCache: a process's own small cache in front of Redis."""

from core import cache as core_cache
from core.cache import LocalCache


def test_a_value_is_kept_for_its_seconds(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(core_cache.time, "monotonic", lambda: now[0])
    local = LocalCache(seconds=10, limit=8)
    local.set("a", 1)
    now[0] = 109.9
    assert local.get("a") == 1
    now[0] = 110.1
    assert local.get("a") is None


def test_moving_the_invalidation_count_drops_every_value():
    local = LocalCache(seconds=60, limit=8)
    local.set_many({"a": 1, "b": 2})
    core_cache.moved()
    assert local.get_many(["a", "b"]) == {}


def test_a_full_cache_starts_again_rather_than_grow():
    local = LocalCache(seconds=60, limit=2)
    local.set_many({"a": 1, "b": 2})
    local.set("c", 3)
    assert local.get_many(["a", "b", "c"]) == {"c": 3}
