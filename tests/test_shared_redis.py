"""Tests share one Redis database (each test process has its own key prefix) with the Celery
broker: `cache.clear()` there is a FLUSHDB that takes the other processes' keys and the
broker's queues. tests.conftest.clear_cache drops this process's keys only."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_clears_the_whole_cache():
    calls = re.compile(r"\bcache\.clear\(\)")
    found = [
        f"{path.relative_to(TESTS)}:{n}"
        for path in TESTS.rglob("*.py")
        if path.name != "conftest.py" or path.parent != TESTS
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if calls.search(line) and path != Path(__file__)
    ]
    assert found == [], f"use tests.conftest.clear_cache instead: {found}"
