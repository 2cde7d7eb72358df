"""Writes of the results engine: compute snapshots, compute awards, publish, draws, promotions.

The scoring and ranking rules are `results.rules` (pure); this module moves data in and
out of the database, set-based, on one of two paths that write identical rows (tested):

- on PostgreSQL the database scores every entry with the exact integer arithmetic rules
  documents (means, trimmed means, medians, divergence checks) and sorts them
  (`_compute_set_based`); `rules.place_sorted` ranks the sorted stream and each row is
  COPYed as soon as it is placed, so the database writes while Python ranks;
- otherwise (SQLite, teams scored by their members' totals) an event's
  registrations, marks, penalties and draws are each read with one query, never one per
  entry, and `rules.compute_event` scores and ranks them.

A new snapshot becomes current in the same transaction that writes its rows, so a worker
killed half-way leaves the previous snapshot current and nothing partial.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from itertools import islice
from typing import Any

import psycopg
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg import sql as sql_text

from contests.models import Contest, Event, Registration, RegistrationMember
from core.scope import manages_union
from core.validators import mask_name
from judging.models import Criterion, Mark, Penalty, ScoringScheme
from results import rules
from results.models import (
    AwardRow,
    AwardSnapshot,
    DrawLot,
    PromotionRecord,
    ResultRow,
    ResultSnapshot,
)
from unions.models import Employer
from workers.models import Team, Worker

Progress = Callable[[str], None]
_NO_PENALTY = Decimal(0)
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

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

TIER_PRESETS: dict[str, Callable[[], list[rules.AwardTier]]] = {
    "prizes_10_20_30": rules.preset_prizes_10_20_30,
    "medals": rules.preset_medals,
}
PROMOTION_PRESETS: dict[str, Callable[[], rules.PromotionRule]] = {
    "top5": rules.preset_promotion_top5,
}
DEFAULT_POINTS = {
    "一等奖": 5,
    "二等奖": 3,
    "三等奖": 1,
    "金牌": 5,
    "银牌": 3,
    "铜牌": 2,
    "优胜奖": 1,
}
#: Environment hook for the worker-kill test (never set in production): the path of a file
#: holding a number of seconds to sleep after the rows are written and before the snapshot
#: is made current. A file rather than a value so the test can turn the pause off for the
#: redelivered run of the same worker.
SLOW_ENV = "GJ_RESULTS_SLOW_FILE"
#: Rows rendered per COPY chunk.
CHUNK_ROWS = 5000


def _dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def parse_tiers(config: Any) -> list[rules.AwardTier]:
    """The scheme's `award_tiers`: a preset name ("prizes_10_20_30", "medals") or a list of
    {"name", "count" | "share" | "until_share", "min_total"?, "min_standardised"?}."""
    if not config:
        return []
    try:
        if isinstance(config, str):
            if config not in TIER_PRESETS:
                raise ValueError(f"unknown award tier preset {config!r}")
            return TIER_PRESETS[config]()
        tiers = [
            rules.AwardTier(
                t["name"],
                count=None if t.get("count") is None else int(t["count"]),
                share=_dec(t.get("share")),
                until_share=_dec(t.get("until_share")),
                min_total=_dec(t.get("min_total")),
                min_standardised=_dec(t.get("min_standardised")),
            )
            for t in config
        ]
        rules.validate_tiers(tiers)
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise ValidationError({"award_tiers": [str(exc)]}) from None
    return tiers


def parse_promotion(config: Any) -> rules.PromotionRule | None:
    """The scheme's `promotion`: None, a preset name ("top5") or {"within_rank", "min_total"}."""
    if not config:
        return None
    if isinstance(config, str):
        if config not in PROMOTION_PRESETS:
            raise ValidationError({"promotion": [f"unknown promotion preset {config!r}"]})
        return PROMOTION_PRESETS[config]()
    within = config.get("within_rank")
    return rules.PromotionRule(
        within_rank=None if within is None else int(within), min_total=_dec(config.get("min_total"))
    )


# ---------------------------------------------------------------------------------------
# Reading an event, set-based
# ---------------------------------------------------------------------------------------


class _DecimalCache(dict):
    """Mark text -> Decimal, parsed once per distinct text."""

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = Decimal(text)
        return value


class _EscapeCache(dict):
    """Text -> COPY-escaped text; work units, regions and paths repeat across entries."""

    def __missing__(self, text: str) -> str:
        value = self[text] = text.translate(_COPY_ESCAPES)
        return value


def _needs_values(c: Criterion) -> bool:
    """A median, or a divergence check (which looks past the trimmed marks), needs every
    mark; a mean or a trimmed mean only needs the count, sum, low and high."""
    return c.aggregation == "median" or c.divergence_limit is not None


def _read_marks(
    event_id: int, criteria: list[Criterion]
) -> dict[int, dict[str, list[Decimal] | rules.MarkSummary]]:
    """All marks of the event by entry and criterion code, read in one statement.

    On PostgreSQL the database groups them: one row per entry, and per criterion either a
    summary (count, sum, min, max: exact numeric sums, so the same figures rules.py would
    add up) or, where the marks themselves are needed, a comma-separated list (a million
    marks become 100,000 short rows). Each distinct text is parsed to a Decimal once (a
    million marks have a few hundred distinct values, their sums a few thousand).
    """
    marks: dict[int, dict[str, list[Decimal] | rules.MarkSummary]] = defaultdict(dict)
    if connection.vendor == "postgresql":
        columns = []
        for c in criteria:
            only = f"FILTER (WHERE criterion_id = {int(c.pk)})"
            if _needs_values(c):
                columns.append(f"string_agg(value::text, ',') {only}")
            else:
                columns += [
                    f"count(*) {only}",
                    f"sum(value) {only}::text",
                    f"min(value) {only}::text",
                    f"max(value) {only}::text",
                ]
        parse = _DecimalCache().__getitem__
        summary = rules.MarkSummary
        new_tuple = tuple.__new__
        listed = [(c.code, _needs_values(c)) for c in criteria]

        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT registration_id, {', '.join(columns)} FROM {Mark._meta.db_table} "
                "WHERE event_id = %s GROUP BY registration_id",
                [event_id],
            )
            for row in cursor.fetchall():
                entry = marks[row[0]]
                i = 1
                for code, values in listed:
                    if values:
                        text = row[i]
                        i += 1
                        if text is not None:
                            entry[code] = list(map(parse, text.split(",")))
                    else:
                        n = row[i]
                        if n:
                            # MarkSummary(...) without its Python-level __new__
                            entry[code] = new_tuple(
                                summary,
                                (n, parse(row[i + 1]), parse(row[i + 2]), parse(row[i + 3])),
                            )
                        i += 4
        return marks
    code_of = {c.pk: c.code for c in criteria}
    for reg_id, crit_id, value in Mark.objects.filter(event_id=event_id).values_list(
        "registration_id", "criterion_id", "value"
    ):
        marks[reg_id].setdefault(code_of[crit_id], []).append(value)
    return marks


