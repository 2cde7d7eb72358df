"""Console tests: page clients for the permission-matrix roles (tests/conftest.py).

`page_client(user)` is a Django test client signed in as that user; the unions are
A → B (below A) and C unrelated, so officer_a manages A's and B's contests, officer_c neither.
"""

import pytest
from django.test import Client


@pytest.fixture
def page_client():
    def make(user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
