"""Ranking: places, draws, standardised scores, award tiers and promotions.

One ranking walk serves both paths of the results engine: ``place_sorted`` ranks rows
that arrive sorted (from a database cursor on the set-based path, from ``finish`` on the
Python path), so the two cannot rank differently.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from scoring.arithmetic import CENT, CONTEXT, TWO, Cents, is_int, round_count
from scoring.records import (
    DECIDED_DRAW,
    DECIDED_TOTAL,
    AwardTier,
    EntryResult,
    PromotionRule,
    make_result,
)
from scoring.validation import check, promotion_problems, ranking_problems, tier_problems

_SEVEN_HUNDRED = Decimal(700)
_THIRTY = Decimal(30)
#: 1.4826 x MAD estimates the standard deviation of normally distributed totals.
_MAD_SCALE = Decimal("1.4826")
_STANDARD_MIDPOINT = Decimal("700.00")
_MAX_GRADE = 5
_TOP_GRADE = 1
#: Sort key of a missing completion time: after every real time (the SQL path uses it too).
NO_TIME = 1 << 62

#: What the walk yields per row: (row, rank, total, decided_by, needs_draw, standardised,
#: tier, promotion).
Placed = tuple[tuple[Any, ...], int, Decimal, str | None, bool, Decimal, str | None, int | None]


def competition_rank(keys: Sequence[Any]) -> list[int]:
    """Competition ranks (1, 2, 2, 4) of ``keys`` in input order; smaller key is better.

    An entry's rank is 1 + the number of entries strictly better, so tied entries share a
    place and the places they occupy are skipped.  Callers negate "higher is better" values.
    """
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ranks = [0] * len(keys)
    previous: Any = None
    rank = 0
    for position, index in enumerate(order, 1):
        key = keys[index]
        if position == 1 or key != previous:
            rank = position
            previous = key
        ranks[index] = rank
    return ranks


def time_key(entry_id: int, seconds: int | None) -> int:
    """Shorter completion time is better; an unknown time is worst."""
    if seconds is None:
        return NO_TIME
    if not is_int(seconds) or not 0 <= seconds < NO_TIME:
        raise ValueError(f"entry {entry_id}: completion_seconds must be an integer >= 0")
    return seconds


def _placings(
    rows: Iterable[tuple[Any, ...]],
    depth: int,
    level_names: Sequence[str],
    shared_places: bool,
) -> Iterator[tuple[tuple[Any, ...], int, str | None, bool]]:
    """Rank sorted rows in one streaming walk, yielding ``(row, rank, decided_by,
    needs_draw)`` in order.

    A row is ``(*key, entry_id, payload, draw, ...)`` where the first ``depth`` items are
    the sort key (minus the total in cents, then the tie-break components).  Rows with
    equal keys form a group that shares the rank (competition ranking: the rank is 1 + the
    number of rows strictly before).  When ``shared_places`` is False and every member of a
    group has a distinct draw, the draw orders them; otherwise the whole group keeps
    sharing and is flagged ``needs_draw`` (all or nothing: placing whoever happens to have
    drawn already ahead of an undrawn rival would be arbitrary).

    ``decided_by`` of a lone row is the deepest key component needed to separate it from
    the rows directly above and below (for sorted keys adjacent rows share the longest
    prefix, so that covers every comparison that fixed its place).  Only the current group
    is held, so the rows may come straight from a database cursor.
    """
    total_name = level_names[0]
    draw_at = depth + 2
    group: list[tuple[Any, ...]] = []
    before = 0  # first key component where the group differs from the row above
    placed = 0  # rows yielded so far

    def emit(after: int) -> Iterator[tuple[tuple[Any, ...], int, str | None, bool]]:
        if len(group) == 1:
            level = before if before > after else after
            yield group[0], placed + 1, level_names[level] if level else total_name, False
            return
        draws = [m[draw_at] for m in group]
        if not shared_places and None not in draws and len(set(draws)) == len(draws):
            group.sort(key=lambda m: m[draw_at])
            for offset, m in enumerate(group):
                yield m, placed + 1 + offset, DECIDED_DRAW, False
        else:
            for m in group:
                yield m, placed + 1, None, not shared_places

    for row in rows:
        if group:
            head = group[0]
            level = 0
            while level < depth and head[level] == row[level]:
                level += 1
            if level == depth:
                group.append(row)
                continue
            yield from emit(level)
            placed += len(group)
            before = level
        group = [row]
    if group:
        yield from emit(0)


# ---------------------------------------------------------------------------------------
# Standardised scores, tiers, promotion
# ---------------------------------------------------------------------------------------


def _median(sorted_values: Sequence[Decimal]) -> Decimal:
    n = len(sorted_values)
    mid = n // 2
    if n % 2:
        return sorted_values[mid]
    return (sorted_values[mid - 1] + sorted_values[mid]) / TWO


def standardise(totals: Sequence[Decimal]) -> list[Decimal]:
    """WorldSkills-style 700-scale scores for the given (ranked) totals, in input order.

    700 + 30 x (total - median) / (1.4826 x MAD): the median and the median absolute
    deviation are robust to a few extreme entries, and the common scale lets events with
    harsh and lenient panels be compared.  When MAD is 0 (more than half the totals equal)
    the spread is undefined and everyone gets 700.  The quotient is taken in one division
    so the result is the correctly rounded 28-digit value before the final 2 dp rounding.
    """
    if not totals:
        return []
    with decimal.localcontext(CONTEXT):
        ordered = sorted(totals)
        median = _median(ordered)
        mad = _median(sorted(abs(t - median) for t in ordered))
        if mad == 0:
            return [_STANDARD_MIDPOINT] * len(totals)
        scale = _MAD_SCALE * mad
        return [
            (_SEVEN_HUNDRED + _THIRTY * (t - median) / scale).quantize(CENT, ROUND_HALF_UP)
            for t in totals
        ]


def _standardiser(cents_desc: Sequence[int]) -> Callable[[int], Decimal]:
    """``standardise`` for 2 dp totals given as integer cents sorted descending.

    Works on integers (exact, no Decimal sorts) and memoises per distinct total: an event
    of 100,000 entries has at most 10,001 distinct totals.  With c = cents, m2 = 2 x median
    in cents and mad4 = 4 x MAD in cents, 30 x (t - median) / (1.4826 x MAD) equals
    60 x (2c - m2) / (1.4826 x mad4), the same rational, so the single correctly rounded
    division gives exactly what ``standardise`` gives.
    """
    n = len(cents_desc)
    mid = n // 2
    ascending = cents_desc[::-1]
    m2 = 2 * ascending[mid] if n % 2 else ascending[mid - 1] + ascending[mid]
    deviations = sorted(abs(2 * c - m2) for c in ascending)
    mad4 = 2 * deviations[mid] if n % 2 else deviations[mid - 1] + deviations[mid]
    cache: dict[int, Decimal] = {}
    if mad4 == 0:
        return lambda c: _STANDARD_MIDPOINT
    scale = _MAD_SCALE * mad4

    def standard(c: int) -> Decimal:
        value = cache.get(c)
        if value is None:
            value = (_SEVEN_HUNDRED + Decimal(60 * (2 * c - m2)) / scale).quantize(
                CENT, ROUND_HALF_UP
            )
            cache[c] = value
        return value

    return standard


def tier_cutoffs(tiers: Sequence[AwardTier], ranked_count: int) -> list[int]:
    """Cumulative cut-off rank of each tier for ``ranked_count`` ranked entries.

    ``count`` and ``share`` add places (a share rounds half-up: 10 % of 15 is 2);
    ``until_share`` sets the cumulative cut-off directly and never moves it backwards.
    """
    check(tier_problems(tiers))
    n = Decimal(ranked_count)
    cutoffs: list[int] = []
    cumulative = 0
    with decimal.localcontext(CONTEXT):
        for tier in tiers:
            if tier.count is not None:
                cumulative += tier.count
            elif tier.share is not None:
                cumulative += round_count(tier.share * n)
            else:
                assert tier.until_share is not None
                cumulative = max(cumulative, round_count(tier.until_share * n))
            cutoffs.append(cumulative)
    return cutoffs


def _tier_for(
    rank: int,
    total: Decimal,
    standardised: Decimal | None,
    tiers: Sequence[AwardTier],
    cutoffs: Sequence[int],
) -> str | None:
    """The first tier whose cut-off rank is at least ``rank`` and whose minimums the entry
    reaches; failing a tier's minimum it may still land in a later tier.  Because the test
    is on the rank, every entry tied at a cut-off gets the tier."""
    for tier, cutoff in zip(tiers, cutoffs, strict=True):
        if cutoff < rank:
            continue
        if tier.min_total is not None and total < tier.min_total:
            continue
        if tier.min_standardised is not None and (
            standardised is None or standardised < tier.min_standardised
        ):
            continue
        return tier.name
    return None


def _new_grade(grade: Any, entry_id: int | None = None) -> int | None:
    """The grade one step up from ``grade``; None at 高级技师 (1, the top grade)."""
    if not is_int(grade) or not _TOP_GRADE <= grade <= _MAX_GRADE:
        whose = "" if entry_id is None else f"entry {entry_id}: "
        raise ValueError(f"{whose}skill grade must be an integer 1..5, got {grade!r}")
    return grade - 1 if grade > _TOP_GRADE else None


def promote(
    rank: int | None, total: Decimal | None, grade: int | None, rule: PromotionRule
) -> int | None:
    """New skill grade earned by a ranked result, or None (not qualified, grade unknown, or
    already 高级技师 = 1, the top grade, which cannot be passed)."""
    check(promotion_problems(rule))
    if rank is None or total is None or grade is None:
        return None
    promoted = _new_grade(grade)
    if rule.within_rank is not None and rank > rule.within_rank:
        return None
    if rule.min_total is not None and total < rule.min_total:
        return None
    return promoted


# ---------------------------------------------------------------------------------------
# The walk
# ---------------------------------------------------------------------------------------


def _place(
    rows: Iterable[tuple[Any, ...]],
    ranked_cents_desc: Sequence[int],
    level_names: Sequence[str],
    shared_places: bool,
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
) -> Iterator[Placed]:
    depth = len(level_names)
    standard = _standardiser(ranked_cents_desc) if ranked_cents_desc else None
    cents = Cents()
    tier_count = len(tiers)
    cutoffs = tier_cutoffs(tiers, len(ranked_cents_desc)) if tiers else []
    tier_names = [t.name for t in tiers]
    plain_tiers = all(t.min_total is None and t.min_standardised is None for t in tiers)
    tier_pos = 0
    within = promotion.within_rank if promotion is not None else None
    floor = promotion.min_total if promotion is not None else None
    grade_at = depth + 3
    for row, rank, decided_by, needs_draw in _placings(rows, depth, level_names, shared_places):
        total = cents[-row[0]]
        std = standard(-row[0])  # type: ignore[misc]
        tier = None
        if tier_count:
            while tier_pos < tier_count and cutoffs[tier_pos] < rank:
                tier_pos += 1
            if tier_pos < tier_count:
                if plain_tiers:
                    tier = tier_names[tier_pos]
                else:
                    tier = _tier_for(rank, total, std, tiers[tier_pos:], cutoffs[tier_pos:])
        promoted = None
        if (
            promotion is not None
            and (within is None or rank <= within)
            and (floor is None or total >= floor)
        ):
            grade = row[grade_at]
            if grade is not None:
                promoted = _new_grade(grade, row[depth])
        yield row, rank, total, decided_by, needs_draw, std, tier, promoted


def place_sorted(
    rows: Iterable[tuple[Any, ...]],
    *,
    ranked_cents_desc: Sequence[int],
    tie_break: Sequence[str] = (),
    shared_places: bool = True,
    tiers: Sequence[AwardTier] = (),
    promotion: PromotionRule | None = None,
) -> Iterator[Placed]:
    """Rank, standardise, tier and promote sorted rankable rows, streaming.

    Each row is ``(-total_cents, *components, entry_id, payload, draw, grade)`` with one
    component per ``tie_break`` item (minus the criterion's cents, or the completion time
    in seconds with None as ``NO_TIME``), the rows sorted ascending (all components
    "smaller is better") and holding only the rankable entries; ``payload`` is carried
    through untouched.  ``ranked_cents_desc`` lists every row's total in cents, descending
    (the tier cut-offs and the standardised scale need the whole field before the first
    row is placed).  Yields ``(row, rank, total, decided_by, needs_draw, standardised,
    tier, promotion)`` per row in order; the caller appends the unranked.
    """
    check(ranking_problems(tie_break, None, tiers, promotion))
    levels = (DECIDED_TOTAL, *tie_break)
    return _place(rows, ranked_cents_desc, levels, shared_places, tiers, promotion)


class Field(NamedTuple):
    """An event's scored entries on their way to the ranking walk.

    ``ids``, ``totals``, ``crits`` (criterion scores) and ``eligible`` are indexed by the
    entry's position in the input; ``rows`` holds one ``(-cents, *tie_break_components,
    entry_id, index, draw, grade)`` per rankable entry, ``unranked`` the indices of the
    others.
    """

    ids: list[int]
    totals: list[Decimal | None]
    crits: list[dict[str, Decimal]]
    eligible: list[bool]
    rows: list[tuple[Any, ...]]
    unranked: list[int]

    @classmethod
    def empty(cls) -> Field:
        return cls([], [], [], [], [], [])


def finish(
    field: Field,
    tie_break: Sequence[str],
    shared_places: bool,
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
) -> list[EntryResult]:
    """Sort, place and build the ordered results of a field (options checked): the ranked
    entries in rank order, then the others by entry id."""
    ids, totals, crits, eligible, rows, unranked = field
    level_names = (DECIDED_TOTAL, *tie_break)
    rows.sort()
    results: list[EntryResult] = []
    append = results.append
    for row, rank, total, decided_by, needs_draw, std, tier, promoted in _place(
        rows, [-row[0] for row in rows], level_names, shared_places, tiers, promotion
    ):
        index = row[-3]
        append(
            make_result(
                ids[index],
                total,
                crits[index],
                rank,
                True,
                std,
                tier,
                promoted,
                decided_by,
                needs_draw,
                True,
            )
        )
    unranked.sort(key=ids.__getitem__)
    for i in unranked:
        append(
            make_result(
                ids[i],
                totals[i],
                crits[i],
                None,
                totals[i] is not None,
                None,
                None,
                None,
                None,
                False,
                eligible[i],
            )
        )
    return results