def _registrations(event_id: int) -> list[tuple]:
    """The approved entries with everything a result row shows, in one query; the last
    column is the worker's team (班组; the lowest id when a worker belongs to several)."""
    first_team = (
        Team.members.through.objects.filter(worker_id=OuterRef("worker_id"))
        .order_by("team_id")
        .values("team_id")[:1]
    )
    rows = (
        Registration.objects.filter(event_id=event_id, status=Registration.Status.APPROVED)
        .annotate(worker_team=Subquery(first_team))
        .order_by("id")
        .values_list(
            "id",
            "bib",
            "completion_seconds",
            "disqualified",
            "worker_id",
            "team_id",
            "achievement_id",
            "employer_id",
            "employer__name",
            "employer__kind",
            "employer__region__name",
            "employer__region__path",
            "employer__union__path",
            "worker__name",
            "worker__skill_grade",
            "team__name",
            "achievement__title",
            "worker_team",
        )
    )
    if connection.vendor == "postgresql":
        # Same statement, fetched in one go: the ORM's chunked row iteration costs more than
        # the query at 100,000 rows, and psycopg already returns the right Python types.
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    return list(rows)


def _member_totals(event: Event, reg_ids: list[int]) -> dict[int, list[Decimal | None]]:
    """Team entries scored by their members: each member's best total in the contest's
    individual events (current snapshots); None for a member without a total."""
    members: dict[int, list[int]] = defaultdict(list)
    for reg_id, worker_id in RegistrationMember.objects.filter(
        registration_id__in=reg_ids
    ).values_list("registration_id", "worker_id"):
        members[reg_id].append(worker_id)
    workers = {w for ws in members.values() for w in ws}
    best: dict[int, Decimal] = {}
    current = ResultSnapshot.objects.filter(
        is_current=True, event__contest_id=event.contest_id, event__kind=Event.Kind.INDIVIDUAL
    ).values_list("pk", flat=True)
    for worker_id, total in ResultRow.objects.filter(
        snapshot_id__in=list(current),  # ids first: see compute_awards
        worker_id__in=workers,
        rank__isnull=False,
    ).values_list("worker_id", "total"):
        if worker_id not in best or total > best[worker_id]:
            best[worker_id] = total
    return {reg: [best.get(w) for w in ws] for reg, ws in members.items()}


def _lock_event(event_id: int) -> Event:
    event = Event.objects.select_for_update().select_related("contest").filter(pk=event_id).first()
    if event is None:
        raise ValidationError({"event": [_("No such event.")]})
    return event


# ---------------------------------------------------------------------------------------
# compute_event on PostgreSQL: set-based scoring, streamed ranking
# ---------------------------------------------------------------------------------------

#: Sort key of a missing completion time (rules' own: after every real time).
_NO_TIME_SQL = 1 << 62


def _esc_sql(expr: str) -> str:
    """SQL for COPY-escaping a text expression, as ``_COPY_ESCAPES`` does in Python."""
    return (
        f"replace(replace(replace(replace({expr}, '\\', '\\\\'), chr(9), '\\t'), "
        f"chr(10), '\\n'), chr(13), '\\r')"
    )


def _mask_sql(expr: str) -> str:
    """SQL of core.validators.mask_name (tested equal on awkward names)."""
    return (
        f"CASE WHEN length({expr}) <= 1 THEN {expr} "
        f"WHEN length({expr}) = 2 THEN left({expr}, 1) || '*' "
        f"ELSE left({expr}, 1) || repeat('*', length({expr}) - 2) || right({expr}, 1) END"
    )


def _set_based(event: Event, scheme: ScoringScheme) -> bool:
    """Whether the database can score the event: on PostgreSQL, unless it is a team event
    scored by its members' totals (those come from other events' results)."""
    if connection.vendor != "postgresql":
        return False
    return not (
        event.kind == Event.Kind.TEAM
        and scheme.team_aggregation != ScoringScheme.TeamAggregation.TEAM
    )


#: Bounds under which the database scores in bigint (see ``_fits_bigint``).
MAX_MARKS = 100
MAX_PENALTY = 1000


def _specs(criteria: list[Criterion]) -> list[rules.CriterionSpec]:
    return [
        rules.CriterionSpec(
            c.code, c.weight, c.max_mark, c.aggregation, c.judges_required, c.divergence_limit
        )
        for c in criteria
    ]


def _hundredths_ratio(c: Criterion) -> tuple[int, Fraction]:
    """The criterion's top mark in hundredths, and weight / (100 x top) in lowest terms:
    a criterion scores that ratio x the hundredths kept / the number of marks kept."""
    top = int(Decimal(c.max_mark) * 100)
    return top, Fraction(int(Decimal(c.weight) * 100), 100 * top)


