"""core.prepared: a hot write's statement is prepared once per database session; its own
transaction may skip waiting for the disk, never a caller's."""

import pytest
from django.db import DatabaseError, connection

from core import prepared
from core.models import User

pytestmark = pytest.mark.django_db

PLUS_ONE = "SELECT %s + 1 AS gj_prepared_test"


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (SQLite runs the plain statement)")


def _prepared_count() -> int:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%gj_prepared_test%"],
        )
        return cur.fetchone()[0]


def test_a_statement_gives_the_rows_it_changed_and_its_first_row():
    user = User.objects.create(username="prepared")
    update = f"UPDATE {User._meta.db_table} SET first_name = %s WHERE id = %s"
    assert prepared.execute(update, ["甲", user.pk], prepare=True) == (1, None)
    assert prepared.execute(update, ["乙", -1], prepare=True) == (0, None)
    assert prepared.execute(PLUS_ONE, [41], prepare=True)[1] == (42,)


def test_a_statement_is_prepared_once_per_session_whatever_the_size_of_its_numbers(postgres):
    # 1 would go as a smallint, 100000 as an integer, 2**40 as a bigint: one statement.
    for value in (1, 100_000, 2**40):
        assert prepared.execute(PLUS_ONE, [value], prepare=True)[1] == (value + 1,)
    assert _prepared_count() == 1


def test_without_prepare_nothing_is_prepared(postgres):
    assert prepared.execute(PLUS_ONE, [1])[1] == (2,)
    assert _prepared_count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_new_session_prepares_again(postgres):
    assert prepared.execute(PLUS_ONE, [1], prepare=True)[1] == (2,)
    connection.close()
    assert prepared.execute(PLUS_ONE, [2], prepare=True)[1] == (3,)
    assert _prepared_count() == 1


def test_errors_are_djangos(postgres):
    with pytest.raises(DatabaseError):
        prepared.execute("SELECT 1 / %s", [0], prepare=True)


def test_inside_a_callers_transaction_the_commit_is_the_callers(postgres):
    assert connection.in_atomic_block  # the test's own transaction
    assert prepared.async_commit(True) == ""


@pytest.mark.django_db(transaction=True)
def test_on_its_own_a_hot_write_may_skip_waiting_for_the_disk(postgres):
    assert prepared.async_commit(False) == ""
    lazy = prepared.async_commit(True)
    assert lazy
    sql = f"SELECT {lazy}, current_setting('synchronous_commit')"
    assert prepared.execute(sql, [], prepare=True)[1][1] == "off"
    # set_config(…, true) lasted the statement's own transaction only.
    assert prepared.execute("SELECT current_setting('synchronous_commit')", [])[1] == ("on",)
