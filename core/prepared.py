"""Prepared statements for the hottest writes (a like, an answer save) on PostgreSQL.

Django binds parameters on the client and sends each statement as text, so PostgreSQL
parses and plans it every time; for the one-statement writes of the hot path
(core.hotpath) planning was about 40% of the database's time per write (measured: 0.46 ms
of backend CPU per like planned each time, 0.28 ms prepared). Here such a statement is
prepared once per database session (`PREPARE name AS …`, the first time this process uses
it on that connection) and run with `EXECUTE name(…)`; its parameters are still bound by
Django's cursor, so nothing else about the statement changes.

- The statement's text uses `%s` placeholders as anywhere in Django; where PostgreSQL cannot
  infer a parameter's type (a value in a SELECT list), the text casts it.
- A prepared statement belongs to its session and survives a rolled-back transaction; a new
  connection (Django reconnects) prepares again. Schema changes make PostgreSQL plan again.
- Not for a connection pooler in transaction mode (the session's statements would be
  another session's); docs/operations.md says the site talks to PostgreSQL directly.
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from django.db import connection

_prepared: WeakKeyDictionary = WeakKeyDictionary()  # psycopg connection -> names prepared
_PLACEHOLDER = re.compile(r"%s")
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _numbered(sql: str) -> str:
    count = iter(range(1, 10_000))
    return _PLACEHOLDER.sub(lambda _m: f"${next(count)}", sql)


def execute_prepared(cursor, *, name: str, sql: str, params: list, before: str = "") -> None:
    """Run `sql` with `params` on the cursor's connection as the prepared statement `name`,
    preparing it there first if this process has not. `before` (statements without
    parameters, e.g. SET LOCAL) goes first in the same query, so in the same implicit
    transaction when the connection is in autocommit. Leaves the cursor on the statement's
    result."""
    if not _NAME.match(name):
        raise ValueError(f"not a statement name: {name!r}")
    raw = cursor.connection  # the driver's connection: one per database session
    done = _prepared.setdefault(raw, set())
    parts = [before] if before else []
    if name not in done:
        parts.append(f"PREPARE {name} AS {_numbered(sql)}")
    parts.append(
        f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    )
    try:
        cursor.execute("; ".join(parts), params)
    except Exception:
        # Which of the statements ran is unknown: close the connection (core.hotpath does,
        # on any database error) and this process prepares afresh on the next one.
        _prepared.pop(raw, None)
        raise
    for _ in range(len(parts) - 1):
        cursor.nextset()
    done.add(name)


def async_commit(enabled: bool) -> str:
    """`before` for execute_prepared: the statement's own transaction commits without waiting
    for the WAL to reach the disk (synchronous_commit off, for that transaction only), when
    `enabled` and the statement runs on its own (autocommit, not inside a caller's
    transaction, which keeps its own commit). What that gives up: were PostgreSQL itself to
    crash, what was acknowledged in its last fraction of a second (at most three times
    wal_writer_delay) could be lost, all of each transaction or none of it."""
    if not enabled or connection.vendor != "postgresql" or connection.in_atomic_block:
        return ""
    return "SET LOCAL synchronous_commit TO OFF"


def execute(cursor, sql: str, params: list, *, prepared: str = "", before: str = "") -> None:
    """Run one hot write's statement: as the prepared statement `prepared` when it is named
    and the database is PostgreSQL, else as plain text; `before` (e.g. `async_commit`) goes
    first in the same query. Leaves the cursor on the statement's result."""
    if prepared and connection.vendor == "postgresql":
        execute_prepared(cursor, name=prepared, sql=sql, params=params, before=before)
    elif before:
        # With client-side binding (Django's default for psycopg) both go as one simple
        # query, which PostgreSQL runs as one implicit transaction: SET LOCAL lasts for it.
        cursor.execute(f"{before}; {sql}", params)
        cursor.nextset()
    else:
        cursor.execute(sql, params)