def _fits_bigint(criteria: list[Criterion]) -> bool:
    """Whether (200 x num + den) stays below 2**62 for every entry within the bounds."""
    xs, ds = [], []
    for c in criteria:
        top, ratio = _hundredths_ratio(c)
        xs.append(ratio.numerator * MAX_MARKS * top)
        ds.append(ratio.denominator * MAX_MARKS)
    product = 1
    for d in ds:
        product *= d
    num = sum(x * product // d for x, d in zip(xs, ds, strict=True))
    bound = 200 * (100 * num + 100 * MAX_PENALTY * product) + 100 * product
    return bound < 1 << 62


def _scored_sql(event_id: int, criteria: list[Criterion]) -> str:
    """One statement materialising every approved entry of the event, scored.

    Per entry: criterion scores and total in integer cents with the exact arithmetic of
    ``rules.compute_event``. Marks are counted in hundredths (their two decimals), so with
    a / b = weight / (100 x max_mark) in lowest terms, k the number of marks averaged (all,
    all but the highest and lowest, or the one or two middle ones of a median) and S the
    hundredths kept, a criterion scores x / d = a x S / (b x k) and its cents are
    (200 x + d) div (2 d) in integers; the total is the sum of those fractions minus the
    penalties over their common denominator, rounded once, half up, by exact ``numeric``
    integer division. Also the columns ranking needs, a ``bad`` flag for marks or
    penalties ``rules`` must reject, ``divergent`` where judges disagree beyond a
    criterion's limit (``rules.divergent``), and ``fixed``: the COPY text of every column the
    ranking does not decide (names masked as ``mask_name`` does).
    """
    q = sql_text.Literal
    sums, parts, scores, oks, bad, json_parts, divergent = [], [], [], [], [], [], []
    for i, c in enumerate(criteria):
        only = f"FILTER (WHERE criterion_id = {int(c.pk)})"
        sums.append(
            f"count(*) {only} AS n{i}, (sum(value) {only} * 100)::bigint AS s{i}, "
            f"(min(value) {only} * 100)::bigint AS lo{i}, "
            f"(max(value) {only} * 100)::bigint AS hi{i}"
        )
        if c.aggregation == "median" or c.divergence_limit is not None:
            # the marks themselves, in order (v{i}[1] is the lowest)
            sums.append(f"array_agg(value ORDER BY value) {only} AS v{i}")
        top, ratio = _hundredths_ratio(c)
        if c.aggregation == "trimmed_mean":
            kept = f"CASE WHEN n{i} >= 3 THEN s{i} - hi{i} - lo{i} ELSE s{i} END"
            count = f"CASE WHEN n{i} >= 3 THEN n{i} - 2 ELSE n{i} END"
        elif c.aggregation == "median":
            # the middle mark, or the two middle marks averaged (k = 2)
            kept = (
                f"CASE WHEN n{i} % 2 = 1 THEN (v{i}[(n{i} + 1) / 2] * 100)::bigint "
                f"ELSE ((v{i}[n{i} / 2] + v{i}[n{i} / 2 + 1]) * 100)::bigint END"
            )
            count = f"CASE WHEN n{i} % 2 = 1 THEN 1 ELSE 2 END"
        else:
            kept, count = f"s{i}", f"n{i}"
        if c.divergence_limit is not None:
            # rules.divergent: the spread of the marks (of those kept after trimming)
            spread = (
                f"CASE WHEN n{i} >= 3 THEN v{i}[n{i} - 1] - v{i}[2] ELSE v{i}[n{i}] - v{i}[1] END"
                if c.aggregation == "trimmed_mean"
                else f"v{i}[n{i}] - v{i}[1]"
            )
            divergent.append(
                f"coalesce(n{i} >= 2 AND {spread} > {Decimal(c.divergence_limit)}, false)"
            )
        parts.append(
            f"{ratio.numerator} * ({kept}) AS x{i}, {ratio.denominator} * ({count}) AS d{i}, "
            f"coalesce(n{i} >= {int(c.judges_required)}, false) AS ok{i}"
        )
        scores.append(f"CASE WHEN ok{i} THEN (200 * x{i} + d{i}) / (2 * d{i}) END AS c{i}")
        oks.append(f"ok{i}")
        bad.append(f"coalesce(lo{i} < 0 OR hi{i} > {top}, false)")
        key = json.dumps(c.code, ensure_ascii=False).translate(_COPY_ESCAPES) + ':"'
        json_parts.append(
            f"CASE WHEN s.c{i} IS NOT NULL THEN {q(key).as_string(None)} || "
            f"(s.c{i} / 100)::text || '.' || lpad((s.c{i} % 100)::text, 2, '0') || '\"' END"
        )
    n = len(criteria)
    # Exact integers either way; bigint (much faster than numeric) when no entry with at
    # most MAX_MARKS marks per criterion and MAX_PENALTY marks of penalties can overflow
    # it. Entries beyond those bounds are flagged and go to ``rules``.
    cast = "" if _fits_bigint(criteria) else "::numeric"
    den = " * ".join(f"d{j}{cast}" for j in range(n))
    num = " + ".join(
        " * ".join([f"x{i}{cast}"] + [f"d{j}" for j in range(n) if j != i]) for i in range(n)
    )
    bad += [f"n{i} > {MAX_MARKS}" for i in range(n)]
    # numeric "/" would not be integer division: div() truncates exactly
    divide = (
        "div(200 * f.num + f.den, 2 * f.den)" if cast else "(200 * f.num + f.den) / (2 * f.den)"
    )
    null = "'\\N'"
    name = "coalesce(w.name, '')"
    display = (
        f"CASE WHEN r.worker_id IS NOT NULL THEN {name} "
        "WHEN r.team_id IS NOT NULL THEN coalesce(t.name, '') ELSE coalesce(a.title, '') END"
    )
    masked = f"CASE WHEN r.worker_id IS NOT NULL THEN {_mask_sql(name)} ELSE {display} END"
    fixed = ", ".join(
        [
            "s.registration_id::text",
            f"coalesce(s.bib::text, {null})",
            "'{' || concat_ws(',', " + ", ".join(json_parts) + ") || '}'",
            "coalesce(s.pen::text, '0.00')",
            _esc_sql("s.display"),
            _esc_sql("s.masked"),
            f"coalesce(s.place, {null} || repeat(E'\\t', 5))",
            f"coalesce(s.worker_id::text, {null})",
            f"coalesce(s.team_id::text, {null})",
        ]
    )
    event = int(event_id)
    regs = Registration._meta.db_table
    return f"""
        WITH m AS (
            SELECT registration_id, {", ".join(sums)}
            FROM {Mark._meta.db_table} WHERE event_id = {event} GROUP BY registration_id
        ), p AS (
            SELECT p.registration_id, sum(p.marks) AS pen
            FROM {Penalty._meta.db_table} p JOIN {regs} r ON r.id = p.registration_id
            WHERE r.event_id = {event} GROUP BY p.registration_id
        ), f AS (
            SELECT m.registration_id, {", ".join(parts)}, {" OR ".join(bad)} AS bad,
                   {" OR ".join(divergent) or "false"} AS divergent
            FROM m
        ), g AS (
            SELECT f.registration_id, f.bad, f.divergent, {", ".join(scores)},
                   CASE WHEN {" AND ".join(oks)} THEN
                       CASE WHEN f.num <= 0 THEN 0
                            ELSE {divide}::int END
                   END AS total_cents
            FROM (
                SELECT f.*, 100 * ({num}) - (100 * coalesce(p.pen, 0))::bigint * {den} AS num,
                       100 * {den} AS den
                FROM f LEFT JOIN p ON p.registration_id = f.registration_id
            ) f
        ), place AS (
            -- work unit, region and union columns, rendered once per work unit
            SELECT e.id, concat_ws(E'\\t', e.id::text, {_esc_sql("e.name")}, e.kind,
                   {_esc_sql("coalesce(rg.name, '')")}, {_esc_sql("coalesce(rg.path, '')")},
                   {_esc_sql("coalesce(u.path, '')")}) AS place
            FROM {Employer._meta.db_table} e
            LEFT JOIN {Employer._meta.get_field("region").related_model._meta.db_table} rg
                ON rg.id = e.region_id
            LEFT JOIN {Employer._meta.get_field("union").related_model._meta.db_table} u
                ON u.id = e.union_id
            WHERE e.id IN (SELECT employer_id FROM {regs} WHERE event_id = {event})
        ), wt AS (
            -- a worker's team (班组): the lowest id when the worker belongs to several
            SELECT tm.worker_id, min(tm.team_id) AS team_id
            FROM {Team.members.through._meta.db_table} tm
            WHERE tm.worker_id IN (SELECT worker_id FROM {regs} WHERE event_id = {event})
            GROUP BY tm.worker_id
        ), s AS (
            SELECT r.id AS registration_id, r.bib, r.completion_seconds, r.disqualified,
                   w.skill_grade AS grade, dl.lot AS draw, p.pen,
                   coalesce(g.bad, false)
                   OR coalesce(p.pen < 0 OR p.pen > {MAX_PENALTY}, false) AS bad,
                   coalesce(g.divergent, false) AS divergent,
                   g.total_cents, {", ".join(f"g.c{i}" for i in range(n))},
                   {display} AS display, {masked} AS masked, place.place, r.worker_id,
                   coalesce(r.team_id, wt.team_id) AS team_id
            FROM {regs} r
            LEFT JOIN g ON g.registration_id = r.id
            LEFT JOIN p ON p.registration_id = r.id
            LEFT JOIN {Worker._meta.db_table} w ON w.id = r.worker_id
            LEFT JOIN {Team._meta.db_table} t ON t.id = r.team_id
            LEFT JOIN {Registration._meta.get_field("achievement").related_model._meta.db_table} a
                ON a.id = r.achievement_id
            LEFT JOIN place ON place.id = r.employer_id
            LEFT JOIN {DrawLot._meta.db_table} dl
                ON dl.registration_id = r.id AND dl.event_id = r.event_id
            LEFT JOIN wt ON wt.worker_id = r.worker_id
            WHERE r.event_id = {event} AND r.status = 'approved'
        )
        SELECT s.registration_id AS id, s.completion_seconds, s.grade, s.draw, s.bad,
               s.divergent,
               s.total_cents, {", ".join(f"s.c{i}" for i in range(n))},
               s.total_cents IS NOT NULL AND NOT s.disqualified AS ranked,
               concat_ws(E'\\t', {fixed}) AS fixed
        FROM s
    """


def _compute_set_based(
    event: Event,
    scheme: ScoringScheme,
    criteria: list[Criterion],
    *,
    concurrent: bool,
    note: Progress,
) -> ResultSnapshot | None:
    """compute_event on PostgreSQL, the database doing the set-based work.

    The database scores every entry into a temporary table (``_scored_sql``) and sorts the
    rankable ones by the ranking key; ``rules.place_sorted`` walks them in order (ranks,
    draws, standardised scores, tiers, promotions) and each row goes out as a COPY line at
    once. With ``concurrent`` the rows are read on a second connection that shares this
    transaction's snapshot (``pg_export_snapshot``), so PostgreSQL parses and indexes the
    copied rows on one core while Python ranks and renders the next ones on the other.
    Returns None, having written nothing, when ``rules`` must see the marks itself to
    reject them with its message.
    """
    tiers = parse_tiers(scheme.award_tiers)
    promotion = parse_promotion(scheme.promotion)
    tie_break = list(scheme.tie_break or [])
    codes = [c.code for c in criteria]
    try:
        rules.validate_criteria(_specs(criteria))
        rules.validate_ranking(tie_break, codes, tiers, promotion)
    except ValueError as exc:
        raise ValidationError({"scheme": [str(exc)]}) from None
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
            f"CREATE TEMP TABLE gj_scored ON COMMIT DROP AS {_scored_sql(event.pk, criteria)}"
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
            f"coalesce(completion_seconds, {_NO_TIME_SQL})"
            if item == rules.TIME
            else f"-c{index[item]}"
            for item in tie_break
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
            ranked_rows.itersize = CHUNK_ROWS
            ranked_rows.execute(ranked_sql)
        else:
            ranked_rows = reader.execute(ranked_sql).fetchall()
        snapshot = _new_snapshot(event)
        counts = {"ranked": 0, "incomplete": 0, "needs_draw": 0}
        tier_positions: dict[str, list[int]] = {}

        def lines() -> Iterator[str]:
            esc = _EscapeCache().__getitem__
            null = "\\N"
            needs_draw = position = 0
            for row, rank, total, decided_by, drawn, std, tier, promoted in rules.place_sorted(
                ranked_rows,
                ranked_cents_desc=ranked_desc,
                tie_break=tie_break,
                shared_places=scheme.shared_places,
                tiers=tiers,
                promotion=promotion,
            ):
                position += 1
                if tier is not None:
                    _note_tier(tier_positions, tier, position)
                if drawn:
                    needs_draw += 1
                    decided = "needs_draw"
                else:
                    decided = decided_by or ""
                yield (
                    f"{position}\t{rank}\t{total}\t{std}\t{esc(tier or '')}"
                    f"\t{null if promoted is None else promoted}\t{decided}\tt\t{row[-3]}"
                )
            ranked = position
            incomplete = 0
            cents = {}
            for total_cents, fixed in unranked:
                position += 1
                if total_cents is None:
                    incomplete += 1
                    yield f"{position}\t{null}\t{null}\t{null}\t\t{null}\t\tf\t{fixed}"
                else:
                    total = cents.get(total_cents) or cents.setdefault(
                        total_cents, str(Decimal(total_cents).scaleb(-2))
                    )
                    yield f"{position}\t{null}\t{total}\t{null}\t\t{null}\t\tt\t{fixed}"
            counts.update(ranked=ranked, incomplete=incomplete, needs_draw=needs_draw)

        try:
            entries, fingerprint = _insert_rows(snapshot.pk, lines())
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
    _make_current(
        snapshot,
        scheme,
        codes,
        entries=entries,
        fingerprint=fingerprint,
        divergent=divergent,
        tier_positions=tier_positions,
        **counts,
    )
    return snapshot


# ---------------------------------------------------------------------------------------
# compute_event
# ---------------------------------------------------------------------------------------


def compute_event(*, event_id: int, progress: Progress | None = None) -> ResultSnapshot:
    """Compute the event's results and make them the new current snapshot (version n+1).

    Everything happens in one transaction holding the event row lock, so two computations
    of the same event run one after the other and the later one sees the later marks.
    """
    note = progress or (lambda step: None)
    # Only a transaction of its own can share its snapshot with a second connection: one
    # opened by a caller may hold writes that connection could not see.
    outermost = not connection.in_atomic_block
    # The cyclic garbage collector would traverse the million objects read and built here
    # several times for nothing (none is cyclic): 0.4 s of 4.5 s at 100,000 entries.
    with rules.gc_paused(), transaction.atomic():
        if connection.vendor == "postgresql":
            # JIT compilation of the wide joins costs more than it saves here (1.2 s of a
            # 1.25 s registrations query at 100,000 entries).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        event = _lock_event(event_id)
        scheme = ScoringScheme.objects.filter(event_id=event_id).first()
        criteria = list(Criterion.objects.filter(event_id=event_id).order_by("position", "id"))
        if scheme is None or not criteria:
            raise ValidationError({"scheme": [_("The event has no scoring scheme.")]})
        note("read")
        if _set_based(event, scheme):
            snapshot = _compute_set_based(event, scheme, criteria, concurrent=outermost, note=note)
            if snapshot is not None:
                note("write")
                return snapshot
        regs = _registrations(event_id)
        info = {r[0]: r for r in regs}
        results, divergent, penalties = _score(event, scheme, criteria, regs, info)
        note("compute")
        snapshot = _write_snapshot(event, criteria, scheme, results, info, divergent, penalties)
        note("write")
    return snapshot


def _score(
    event: Event,
    scheme: ScoringScheme,
    criteria: list[Criterion],
    regs: list[tuple],
    info: dict[int, tuple],
) -> tuple[list[rules.EntryResult], int, dict[int, Decimal]]:
    tiers = parse_tiers(scheme.award_tiers)
    promotion = parse_promotion(scheme.promotion)
    draws = dict(DrawLot.objects.filter(event_id=event.pk).values_list("registration_id", "lot"))
    penalties = dict(
        Penalty.objects.filter(registration__event_id=event.pk)
        .values("registration_id")
        .annotate(s=Sum("marks"))
        .values_list("registration_id", "s")
    )
    grades = {r[0]: r[14] for r in regs if r[14] is not None}
    tie_break = list(scheme.tie_break or [])
    team_by_members = (
        event.kind == Event.Kind.TEAM
        and scheme.team_aggregation != ScoringScheme.TeamAggregation.TEAM
    )
    try:
        if team_by_members:
            member_totals = _member_totals(event, list(info))
            entries = [
                rules.TotalInput(
                    r[0],
                    rules.team_total(member_totals[r[0]], scheme.team_aggregation)
                    if member_totals.get(r[0])
                    else None,
                    completion_seconds=r[2],
                    eligible=not r[3],
                    draw=draws.get(r[0]),
                )
                for r in regs
            ]
            results = rules.rank_totals(
                entries,
                tie_break=[t for t in tie_break if t == rules.TIME],
                shared_places=scheme.shared_places,
                tiers=tiers,
                promotion=promotion,
                grades=grades,
            )
            return results, 0, penalties
        specs = _specs(criteria)
        marks = _read_marks(event.pk, criteria)
        limited = [
            (c.code, c.divergence_limit, c.aggregation)
            for c in criteria
            if c.divergence_limit is not None
        ]
        divergent = 0
        if limited:
            for reg_id in info:
                entry = marks.get(reg_id, {})
                if any(
                    rules.divergent(entry.get(code, ()), limit, agg) for code, limit, agg in limited
                ):
                    divergent += 1
        entry_input = rules.entry_input
        no_marks: dict = {}
        entries = [
            entry_input(
                r[0],
                marks.get(r[0], no_marks),
                penalties.get(r[0]) or _NO_PENALTY,
                r[2],
                not r[3],
                draws.get(r[0]),
            )
            for r in regs
        ]
        results = rules.compute_event(
            specs,
            entries,
            tie_break=tie_break,
            shared_places=scheme.shared_places,
            tiers=tiers,
            promotion=promotion,
            grades=grades,
        )
    except ValueError as exc:
        raise ValidationError({"scheme": [str(exc)]}) from None
    return results, divergent, penalties


def _display(r: tuple) -> tuple[str, str]:
    """Full and public names of an entrant: a worker's name is personal data (masked in
    public), a team's or an achievement's title is not."""
    if r[4] is not None:
        return r[13], mask_name(r[13])
    name = r[15] if r[5] is not None else r[16]
    return name or "", name or ""


def _write_snapshot(
    event: Event,
    criteria: list[Criterion],
    scheme: ScoringScheme,
    results: list[rules.EntryResult],
    info: dict[int, tuple],
    divergent: int,
    penalties: dict[int, Decimal],
) -> ResultSnapshot:
    """Write the rows of a new snapshot and make it current.

    Each row is rendered once as a line of COPY text (without the snapshot id): on
    PostgreSQL those lines are the COPY stream, everywhere they are hashed into the
    snapshot's fingerprint, so two computations on the same marks are visibly identical.
    """
    snapshot = _new_snapshot(event)
    order = [c.code for c in criteria]
    # JSON keys of the criteria column, COPY-escaped once: the values are 2-place decimals,
    # which need no escaping.
    keys = [(code, json.dumps(code, ensure_ascii=False).translate(_COPY_ESCAPES)) for code in order]
    all_keys = (
        "{{"
        + ",".join(key.replace("{", "{{").replace("}", "}}") + ':"{}"' for _code, key in keys)
        + "}}"
    )
    counts = {"ranked": 0, "incomplete": 0, "needs_draw": 0}
    tier_positions: dict[str, list[int]] = {}

    def lines() -> Iterator[str]:
        incomplete = ranked = needs_draw = 0
        null = "\\N"
        esc = _EscapeCache().__getitem__
        # The employer, region and union columns repeat across entries: rendered once each.
        places: dict[tuple, str] = {}
        for position, res in enumerate(results, 1):
            entry_id = res.entry_id
            r = info[entry_id]
            if r[4] is not None:
                # a worker's name is personal data (masked in public); names rarely repeat
                name = r[13] or ""
                names = (
                    name.translate(_COPY_ESCAPES) + "\t" + mask_name(name).translate(_COPY_ESCAPES)
                )
            else:
                display, masked = _display(r)
                names = esc(display) + "\t" + esc(masked)
            place_key = r[7:13]
            place = places.get(place_key)
            if place is None:
                place = places[place_key] = "\t".join(
                    (
                        null if r[7] is None else str(r[7]),
                        esc(r[8] or ""),
                        r[9] or "",
                        esc(r[10] or ""),
                        esc(r[11] or ""),
                        esc(r[12] or ""),
                    )
                )
            crit = res.criteria
            if len(crit) == len(keys):
                criteria_json = all_keys.format(*[crit[code] for code, _key in keys])
            else:
                criteria_json = (
                    "{"
                    + ",".join(f'{key}:"{crit[code]}"' for code, key in keys if code in crit)
                    + "}"
                )
            rank = res.rank
            if rank is not None:
                ranked += 1
            if res.tier is not None:
                _note_tier(tier_positions, res.tier, position)
            complete = res.complete
            if not complete:
                incomplete += 1
            decided = res.decided_by or ""
            if res.needs_draw:
                needs_draw += 1
                decided = "needs_draw"
            team = r[5] if r[5] is not None else r[17]
            total = res.total
            standardised = res.standardised
            promotion = res.promotion
            # totals, scores and penalties are quantized to 2 places: str() prints "81.50"
            yield (
                f"{position}\t{null if rank is None else rank}"
                f"\t{null if total is None else total}"
                f"\t{null if standardised is None else standardised}\t{esc(res.tier or '')}"
                f"\t{null if promotion is None else promotion}\t{decided}\t{'t' if complete else 'f'}"
                f"\t{entry_id}\t{null if r[1] is None else r[1]}\t{criteria_json}"
                f"\t{penalties.get(entry_id) or '0.00'}"
                f"\t{names}\t{place}\t{null if r[4] is None else r[4]}"
                f"\t{null if team is None else team}"
            )
        counts.update(ranked=ranked, incomplete=incomplete, needs_draw=needs_draw)

    entries, fingerprint = _insert_rows(snapshot.pk, lines())
    _make_current(
        snapshot,
        scheme,
        order,
        entries=entries,
        fingerprint=fingerprint,
        divergent=divergent,
        tier_positions=tier_positions,
        **counts,
    )
    return snapshot


def _note_tier(spans: dict[str, list[int]], tier: str, position: int) -> None:
    """Extend the tier's [first, last] position range (rows come in position order)."""
    span = spans.get(tier)
    if span is None:
        spans[tier] = [position, position]
    else:
        span[1] = position


def _new_snapshot(event: Event) -> ResultSnapshot:
    last = ResultSnapshot.objects.filter(event=event).aggregate(v=Max("version"))["v"] or 0
    return ResultSnapshot.objects.create(event=event, version=last + 1)


def _make_current(
    snapshot: ResultSnapshot,
    scheme: ScoringScheme,
    order: list[str],
    *,
    entries: int,
    fingerprint: str,
    ranked: int,
    incomplete: int,
    divergent: int,
    needs_draw: int,
    tier_positions: dict[str, list[int]],
) -> None:
    """Make the freshly written snapshot the event's current one (same transaction)."""
    _pause_for_tests()
    ResultSnapshot.objects.filter(event_id=snapshot.event_id, is_current=True).update(
        is_current=False
    )
    snapshot.is_current = True
    snapshot.entries = entries
    snapshot.ranked = ranked
    snapshot.complete = incomplete == 0 and divergent == 0 and needs_draw == 0
    snapshot.fingerprint = fingerprint
    snapshot.stats = {
        "incomplete": incomplete,
        "divergent": divergent,
        "needs_draw": needs_draw,
        "shared_places": scheme.shared_places,
        "tie_break": list(scheme.tie_break or []),
        "criteria": order,
        # first and last position of each award tier: tiers follow rank order, so a
        # tier's rows are consecutive (see ResultRow.Meta)
        "tier_positions": tier_positions,
    }
    snapshot.save(
        update_fields=["is_current", "entries", "ranked", "complete", "fingerprint", "stats"]
    )


def _pause_for_tests() -> None:
    path = os.environ.get(SLOW_ENV)
    if path:
        try:
            with open(path) as f:
                seconds = float(f.read().strip() or 0)
        except FileNotFoundError:
            return
        time.sleep(seconds)


def _insert_rows(snapshot_id: int, lines: Iterator[str]) -> tuple[int, str]:
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
    if value == "\\N":
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


def prune_snapshots(*, event_id: int, keep: int = 2) -> int:
    """Delete old provisional snapshots of an event, keeping the current and public ones,
    the `keep` versions before the current one (to compare with), and any a promotion
    record cites. Without this every recompute of a 400,000-entry event would add 400,000
    rows for good. Returns the number of snapshots deleted."""
    current = (
        ResultSnapshot.objects.filter(event_id=event_id, is_current=True)
        .values_list("version", flat=True)
        .first()
    )
    if current is None:
        return 0
    cited = PromotionRecord.objects.filter(snapshot__event_id=event_id).values("snapshot_id")
    ids = list(
        ResultSnapshot.objects.filter(
            event_id=event_id, is_current=False, is_public=False, version__lt=current - keep
        )
        .exclude(pk__in=cited)
        .values_list("pk", flat=True)
    )
    if ids:
        with transaction.atomic():
            ResultRow.objects.filter(snapshot_id__in=ids).delete()
            ResultSnapshot.objects.filter(pk__in=ids).delete()
    return len(ids)


# ---------------------------------------------------------------------------------------
# Contest awards
# ---------------------------------------------------------------------------------------


def _award_config(contest: Contest) -> dict:
    config = dict(contest.awards_config or {})
    defaults = {
        "gold_workers": {"mode": "per_event", "k": 1},
        "gold_teams": {"k": 1, "min_members": 3, "top_n": 50},
        "advanced_collectives": {"points": DEFAULT_POINTS, "participation_points": 0, "top_n": 51},
        "top_achievements": {"top_n": 10},
    }
    return {key: {**value, **(config.get(key) or {})} for key, value in defaults.items()}


def compute_awards(*, contest_id: int) -> AwardSnapshot:
    """The contest's award lists from its events' current snapshots, as a new current
    award snapshot (version n+1) written in one transaction."""
    with transaction.atomic():
        contest = Contest.objects.select_for_update().filter(pk=contest_id).first()
        if contest is None:
            raise ValidationError({"contest": [_("No such contest.")]})
        config = _award_config(contest)
        # The current snapshots first, then their rows by snapshot id: one index range per
        # snapshot whatever the planner believes about freshly loaded tables (a join
        # planned on stale statistics scanned every result row once per event: 40 s).
        events = {
            snapshot_id: (name, kind)
            for snapshot_id, name, kind in ResultSnapshot.objects.filter(
                is_current=True, event__contest_id=contest_id
            ).values_list("pk", "event__name", "event__kind")
        }
        raw = [
            (*events[row[0]], *row[1:])
            for row in ResultRow.objects.filter(snapshot_id__in=list(events)).values_list(
                "snapshot_id",
                "registration_id",
                "rank",
                "total",
                "standardised",
                "tier",
                "worker_id",
                "team_id",
                "employer_id",
                "display_name",
                "masked_name",
                "employer_name",
            )
        ]
        by_reg = {r[2]: r for r in raw}
        rows = [
            rules.EventRow(
                r[0],
                r[2],
                kind=r[1],
                rank=r[3],
                total=r[4],
                standardised=r[5],
                tier=r[6] or None,
                person_id=r[7],
                team_id=r[8],
                employer_id=r[9],
            )
            for r in raw
        ]
        try:
            lists = _award_lists(rows, config)
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise ValidationError({"awards_config": [str(exc)]}) from None
        last = AwardSnapshot.objects.filter(contest=contest).aggregate(v=Max("version"))["v"] or 0
        snapshot = AwardSnapshot.objects.create(contest=contest, version=last + 1)
        team_ids = {a.subject_id for kind, awards in lists for a in awards if kind == "team"}
        teams = {
            t[0]: t[1:]
            for t in Team.objects.filter(pk__in=team_ids).values_list(
                "id", "name", "employer_id", "employer__name"
            )
        }
        employer_ids = {a.subject_id for kind, awards in lists for a in awards if kind == "unit"}
        employers = dict(Employer.objects.filter(pk__in=employer_ids).values_list("id", "name"))
        objs = []
        for subject, (kind, awards) in zip(
            (AwardRow.Kind.GOLD_WORKER, AwardRow.Kind.GOLD_TEAM, AwardRow.Kind.ADVANCED_COLLECTIVE,
             AwardRow.Kind.TOP_ACHIEVEMENT),
            lists,
            strict=True,
        ):  # fmt: skip
            for a in awards:
                row = AwardRow(
                    snapshot=snapshot, kind=subject, rank=a.rank, score=a.score, reason=a.reason
                )
                if kind == "entry":
                    r = by_reg[a.subject_id]
                    row.registration_id, row.worker_id, row.team_id = r[2], r[7], r[8]
                    row.employer_id, row.employer_name = r[9], r[12]
                    row.display_name, row.masked_name = r[10], r[11]
                elif kind == "team":
                    name, employer_id, employer_name = teams.get(a.subject_id, ("", None, ""))
                    row.team_id, row.employer_id, row.employer_name = (
                        a.subject_id,
                        employer_id,
                        employer_name,
                    )
                    row.display_name = row.masked_name = name
                else:
                    name = employers.get(a.subject_id, "")
                    row.employer_id, row.employer_name = a.subject_id, name
                    row.display_name = row.masked_name = name
                objs.append(row)
        AwardRow.objects.bulk_create(objs, batch_size=2000)
        AwardSnapshot.objects.filter(contest=contest, is_current=True).update(is_current=False)
        snapshot.is_current = True
        snapshot.save(update_fields=["is_current"])
    return snapshot


def _award_lists(rows: list[rules.EventRow], config: dict) -> list[tuple[str, list]]:
    gw = config["gold_workers"]
    gold_workers = rules.gold_workers(
        rows,
        mode=gw.get("mode", "per_event"),
        k=int(gw.get("k", 1)),
        min_total=_dec(gw.get("min_total")),
        top_n=int(gw.get("top_n", 50)),
    )
    gt = config["gold_teams"]
    if any(r.kind == Event.Kind.TEAM for r in rows):
        gold_teams = rules.gold_teams_from_events(
            rows, k=int(gt.get("k", 1)), min_total=_dec(gt.get("min_total"))
        )
        # team-event awards name the entry (it carries the team's names and employer)
        team_kind = "entry"
    else:
        gold_teams = rules.gold_teams_from_members(
            rows, min_members=int(gt.get("min_members", 3)), top_n=int(gt.get("top_n", 50))
        )
        team_kind = "team"
    ac = config["advanced_collectives"]
    collectives = rules.advanced_collectives(
        rows,
        points={k: Decimal(str(v)) for k, v in (ac.get("points") or {}).items()},
        participation_points=Decimal(str(ac.get("participation_points") or 0)),
        top_n=int(ac.get("top_n", 51)),
    )
    achievements = rules.top_achievements(rows, top_n=int(config["top_achievements"]["top_n"]))
    if team_kind == "entry":
        # gold_teams_from_events names the team id when known; map back to the entry
        entry_of_team = {
            r.team_id: r.entry_id for r in rows if r.kind == Event.Kind.TEAM and r.rank
        }
        gold_teams = [
            rules.Award(entry_of_team.get(a.subject_id, a.subject_id), a.rank, a.score, a.reason)
            for a in gold_teams
        ]
    return [
        ("entry", gold_workers),
        (team_kind, gold_teams),
        ("unit", collectives),
        ("entry", achievements),
    ]


# ---------------------------------------------------------------------------------------
# Publishing
# ---------------------------------------------------------------------------------------


def _require_officer(actor, contest: Contest) -> None:
    if not manages_union(actor, contest.host_union):
        raise PermissionDenied(_("Only officers of the host union may do this."))


def _changed_since(event: Event, snapshot: ResultSnapshot) -> bool:
    since = snapshot.created_at
    return (
        Mark.objects.filter(event=event, updated_at__gt=since).exists()
        or Penalty.objects.filter(registration__event=event, at__gt=since).exists()
        or DrawLot.objects.filter(event=event, at__gt=since).exists()
    )


def _judging_incomplete(event: Event, snapshot: ResultSnapshot) -> str:
    """Why the event's results may not be published yet, or "" when they may.

    The snapshot already knows whether its marks were complete (no missing or divergent
    marks, no pending draw): it was computed from them. What it cannot know is a change
    after it was computed, so that is checked here with three cheap aggregates rather than
    a whole judging report (which costs seconds at a million marks).
    """
    if _changed_since(event, snapshot):
        return _(
            "Marks, penalties or draws of %(event)s changed after these results were "
            "computed; compute them again."
        ) % {"event": event.name}
    stats = snapshot.stats or {}
    if not snapshot.complete:
        return _(
            "%(event)s: %(incomplete)s entries with missing marks, %(divergent)s with divergent "
            "marks, %(draw)s waiting for a draw."
        ) % {
            "event": event.name,
            "incomplete": stats.get("incomplete", 0),
            "divergent": stats.get("divergent", 0),
            "draw": stats.get("needs_draw", 0),
        }
    return ""


def _publish_snapshot(actor, event: Event, override_reason: str) -> ResultSnapshot:
    snapshot = (
        ResultSnapshot.objects.select_for_update().filter(event=event, is_current=True).first()
    )
    if snapshot is None:
        raise ValidationError(
            {"event": [_("%(event)s has no computed results.") % {"event": event.name}]}
        )
    problem = _judging_incomplete(event, snapshot)
    if problem and not override_reason.strip():
        raise ValidationError(
            {"override_reason": [problem + " " + _("Give a reason to override.")]}
        )
    ResultSnapshot.objects.filter(event=event, is_public=True).exclude(pk=snapshot.pk).update(
        is_public=False
    )
    snapshot.is_public = True
    snapshot.published_at = timezone.now()
    snapshot.published_by = actor
    snapshot.override_reason = override_reason.strip() if problem else ""
    snapshot.save(update_fields=["is_public", "published_at", "published_by", "override_reason"])
    _invalidate_public(event_id=event.pk, contest_id=event.contest_id)
    return snapshot


def _invalidate_public(*, event_id: int | None = None, contest_id: int) -> None:
    """Public pages are cached until results change; tell the cache once this commits."""
    from public.cache import bump

    transaction.on_commit(lambda: bump(event_id=event_id, contest_id=contest_id))


@transaction.atomic
def publish_event(*, actor, event: Event, override_reason: str = "") -> ResultSnapshot:
    """Make the event's current snapshot the public one (replacing the previous public one
    in the same transaction). Refused while marks are missing or divergent unless an
    officer gives a reason."""
    event = _lock_event(event.pk)
    _require_officer(actor, event.contest)
    return _publish_snapshot(actor, event, override_reason)


@transaction.atomic
def publish_contest(*, actor, contest: Contest, override_reason: str = "") -> AwardSnapshot:
    """Publish every event's current snapshot and the current awards; the contest moves to
    `published`. All or nothing: one event that may not be published refuses the lot."""
    contest = Contest.objects.select_for_update().select_related("host_union").get(pk=contest.pk)
    _require_officer(actor, contest)
    events = list(Event.objects.filter(contest=contest).order_by("id"))
    published = 0
    for event in events:
        if ResultSnapshot.objects.filter(event=event, is_current=True).exists():
            _publish_snapshot(actor, event, override_reason)
            published += 1
    if not published:
        raise ValidationError({"contest": [_("No event of this contest has computed results.")]})
    awards = AwardSnapshot.objects.filter(contest=contest, is_current=True).first()
    if awards is None:
        awards = compute_awards(contest_id=contest.pk)
    AwardSnapshot.objects.filter(contest=contest, is_public=True).exclude(pk=awards.pk).update(
        is_public=False
    )
    awards.is_public = True
    awards.published_at = timezone.now()
    awards.save(update_fields=["is_public", "published_at"])
    contest.status = Contest.Status.PUBLISHED
    contest.save(update_fields=["status"])
    _invalidate_public(contest_id=contest.pk)
    return awards


# ---------------------------------------------------------------------------------------
# Draws and promotions
# ---------------------------------------------------------------------------------------


@transaction.atomic
def record_draw(*, actor, event: Event, lots: list[dict]) -> list[DrawLot]:
    """Record the lots drawn to break ties in an event that forbids shared places (lower
    lot wins); replaces earlier lots of the same entries. The event is then recomputed."""
    event = _lock_event(event.pk)
    _require_officer(actor, event.contest)
    scheme = ScoringScheme.objects.filter(event=event).first()
    if scheme is None or scheme.shared_places:
        raise ValidationError({"lots": [_("This event allows shared places: no draw is needed.")]})
    if not lots:
        raise ValidationError({"lots": [_("Give at least one lot.")]})
    reg_ids = [lot["registration"] for lot in lots]
    numbers = [lot["lot"] for lot in lots]
    if len(set(reg_ids)) != len(reg_ids) or len(set(numbers)) != len(numbers):
        raise ValidationError({"lots": [_("Each entry and each lot number may appear once.")]})
    known = set(
        Registration.objects.filter(event=event, pk__in=reg_ids).values_list("id", flat=True)
    )
    if unknown := sorted(set(reg_ids) - known):
        raise ValidationError({"lots": [_("Not entries of this event: %s") % unknown]})
    DrawLot.objects.filter(event=event, registration_id__in=reg_ids).delete()
    created = DrawLot.objects.bulk_create(
        [
            DrawLot(event=event, registration_id=r, lot=n, recorded_by=actor)
            for r, n in zip(reg_ids, numbers, strict=True)
        ]
    )
    from results.scheduling import request_recompute

    transaction.on_commit(lambda: request_recompute(event.pk))
    return created


@transaction.atomic
def apply_promotions(*, actor, event: Event) -> list[PromotionRecord]:
    """Apply the skill promotions of the event's published results to worker profiles.

    Recorded once per worker and published snapshot (re-applying does nothing), never
    lowering a grade a worker has meanwhile reached otherwise.
    """
    event = _lock_event(event.pk)
    _require_officer(actor, event.contest)
    snapshot = ResultSnapshot.objects.filter(event=event, is_public=True).first()
    if snapshot is None:
        raise ValidationError({"event": [_("Publish the results before applying promotions.")]})
    wanted = dict(
        ResultRow.objects.filter(
            snapshot=snapshot, promotion__isnull=False, worker_id__isnull=False
        ).values_list("worker_id", "promotion")
    )
    done = set(
        PromotionRecord.objects.filter(snapshot=snapshot).values_list("worker_id", flat=True)
    )
    records = []
    for worker in Worker.objects.select_for_update().filter(pk__in=wanted).order_by("pk"):
        to_grade = wanted[worker.pk]
        if worker.pk in done or worker.skill_grade <= to_grade:
            continue
        records.append(
            PromotionRecord(
                worker=worker,
                from_grade=worker.skill_grade,
                to_grade=to_grade,
                snapshot=snapshot,
                applied_by=actor,
            )
        )
        worker.skill_grade = to_grade
        worker.save(update_fields=["skill_grade", "updated_at"])
    return PromotionRecord.objects.bulk_create(records)
