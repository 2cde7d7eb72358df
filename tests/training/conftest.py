"""Online tests keep each attempt's answer sheet in the cache (training.selectors.sheets):
start every test with an empty cache (and no sheet in this process's memory), as SQLite hands
out the ids of rolled-back rows again."""

import pytest

from tests.conftest import clear_cache
from training.selectors import sheets


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_cache()
    sheets.forget_local()
