"""Online tests keep each attempt's answer sheet in the cache (training.selectors.sheets):
start every test with an empty cache, as SQLite hands out the ids of rolled-back rows again."""

import pytest

from tests.conftest import clear_cache


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_cache()
