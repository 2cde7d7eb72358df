"""Result snapshots: rows rendered once as COPY text, written, fingerprinted, made current.

A new snapshot becomes current in the same transaction that writes its rows, so a worker
killed half-way leaves the previous snapshot current and nothing partial.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from itertools import islice

from django.db import connection
from django.db.models import Max

from contests.models import Event
from judging.models import ScoringScheme
from results.models import ResultRow, ResultSnapshot

#: Columns of a COPY line of result rows: the snapshot, then what the ranking decides (rendered
#: by Python), then what the entry itself gives (rendered once, by the database on the
#: set-based path). Both paths render the same text, so fingerprints are comparable.
ROW_COLUMNS = (
    "snapshot_id",
    "position",
    "rank",
    "total",
    "standardised",
    "tier",
    "promotion",
    "decided_by",
    "complete",
    "registration_id",
    "bib",
    "criteria",
    "penalties",
    "display_name",
    "masked_name",
    "employer_id",
    "employer_name",
    "employer_kind",
    "region_name",
    "region_path",
    "union_path",
    "worker_id",
    "team_id",
)
#: Rows rendered per COPY chunk.
CHUNK_ROWS = 5000
NULL = "\\N"

# COPY text escaping, in Python and (for the set-based path) in SQL.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def esc_sql(expr: str) -> str:
    """SQL for COPY-escaping a text expression, as ``COPY_ESCAPES`` does in Python."""
    return (
        f"replace(replace(replace(replace({expr}, '\\', '\\\\'), chr(9), '\\t'), "
        f"chr(10), '\\n'), chr(13), '\\r')"
    )


def json_key(code: str) -> str:
    """A criterion code as the COPY-escaped key of the ``criteria`` JSON column (its
    values are 2-place decimals, which need no escaping)."""
    return json.dumps(code, ensure_ascii=False).translate(COPY_ESCAPES)


class EscapeCache(dict):
    """Text -> COPY-escaped text; work units, regions and paths repeat across entries."""

    def __missing__(self, text: str) -> str:
        value = self[text] = text.translate(COPY_ESCAPES)
        return value


class Tally:
    """What a snapshot's statistics count while its rows are rendered."""

    def __init__(self) -> None:
        self.ranked = self.incomplete = self.needs_draw = 0
        # first and last position of each award tier: tiers follow rank order, so a
        # tier's rows are consecutive (see ResultRow.Meta)
        self.tier_positions: dict[str, list[int]] = {}

    def tier(self, tier: str, position: int) -> None:
        """Extend the tier's [first, last] position range (rows come in position order)."""
        span = self.tier_positions.get(tier)
        if span is None:
            self.tier_positions[tier] = [position, position]
        else:
            span[1] = position


def new_snapshot(event: Event) -> ResultSnapshot:
    last = ResultSnapshot.objects.filter(event=event).aggregate(v=Max("version"))["v"] or 0
    return ResultSnapshot.objects.create(event=event, version=last + 1)


def make_current(
    snapshot: ResultSnapshot,
    scheme: ScoringScheme,
    order: list[str],
    *,
    entries: int,
    fingerprint: str,
    divergent: int,
    tally: Tally,
) -> None:
    """Make the freshly written snapshot the event's current one (same transaction)."""
    ResultSnapshot.objects.filter(event_id=snapshot.event_id, is_current=True).update(
        is_current=False
    )
    snapshot.is_current = True
    snapshot.entries = entries
    snapshot.ranked = tally.ranked
    snapshot.complete = tally.incomplete == 0 and divergent == 0 and tally.needs_draw == 0
    snapshot.fingerprint = fingerprint
    snapshot.stats = {
        "incomplete": tally.incomplete,
        "divergent": divergent,
        "needs_draw": tally.needs_draw,
        "shared_places": scheme.shared_places,
        "tie_break": list(scheme.tie_break or []),
        "criteria": order,
        "tier_positions": tally.tier_positions,
    }
    snapshot.save(
        update_fields=["is_current", "entries", "ranked", "complete", "fingerprint", "stats"]
    )


def insert_rows(snapshot_id: int, lines: Iterator[str]) -> tuple[int, str]:
    """COPY rendered lines on PostgreSQL in chunks of CHUNK_ROWS, each sent as soon as it
    is rendered (PostgreSQL parses and indexes one chunk on its core while Python renders
    the next on the other); elsewhere parse them back for bulk_create. Returns the number
    of rows and the SHA-256 of the lines joined by newlines (the snapshot's fingerprint)."""
    digest = hashlib.sha256()
    count = 0
    chunks = iter(lambda: list(islice(lines, CHUNK_ROWS)), [])
    if connection.vendor == "postgresql":
        table = ResultRow._meta.db_table
        prefix = f"{snapshot_id}\t"
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({', '.join(ROW_COLUMNS)}) FROM STDIN") as copy,
        ):
            for chunk in chunks:
                joined = "\n".join(chunk)
                digest.update((("\n" if count else "") + joined).encode())
                count += len(chunk)
                copy.write(prefix + joined.replace("\n", "\n" + prefix) + "\n")
        return count, digest.hexdigest()
    objs = []
    for chunk in chunks:
        digest.update((("\n" if count else "") + "\n".join(chunk)).encode())
        count += len(chunk)
        for line in chunk:
            values = [_untext(v) for v in line.split("\t")]
            row = dict(zip(ROW_COLUMNS[1:], values, strict=True))
            row["criteria"] = json.loads(row["criteria"])
            row["complete"] = row["complete"] == "t"
            objs.append(ResultRow(snapshot_id=snapshot_id, **row))
    ResultRow.objects.bulk_create(objs, batch_size=2000)
    return count, digest.hexdigest()


_UNESCAPES = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}


def _untext(value: str) -> str | None:
    if value == NULL:
        return None
    if "\\" not in value:
        return value
    out, i = [], 0
    while i < len(value):
        pair = value[i : i + 2]
        if pair in _UNESCAPES:
            out.append(_UNESCAPES[pair])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)
