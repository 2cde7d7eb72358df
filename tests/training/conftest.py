"""Online tests keep each attempt's answer sheet in the cache (training.selectors.sheets):
start every test with an empty cache, as SQLite hands out the ids of rolled-back rows again."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
