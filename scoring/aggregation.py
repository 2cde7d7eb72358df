"""How a panel's marks become one criterion score, in Python and in SQL, side by side.

Each aggregation is one class holding both definitions of the rule: ``kept`` (Python: the
sum of the marks that count and how many they are) next to ``kept_sql`` (the same two
figures as SQL over a row of marks summarised by ``SqlMarks``), and ``spread`` next to
``spread_sql`` for the divergence check.  The criterion score is then
weight x kept / (max_mark x count) on both paths (``scoring.event`` in Python, the
set-based engine of the results app in SQL), so changing a rule is one edit here and
``tests/results/test_set_based.py`` proves the two paths still agree.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from scoring.arithmetic import CONTEXT, ZERO, round2

AGGREGATIONS = ("mean", "median", "trimmed_mean")
TEAM_AGGREGATIONS = ("sum", "mean")


class SqlMarks(NamedTuple):
    """SQL expressions for one entry's marks on one criterion.

    ``count``, ``total``, ``low`` and ``high`` are integers (the marks in hundredths, so
    sums stay exact in bigint); ``values`` names the marks as a numeric array sorted
    ascending (1-based), present where ``needs_marks`` says so.
    """

    count: str
    total: str
    low: str
    high: str
    values: str

    def hundredths(self, index: str) -> str:
        """The mark at 1-based position ``index`` of ``values``, in hundredths."""
        return f"({self.values}[{index}] * 100)::bigint"

    def range(self) -> str:
        """Highest minus lowest mark (numeric, like the divergence limit)."""
        return f"{self.values}[{self.count}] - {self.values}[1]"


class Mean:
    """The plain mean of every mark."""

    needs_marks = False

    @staticmethod
    def kept(n: int, total: Decimal | None, low: Decimal, high: Decimal, ordered) -> tuple:
        return (sum(ordered, ZERO) if total is None else total), n

    @staticmethod
    def kept_sql(m: SqlMarks) -> tuple[str, str]:
        return m.total, m.count

    @staticmethod
    def spread(ordered: Sequence[Decimal]) -> Decimal:
        return ordered[-1] - ordered[0]

    @staticmethod
    def spread_sql(m: SqlMarks) -> str:
        return m.range()


class TrimmedMean:
    """去掉一个最高分和一个最低分: ONE highest and ONE lowest mark are dropped and the rest
    averaged, so a single harsh or generous judge cannot swing the result; with fewer than
    3 marks nothing can be dropped and it is the plain mean.  The spread judged against the
    divergence limit is that of the marks kept, like gymnastics' tolerance: an outlier that
    is dropped anyway does not block the result."""

    needs_marks = False

    @staticmethod
    def kept(n: int, total: Decimal | None, low: Decimal, high: Decimal, ordered) -> tuple:
        if total is None:
            total = sum(ordered, ZERO)
        if n >= 3:
            return total - high - low, n - 2
        return total, n

    @staticmethod
    def kept_sql(m: SqlMarks) -> tuple[str, str]:
        n = m.count
        return (
            f"CASE WHEN {n} >= 3 THEN {m.total} - {m.high} - {m.low} ELSE {m.total} END",
            f"CASE WHEN {n} >= 3 THEN {n} - 2 ELSE {n} END",
        )

    @staticmethod
    def spread(ordered: Sequence[Decimal]) -> Decimal:
        if len(ordered) >= 3:
            return ordered[-2] - ordered[1]
        return ordered[-1] - ordered[0]

    @staticmethod
    def spread_sql(m: SqlMarks) -> str:
        n, v = m.count, m.values
        return f"CASE WHEN {n} >= 3 THEN {v}[{n} - 1] - {v}[2] ELSE {m.range()} END"


class Median:
    """The middle mark, or the mean of the two middle marks of an even count."""

    needs_marks = True

    @staticmethod
    def kept(n: int, total: Decimal | None, low: Decimal, high: Decimal, ordered) -> tuple:
        mid = n // 2
        if n % 2:
            return ordered[mid], 1
        return ordered[mid - 1] + ordered[mid], 2

    @staticmethod
    def kept_sql(m: SqlMarks) -> tuple[str, str]:
        n = m.count
        return (
            f"CASE WHEN {n} % 2 = 1 THEN {m.hundredths(f'({n} + 1) / 2')} "
            f"ELSE {m.hundredths(f'{n} / 2')} + {m.hundredths(f'{n} / 2 + 1')} END",
            f"CASE WHEN {n} % 2 = 1 THEN 1 ELSE 2 END",
        )

    spread = Mean.spread
    spread_sql = Mean.spread_sql


RULES: dict[str, type[Mean] | type[TrimmedMean] | type[Median]] = {
    "mean": Mean,
    "median": Median,
    "trimmed_mean": TrimmedMean,
}


def rule(method: str):
    """The aggregation called ``method``; ValueError for an unknown one."""
    found = RULES.get(method)
    if found is None:
        raise ValueError(
            f"unknown aggregation {method!r}; expected one of {', '.join(AGGREGATIONS)}"
        )
    return found


def needs_marks(method: str, divergence_limit: Decimal | None) -> bool:
    """A median, or a divergence check (which looks at the marks in order), needs every
    mark; a mean or a trimmed mean only needs the count, sum, low and high."""
    return rule(method).needs_marks or divergence_limit is not None


def aggregate(values: Sequence[Decimal], method: str) -> Decimal:
    """Combine one panel's marks into the criterion score (before weighting)."""
    found = rule(method)
    n = len(values)
    if n == 0:
        raise ValueError("cannot aggregate an empty list of marks")
    with decimal.localcontext(CONTEXT):
        ordered = sorted(values)
        kept, count = found.kept(n, None, ordered[0], ordered[-1], ordered)
        return kept / count


def divergent(values: Sequence[Decimal], limit: Decimal | None, method: str) -> bool:
    """True when the judges disagree by more than ``limit`` (the panel must review).

    The spread is the aggregation's (see ``TrimmedMean``); no limit, no divergence.
    """
    found = rule(method)
    if limit is None or len(values) < 2:
        return False
    with decimal.localcontext(CONTEXT):
        return found.spread(sorted(values)) > limit


def divergent_sql(method: str, marks: SqlMarks, limit: Decimal) -> str:
    """``divergent`` as an SQL boolean over one entry's marks."""
    return f"coalesce({marks.count} >= 2 AND {rule(method).spread_sql(marks)} > {limit}, false)"


def team_total(member_totals: Sequence[Decimal | None], how: str) -> Decimal | None:
    """A team's total from its members' totals: their ``sum`` or ``mean``, 2 dp half-up.

    None when any member is still incomplete: a partial sum would rank the team too low
    and a partial mean would judge it on its finished members only.
    """
    if how not in TEAM_AGGREGATIONS:
        raise ValueError(
            f"unknown team_aggregation {how!r}; expected one of {', '.join(TEAM_AGGREGATIONS)}"
        )
    if not member_totals:
        raise ValueError("a team needs at least one member total")
    if any(t is None for t in member_totals):
        return None
    with decimal.localcontext(CONTEXT):
        summed = sum(member_totals, ZERO)  # type: ignore[arg-type]
        value = summed if how == "sum" else summed / len(member_totals)
        return round2(value)
