"""The statement that scores a whole event in PostgreSQL, as the scoring rules would.

The per-aggregation SQL is ``scoring.aggregation``'s (each next to its Python rule), the
rounding ``scoring.arithmetic.half_up_cents_sql``, the name masking
``core.validators.mask_name_sql``; this module assembles them over the event's tables.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from psycopg import sql as sql_text

from contests.models import Registration
from core.validators import mask_name_sql
from judging.models import Criterion, Mark, Penalty
from results.engine.snapshots import esc_sql, json_key
from results.models import DrawLot
from scoring import aggregation
from scoring.arithmetic import half_up_cents_sql
from unions.models import Employer
from workers.models import Team, Worker

#: Bounds under which the database scores in bigint (see ``fits_bigint``).
MAX_MARKS = 100
MAX_PENALTY = 1000


def hundredths_ratio(c: Criterion) -> tuple[int, Fraction]:
    """The criterion's top mark in hundredths, and weight / (100 x top) in lowest terms:
    a criterion scores that ratio x the hundredths kept / the number of marks kept."""
    top = int(Decimal(c.max_mark) * 100)
    return top, Fraction(int(Decimal(c.weight) * 100), 100 * top)


def fits_bigint(criteria: list[Criterion]) -> bool:
    """Whether (200 x num + den) stays below 2**62 for every entry within the bounds."""
    xs, ds = [], []
    for c in criteria:
        top, ratio = hundredths_ratio(c)
        xs.append(ratio.numerator * MAX_MARKS * top)
        ds.append(ratio.denominator * MAX_MARKS)
    product = 1
    for d in ds:
        product *= d
    num = sum(x * product // d for x, d in zip(xs, ds, strict=True))
    bound = 200 * (100 * num + 100 * MAX_PENALTY * product) + 100 * product
    return bound < 1 << 62


def _criterion_columns(i: int, c: Criterion) -> tuple[str, str, str, str | None]:
    """For criterion ``i``: its aggregates over the marks (``m``), its exact score as the
    fraction x{i} / d{i} with its completeness ok{i} (``f``), its marks-out-of-range test,
    and its divergence test (None without a limit)."""
    only = f"FILTER (WHERE criterion_id = {int(c.pk)})"
    sums = (
        f"count(*) {only} AS n{i}, (sum(value) {only} * 100)::bigint AS s{i}, "
        f"(min(value) {only} * 100)::bigint AS lo{i}, "
        f"(max(value) {only} * 100)::bigint AS hi{i}"
    )
    if aggregation.needs_marks(c.aggregation, c.divergence_limit):
        # the marks themselves, in order (v{i}[1] is the lowest)
        sums += f", array_agg(value ORDER BY value) {only} AS v{i}"
    marks = aggregation.SqlMarks(f"n{i}", f"s{i}", f"lo{i}", f"hi{i}", f"v{i}")
    kept, count = aggregation.rule(c.aggregation).kept_sql(marks)
    top, ratio = hundredths_ratio(c)
    part = (
        f"{ratio.numerator} * ({kept}) AS x{i}, {ratio.denominator} * ({count}) AS d{i}, "
        f"coalesce(n{i} >= {int(c.judges_required)}, false) AS ok{i}"
    )
    divergent = None
    if c.divergence_limit is not None:
        divergent = aggregation.divergent_sql(c.aggregation, marks, Decimal(c.divergence_limit))
    return sums, part, f"coalesce(lo{i} < 0 OR hi{i} > {top}, false)", divergent


def scored_sql(event_id: int, criteria: list[Criterion]) -> str:
    """One statement materialising every approved entry of the event, scored.

    Per entry: criterion scores and total in integer cents with the exact arithmetic of
    ``scoring.compute_event``. Marks are counted in hundredths (their two decimals), so
    with a / b = weight / (100 x max_mark) in lowest terms, k the number of marks averaged
    and S the hundredths kept (``scoring.aggregation``), a criterion scores
    x / d = a x S / (b x k) and its cents are half_up_cents(x, d) in integers; the total is
    the sum of those fractions minus the penalties over their common denominator, rounded
    once, half up, by exact integer division. Also the columns ranking needs, a ``bad``
    flag for marks or penalties the rules must reject, ``divergent`` where judges disagree
    beyond a criterion's limit, and ``fixed``: the COPY text of every column the ranking
    does not decide (names masked as ``mask_name`` does).
    """
    q = sql_text.Literal
    sums, parts, scores, oks, bad, json_parts, divergent = [], [], [], [], [], [], []
    for i, c in enumerate(criteria):
        aggregates, part, out_of_range, diverges = _criterion_columns(i, c)
        sums.append(aggregates)
        parts.append(part)
        bad.append(out_of_range)
        if diverges is not None:
            divergent.append(diverges)
        scores.append(f"CASE WHEN ok{i} THEN {half_up_cents_sql(f'x{i}', f'd{i}')} END AS c{i}")
        oks.append(f"ok{i}")
        key = json_key(c.code) + ':"'
        json_parts.append(
            f"CASE WHEN s.c{i} IS NOT NULL THEN {q(key).as_string(None)} || "
            f"(s.c{i} / 100)::text || '.' || lpad((s.c{i} % 100)::text, 2, '0') || '\"' END"
        )
    n = len(criteria)
    # Exact integers either way; bigint (much faster than numeric) when no entry with at
    # most MAX_MARKS marks per criterion and MAX_PENALTY marks of penalties can overflow
    # it. Entries beyond those bounds are flagged and go to the rules.
    cast = "" if fits_bigint(criteria) else "::numeric"
    den = " * ".join(f"d{j}{cast}" for j in range(n))
    num = " + ".join(
        " * ".join([f"x{i}{cast}"] + [f"d{j}" for j in range(n) if j != i]) for i in range(n)
    )
    bad += [f"n{i} > {MAX_MARKS}" for i in range(n)]
    divide = half_up_cents_sql("f.num", "f.den", numeric=bool(cast))
    null = "'\\N'"
    name = "coalesce(w.name, '')"
    display = (
        f"CASE WHEN r.worker_id IS NOT NULL THEN {name} "
        "WHEN r.team_id IS NOT NULL THEN coalesce(t.name, '') ELSE coalesce(a.title, '') END"
    )
    masked = f"CASE WHEN r.worker_id IS NOT NULL THEN {mask_name_sql(name)} ELSE {display} END"
    fixed = ", ".join(
        [
            "s.registration_id::text",
            f"coalesce(s.bib::text, {null})",
            "'{' || concat_ws(',', " + ", ".join(json_parts) + ") || '}'",
            "coalesce(s.pen::text, '0.00')",
            esc_sql("s.display"),
            esc_sql("s.masked"),
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
            SELECT e.id, concat_ws(E'\\t', e.id::text, {esc_sql("e.name")}, e.kind,
                   {esc_sql("coalesce(rg.name, '')")}, {esc_sql("coalesce(rg.path, '')")},
                   {esc_sql("coalesce(u.path, '')")}) AS place
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
