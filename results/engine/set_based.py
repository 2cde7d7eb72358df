"""compute_event on PostgreSQL: set-based scoring in the database, streamed ranking."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import psycopg
from django.core.exceptions import ValidationError
from django.db import connection
from psycopg import sql as sql_text

from contests.models import Event
from judging.models import Criterion, ScoringScheme
from results.engine import reading, snapshots
from results.engine.snapshots import NULL, EscapeCache, Tally
from results.engine.sql import scored_sql
from results.models import ResultSnapshot
from scoring import TIME, place_sorted
from scoring.ranking import NO_TIME


def is_set_based(event: Event, scheme: ScoringScheme) -> bool:
    """Whether the database can score the event: on PostgreSQL, unless it is a team event
    scored by its members' totals (those come from other events' results)."""
    return connection.vendor == "postgresql" and not reading.team_by_members(event, scheme)


def compute_set_based(
    event: Event,
    scheme: ScoringScheme,
    criteria: list[Criterion],
    rules: reading.SchemeRules,
    *,
    concurrent: bool,
    note: Callable[[str], None],
) -> ResultSnapshot | None:
    """compute_event on PostgreSQL, the database doing the set-based work.

    The database scores every entry into a temporary table (``scored_sql``) and sorts the
    rankable ones by the ranking key; ``scoring.place_sorted`` walks them in order (ranks,
    draws, standardised scores, tiers, promotions) and each row goes out as a COPY line at
    once. With ``concurrent`` the rows are read on a second connection that shares this
    transaction's snapshot (``pg_export_snapshot``), so PostgreSQL parses and indexes the
    copied rows on one core while Python ranks and renders the next ones on the other.
    Returns None, having written nothing, when the rules must see the marks themselves to
    reject them with their message.
    """
    codes = [c.code for c in criteria]
    if concurrent:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            exported = cursor.fetchone()[0]
        # a connection of its own, outside Django's (and any pool): closed below
        reader = psycopg.connect(**connection.get_connection_params())
    else:
        reader = connection.connection
    ranked_rows: Any = None
    try:
        if concurrent:
            reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            reader.autocommit = False
            reader.execute(
                sql_text.SQL("SET TRANSACTION SNAPSHOT {}").format(sql_text.Literal(exported))
            )
            reader.execute("SET LOCAL jit = off")
        # PostgreSQL's default 4 MB made the marks' hash aggregate spill to disk in 33
        # batches (0.7 s of 5 s at 100,000 entries); 64 MB keeps it in memory. Larger did
        # not help at 400,000 entries.
        reader.execute("SET LOCAL work_mem = '64MB'")
        # Aggregating a million marks over both cores beats one: the default costs of
        # starting parallel workers and passing rows made the planner pick one process
        # once the marks table held several events (2.6 s instead of 2.0 s).
        reader.execute("SET LOCAL parallel_setup_cost = 10")
        reader.execute("SET LOCAL parallel_tuple_cost = 0.001")
        reader.execute("DROP TABLE IF EXISTS pg_temp.gj_scored")
        reader.execute(
            f"CREATE TEMP TABLE gj_scored ON COMMIT DROP AS {scored_sql(event.pk, criteria)}"
        )
        bad, divergent = reader.execute(
            "SELECT bool_or(bad), count(*) FILTER (WHERE divergent) FROM gj_scored"
        ).fetchone()
        if bad:
            return None
        ranked_desc = [
            row[0]
            for row in reader.execute(
                "SELECT total_cents FROM gj_scored WHERE ranked ORDER BY total_cents DESC"
            ).fetchall()
        ]
        note("compute")
        index = {code: i for i, code in enumerate(codes)}
        keys = ["-total_cents"] + [
            f"coalesce(completion_seconds, {NO_TIME})" if item == TIME else f"-c{index[item]}"
            for item in rules.tie_break
        ]
        ranked_sql = (
            f"SELECT {', '.join(keys)}, id, fixed, draw, grade FROM gj_scored WHERE ranked "
            f"ORDER BY {', '.join(f'{k} ASC' for k in keys)}, id"
        )
        unranked = reader.execute(
            "SELECT total_cents, fixed FROM gj_scored WHERE NOT ranked ORDER BY id"
        ).fetchall()
        if concurrent:
            ranked_rows = reader.cursor(name="gj_ranked")
            ranked_rows.itersize = snapshots.CHUNK_ROWS
            ranked_rows.execute(ranked_sql)
        else:
            ranked_rows = reader.execute(ranked_sql).fetchall()
        snapshot = snapshots.new_snapshot(event)
        tally = Tally()

        def lines() -> Iterator[str]:
            esc = EscapeCache().__getitem__
            needs_draw = position = 0
            for row, rank, total, decided_by, drawn, std, tier, promoted in place_sorted(
                ranked_rows,
                ranked_cents_desc=ranked_desc,
                tie_break=rules.tie_break,
                shared_places=scheme.shared_places,
                tiers=rules.tiers,
                promotion=rules.promotion,
            ):
                position += 1
                if tier is not None:
                    tally.tier(tier, position)
                if drawn:
                    needs_draw += 1
                    decided = "needs_draw"
                else:
                    decided = decided_by or ""
                yield (
                    f"{position}\t{rank}\t{total}\t{std}\t{esc(tier or '')}"
                    f"\t{NULL if promoted is None else promoted}\t{decided}\tt\t{row[-3]}"
                )
            tally.ranked = position
            tally.needs_draw = needs_draw
            cents: dict[int, str] = {}
            for total_cents, fixed in unranked:
                position += 1
                if total_cents is None:
                    tally.incomplete += 1
                    yield f"{position}\t{NULL}\t{NULL}\t{NULL}\t\t{NULL}\t\tf\t{fixed}"
                else:
                    total = cents.get(total_cents) or cents.setdefault(
                        total_cents, str(Decimal(total_cents).scaleb(-2))
                    )
                    yield f"{position}\t{NULL}\t{total}\t{NULL}\t\t{NULL}\t\tt\t{fixed}"

        try:
            entries, fingerprint = snapshots.insert_rows(snapshot.pk, lines())
        except ValueError as exc:
            raise ValidationError({"scheme": [str(exc)]}) from None
    finally:
        if concurrent:
            try:
                # before the connection: a server cursor outliving it complains when
                # garbage-collected
                if isinstance(ranked_rows, psycopg.ServerCursor):
                    ranked_rows.close()
            finally:
                reader.close()
    snapshots.make_current(
        snapshot,
        scheme,
        codes,
        entries=entries,
        fingerprint=fingerprint,
        divergent=divergent,
        tally=tally,
    )
    return snapshot
