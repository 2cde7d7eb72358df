"""core.prepared: a hot write's statement is prepared once per database session and run by
name; its own transaction may skip waiting for the disk, never a caller's."""

import pytest
from django.db import connection

from core import prepared

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (SQLite runs the plain statement)")


def _run(value: int) -> int:
    with connection.cursor() as cur:
        prepared.execute_prepared(
            cur, name="test_plus_one", sql="SELECT %s::integer + 1", params=[value]
        )
        return cur.fetchone()[0]


def test_a_statement_is_prepared_once_per_session(postgres):
    assert _run(1) == 2
    assert _run(41) == 42
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = 'test_plus_one'")
        assert cur.fetchone()[0] == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_session_prepares_again(postgres):
    assert _run(1) == 2
    connection.close()
    assert _run(2) == 3


def test_a_bad_statement_name_is_refused():
    with connection.cursor() as cur, pytest.raises(ValueError):
        prepared.execute_prepared(cur, name="x; DROP TABLE y", sql="SELECT 1", params=[])


def test_inside_a_callers_transaction_the_commit_is_the_callers(postgres):
    assert connection.in_atomic_block  # the test's own transaction
    assert prepared.async_commit(True) == ""


@pytest.mark.django_db(transaction=True)
def test_on_its_own_a_hot_write_may_skip_waiting_for_the_disk(postgres):
    assert prepared.async_commit(True) == "SET LOCAL synchronous_commit TO OFF"
    assert prepared.async_commit(False) == ""
    with connection.cursor() as cur:
        cur.execute(f"{prepared.async_commit(True)}; SELECT current_setting('synchronous_commit')")
        cur.nextset()
        assert cur.fetchone()[0] == "off"
        cur.execute("SELECT current_setting('synchronous_commit')")
        assert cur.fetchone()[0] == "on"  # SET LOCAL lasted one implicit transaction
