"""One hot write's statement (a like, an answer save), run as cheaply as the database allows.

Django binds parameters on the client and sends each statement as text, so PostgreSQL
parses and plans it every time; for the one-statement writes of the hot path
(core.hotpath) planning was about 40% of the database's time per write. Here, on
PostgreSQL, such a statement goes through psycopg's own cursor on Django's connection with
server-side binding, prepared (`prepare=True`): parsed and planned once per database
session, then each run sends only its parameters. Measured against the earlier way (the
text of `PREPARE`/`EXECUTE` through Django's cursor, with a `SET LOCAL` before it): about a
third less CPU per statement on both sides (bench/bench_showcase.py; the closing note of
issue 15 has the figures).

- The statement's text uses `%s` placeholders as anywhere in Django. Python integers are
  sent as bigint whatever their size, so that one statement is one prepared statement
  (psycopg would otherwise pick int2, int4 or int8 per value and prepare each combination).
- A prepared statement belongs to its session; a new connection (Django reconnects)
  prepares again; schema changes make PostgreSQL plan again; psycopg forgets them all after
  a ROLLBACK on the connection (a failed request's), and they are prepared again.
- Not for a connection pooler in transaction mode (the session's statements would be
  another session's); docs/operations.md says the site talks to PostgreSQL directly.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from django.db import connection

_cursors: WeakKeyDictionary = WeakKeyDictionary()  # psycopg connection -> its hot cursor

# set_config(…, true) is SET LOCAL as an expression: it lasts until the statement's own
# transaction ends, and PostgreSQL reads synchronous_commit when that transaction commits.
_ASYNC_COMMIT = "set_config('synchronous_commit', 'off', true)"
_ONLY_WHEN_ASKED = 2**62


def async_commit(enabled: bool) -> str:
    """An expression for the statement's RETURNING list that makes its own transaction commit
    without waiting for the WAL to reach the disk (synchronous_commit off, for that
    transaction only), when `enabled`, on PostgreSQL, and the statement runs on its own
    (autocommit: not inside a caller's transaction, which keeps its own commit); "" when
    not. As part of RETURNING it is evaluated exactly when the statement writes a row. What
    that gives up: were PostgreSQL itself to crash, what was acknowledged in its last
    fraction of a second (at most three times wal_writer_delay) could be lost, all of each
    transaction or none of it."""
    if not enabled or connection.vendor != "postgresql" or connection.in_atomic_block:
        return ""
    return _ASYNC_COMMIT


def _hot_cursor():
    import psycopg
    from psycopg.types.numeric import Int8Dumper

    connection.ensure_connection()
    raw = connection.connection  # the driver's connection: one per database session
    cursor = _cursors.get(raw)
    if cursor is None or cursor.closed:
        # Django connects with prepared statements off (prepare_threshold None), which makes
        # psycopg ignore prepare=True too; a threshold no statement reaches turns them on
        # for the statements that ask (these) and for no other.
        raw.prepare_threshold = _ONLY_WHEN_ASKED
        cursor = psycopg.Cursor(raw)  # server-side binding (Django's cursors bind on the client)
        cursor.adapters.register_dumper(int, Int8Dumper)
        _cursors[raw] = cursor
    return cursor


def execute(sql: str, params: list, *, prepare: bool = False) -> tuple[int, tuple | None]:
    """Run one hot write's statement: (rows it changed, its first row returned or None).
    `prepare` on PostgreSQL: a prepared statement of this session (see above); otherwise
    through Django's cursor as any statement. Errors are Django's (DatabaseError …)."""
    if prepare and connection.vendor == "postgresql":
        with connection.wrap_database_errors:
            cursor = _hot_cursor()
            cursor.execute(sql, params, prepare=True)
            return cursor.rowcount, cursor.fetchone() if cursor.description else None
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount, cursor.fetchone() if cursor.description else None
