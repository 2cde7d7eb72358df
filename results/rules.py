"""Pure scoring, ranking and award math of the results engine.

Nothing here touches Django, the database or the clock: every function takes plain frozen
dataclasses (or numbers) and returns new ones.  That keeps the rules that decide who wins a
prize reviewable in one file, testable by property, and fast enough to recompute a whole
event (100,000 entries) on every publish.

Money-like rules, money-like arithmetic: all scores are ``Decimal``.  Floats are refused
(``Decimal`` + ``float`` raises ``TypeError``; the module context also traps
``FloatOperation``) because a binary float cannot represent 8.5 / 3 judges' decisions
reproducibly and a 0.005 difference decides a prize.  Intermediate values keep 28
significant digits; only published figures are rounded, always ROUND_HALF_UP to 2 places
(the rounding a Chinese scoresheet uses: 四舍五入).

Invalid configuration raises ``ValueError`` with a message meant for a human (the Django
side turns it into an HTTP 400).

Vocabulary (see /work/shared/DOMAIN.md): entry 报名, criterion 评分项, judge panel 裁判组,
award tier 奖项, skill grade 职业技能等级 (5 初级工 ... 1 高级技师), promotion 晋级.
"""

from __future__ import annotations

import decimal
import gc
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

__all__ = [
    "AGGREGATIONS",
    "TEAM_AGGREGATIONS",
    "Award",
    "AwardTier",
    "CriterionSpec",
    "EntryInput",
    "EntryResult",
    "EventRow",
    "MarkSummary",
    "PromotionRule",
    "ScoredInput",
    "TotalInput",
    "advanced_collectives",
    "aggregate",
    "assign_tiers",
    "competition_rank",
    "compute_event",
    "divergent",
    "entry_input",
    "gc_paused",
    "gold_teams_from_events",
    "gold_teams_from_members",
    "gold_workers",
    "place_sorted",
    "preset_medals",
    "preset_prizes_10_20_30",
    "preset_promotion_top5",
    "promote",
    "rank_scored",
    "rank_totals",
    "round2",
    "standardise",
    "team_total",
    "tier_cutoffs",
    "top_achievements",
    "validate_criteria",
    "validate_ranking",
    "validate_tiers",
]

#: Arithmetic context for every computation in this module: 28 significant digits is far
#: beyond any mark (a few digits) times a weight, so intermediate rounding never reaches
#: the published second decimal place.  Traps turn silent NaN/inf/float mixing into errors.
CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
        decimal.FloatOperation,
    ],
)

AGGREGATIONS = ("mean", "median", "trimmed_mean")
TEAM_AGGREGATIONS = ("sum", "mean")
TIME = "time"
#: Values of ``EntryResult.decided_by`` besides criterion codes; criteria may not use them.
DECIDED_TOTAL = "total"
DECIDED_DRAW = "draw"
_RESERVED_CODES = frozenset({TIME, DECIDED_TOTAL, DECIDED_DRAW})

_ZERO = Decimal(0)
_ONE = Decimal(1)
_TWO = Decimal(2)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_SEVEN_HUNDRED = Decimal(700)
_THIRTY = Decimal(30)
#: 1.4826 x MAD estimates the standard deviation of normally distributed totals.
_MAD_SCALE = Decimal("1.4826")
_STANDARD_MIDPOINT = Decimal("700.00")
_MAX_GRADE = 5
_TOP_GRADE = 1

_AGG_MEAN, _AGG_MEDIAN, _AGG_TRIMMED = 0, 1, 2
_AGG_CODES = {"mean": _AGG_MEAN, "median": _AGG_MEDIAN, "trimmed_mean": _AGG_TRIMMED}


def round2(value: Decimal) -> Decimal:
    """Round to 2 decimal places half-up, the rounding of every published figure."""
    return value.quantize(_CENT, ROUND_HALF_UP)


def _round_count(value: Decimal) -> int:
    """Round a place count half-up (10 % of 5 entries is 1 prize, not 0)."""
    return int(value.quantize(_ONE, ROUND_HALF_UP))


def _is_number(value: object) -> bool:
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# ---------------------------------------------------------------------------------------
# Input and output records
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CriterionSpec:
    """One criterion (评分项) of an event's scoring scheme.

    ``weight`` is the share of the 100-point total this criterion carries; ``max_mark`` the
    top mark a judge may give, so ``weight * score / max_mark`` rescales any marking scale
    (10-point, 100-point) onto the weight.  ``judges_required`` marks must be present
    before the entry counts as complete; ``divergence_limit`` (optional) is the largest
    spread between judges tolerated before the panel must review (see ``divergent``).
    """

    code: str
    weight: Decimal
    max_mark: Decimal
    aggregation: str
    judges_required: int
    divergence_limit: Decimal | None = None


class MarkSummary(tuple):
    """A panel's marks for one criterion, summarised: ``(count, sum, low, high)``.

    Enough for ``mean`` and ``trimmed_mean`` (sum - high - low over count - 2), so a
    database can aggregate a million marks and hand over two hundred thousand summaries;
    ``compute_event`` accepts one wherever it accepts a list of marks and gives the same
    result as for the list (tested).  A ``median`` needs the marks themselves.
    """

    __slots__ = ()

    def __new__(cls, count: int, total: Decimal, low: Decimal, high: Decimal) -> MarkSummary:
        return tuple.__new__(cls, (count, total, low, high))

    @classmethod
    def of(cls, values: Sequence[Decimal]) -> MarkSummary:
        """The summary of a non-empty list of marks."""
        with decimal.localcontext(CONTEXT):
            return cls(len(values), sum(values, _ZERO), min(values), max(values))


@dataclass(frozen=True, slots=True)
class EntryInput:
    """One entry (报名) of an event with its judges' marks per criterion code.

    ``penalties`` are deducted from the 100-point total (a number of marks, not a
    percentage).  ``eligible`` is False for entries that are not approved or were
    disqualified: they are scored for the record but never ranked.  ``draw`` is the number
    drawn by lot (抽签) when the event does not allow shared places; lower wins.
    """

    entry_id: int
    marks: Mapping[str, Sequence[Decimal] | MarkSummary]
    penalties: Decimal = _ZERO
    completion_seconds: int | None = None
    eligible: bool = True
    draw: int | None = None


_entry_setters = tuple(getattr(EntryInput, name).__set__ for name in EntryInput.__slots__)


def entry_input(
    entry_id: int,
    marks: Mapping[str, Sequence[Decimal] | MarkSummary],
    penalties: Decimal = _ZERO,
    completion_seconds: int | None = None,
    eligible: bool = True,
    draw: int | None = None,
) -> EntryInput:
    """``EntryInput(...)`` without the frozen dataclass ``__init__`` (see ``_result``): the
    database side builds one per entry, 100,000 per event.  Equal to the dataclass-built
    one (tested)."""
    entry = object.__new__(EntryInput)
    set_id, set_marks, set_penalties, set_seconds, set_eligible, set_draw = _entry_setters
    set_id(entry, entry_id)
    set_marks(entry, marks)
    set_penalties(entry, penalties)
    set_seconds(entry, completion_seconds)
    set_eligible(entry, eligible)
    set_draw(entry, draw)
    return entry


@dataclass(frozen=True, slots=True)
class TotalInput:
    """An entry whose total is already known: a team scored by its members' totals.

    ``total`` None means incomplete.  ``criteria`` holds the (2 dp) weighted criterion
    scores that a criterion tie-break compares; it may stay empty when only ``"time"`` or no
    tie-break is used.
    """

    entry_id: int
    total: Decimal | None
    criteria: Mapping[str, Decimal] | None = None
    completion_seconds: int | None = None
    eligible: bool = True
    draw: int | None = None


@dataclass(frozen=True, slots=True)
class EntryResult:
    """The published result of one entry.

    ``total`` is the rounded 100-point total (None when incomplete).  ``criteria`` maps each
    criterion code with enough marks to its weighted score rounded for display; the total
    is computed from the unrounded scores, so the displayed parts may differ from the total
    by 0.01.  ``rank`` uses competition ranking (1, 2, 2, 4) and is None for incomplete or
    ineligible entries.

    ``decided_by`` says what separated this entry from its neighbours in the ranking: the
    deepest comparison that was needed to tell it apart from the entries directly above and
    below.  ``"total"`` when its total differs from both neighbours' totals, a criterion
    code or ``"time"`` when that tie-break item separated it, ``"draw"`` when its place came
    from the recorded draw, and None when it shares its rank (or is unranked).
    ``needs_draw`` is True for entries that still share a rank in an event that forbids
    shared places because draws are missing or duplicated: the organiser must hold a draw.
    """

    entry_id: int
    total: Decimal | None
    criteria: dict[str, Decimal]
    rank: int | None
    complete: bool
    standardised: Decimal | None
    tier: str | None
    promotion: int | None
    decided_by: str | None
    needs_draw: bool
    eligible: bool = True


_object_new = object.__new__
(
    _set_entry_id,
    _set_total,
    _set_criteria,
    _set_rank,
    _set_complete,
    _set_standardised,
    _set_tier,
    _set_promotion,
    _set_decided_by,
    _set_needs_draw,
    _set_eligible,
) = (getattr(EntryResult, name).__set__ for name in EntryResult.__slots__)


def _result(
    entry_id: int,
    total: Decimal | None,
    criteria: dict[str, Decimal],
    rank: int | None,
    complete: bool,
    standardised: Decimal | None,
    tier: str | None,
    promotion: int | None,
    decided_by: str | None,
    needs_draw: bool,
    eligible: bool,
) -> EntryResult:
    """Build an ``EntryResult`` without the frozen dataclass ``__init__``.

    A frozen dataclass ``__init__`` routes each field through ``object.__setattr__``;
    writing the slots through their descriptors is twice as fast, which matters at 100,000
    results per event.  The object is indistinguishable from one built by
    ``EntryResult(...)`` (tested).
    """
    result = _object_new(EntryResult)
    _set_entry_id(result, entry_id)
    _set_total(result, total)
    _set_criteria(result, criteria)
    _set_rank(result, rank)
    _set_complete(result, complete)
    _set_standardised(result, standardised)
    _set_tier(result, tier)
    _set_promotion(result, promotion)
    _set_decided_by(result, decided_by)
    _set_needs_draw(result, needs_draw)
    _set_eligible(result, eligible)
    return result


@dataclass(frozen=True, slots=True)
class AwardTier:
    """One award tier (奖项) of an event, in order of prestige.

    Exactly one of ``count`` (a number of places), ``share`` (a fraction of the ranked
    entries, e.g. ``Decimal("0.1")``) or ``until_share`` must be given.  ``count`` and
    ``share`` add places after the previous tier's cut-off rank; ``until_share`` instead
    fixes the cumulative cut-off at round-half-up(until_share x ranked entries), so
    "the rest of the top half" is expressible however many tiers precede it (if earlier
    tiers already reach past it the tier is empty).  ``min_total`` / ``min_standardised``
    are quality floors an entry must also reach.
    """

    name: str
    count: int | None = None
    share: Decimal | None = None
    until_share: Decimal | None = None
    min_total: Decimal | None = None
    min_standardised: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PromotionRule:
    """When a contest result earns one skill grade (晋级): rank within N and/or a minimum
    total; when both are given both must hold."""

    within_rank: int | None = None
    min_total: Decimal | None = None


@dataclass(frozen=True, slots=True)
class EventRow:
    """One published entry of one event: the input of the contest-level awards.

    ``kind`` is the event's kind ("individual", "team" or "achievement").  ``person_id``
    identifies the worker of an individual entry, ``team_id`` the 班组 (the worker's team,
    or the team itself for a team entry), ``employer_id`` the work unit.  ``approved`` rows
    count as participation for advanced collectives even when unranked.
    """

    event: str
    entry_id: int
    kind: str = "individual"
    rank: int | None = None
    total: Decimal | None = None
    standardised: Decimal | None = None
    tier: str | None = None
    person_id: int | None = None
    team_id: int | None = None
    employer_id: int | None = None
    approved: bool = True


@dataclass(frozen=True, slots=True)
class Award:
    """One winner of a contest award list.

    ``subject_id`` is an entry id (gold workers, top achievements, team-event gold teams),
    a team id (gold teams by members) or an employer id (advanced collectives).  ``score``
    is the figure the list was ranked by; ``reason`` a Chinese sentence for certificates
    and press releases.
    """

    subject_id: int
    rank: int
    score: Decimal
    reason: str
    event: str | None = None


# ---------------------------------------------------------------------------------------
# Criterion scores
# ---------------------------------------------------------------------------------------


def aggregate(values: Sequence[Decimal], method: str) -> Decimal:
    """Combine one panel's marks into the criterion score.

    ``trimmed_mean`` drops ONE highest and ONE lowest mark (去掉一个最高分和一个最低分) and
    averages the rest, so a single harsh or generous judge cannot swing the result; with
    fewer than 3 marks nothing can be dropped and it is the plain mean.
    """
    code = _AGG_CODES.get(method)
    if code is None:
        raise ValueError(
            f"unknown aggregation {method!r}; expected one of {', '.join(AGGREGATIONS)}"
        )
    n = len(values)
    if n == 0:
        raise ValueError("cannot aggregate an empty list of marks")
    with decimal.localcontext(CONTEXT):
        return _aggregate(values, n, code)


def _aggregate(values: Sequence[Decimal], n: int, code: int) -> Decimal:
    if code == _AGG_TRIMMED and n >= 3:
        return (sum(values, _ZERO) - max(values) - min(values)) / (n - 2)
    if code == _AGG_MEDIAN:
        ordered = sorted(values)
        mid = n // 2
        if n % 2:
            return _ZERO + ordered[mid]
        return (ordered[mid - 1] + ordered[mid]) / _TWO
    return sum(values, _ZERO) / n


def divergent(values: Sequence[Decimal], limit: Decimal | None, method: str) -> bool:
    """True when the judges disagree by more than ``limit`` (the panel must review).

    For ``trimmed_mean`` with at least 3 marks the spread is measured on the marks kept
    after trimming, like gymnastics' tolerance: an outlier that is dropped anyway does not
    block the result.  Otherwise the spread is max - min.  No limit, no divergence.
    """
    if method not in _AGG_CODES:
        raise ValueError(
            f"unknown aggregation {method!r}; expected one of {', '.join(AGGREGATIONS)}"
        )
    if limit is None or len(values) < 2:
        return False
    ordered = sorted(values)
    if method == "trimmed_mean" and len(ordered) >= 3:
        ordered = ordered[1:-1]
    with decimal.localcontext(CONTEXT):
        return ordered[-1] - ordered[0] > limit


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------


def validate_criteria(criteria: Sequence[CriterionSpec]) -> None:
    """Reject a scoring scheme that would make totals meaningless (HTTP 400 upstream)."""
    if not criteria:
        raise ValueError("a scoring scheme needs at least one criterion")
    seen: set[str] = set()
    total_weight: Decimal = _ZERO
    for c in criteria:
        label = f"criterion {c.code!r}"
        if not isinstance(c.code, str) or not c.code:
            raise ValueError(f"{label}: code must be a non-empty string")
        if c.code in _RESERVED_CODES:
            raise ValueError(
                f"{label}: the code is reserved ({', '.join(sorted(_RESERVED_CODES))})"
            )
        if c.code in seen:
            raise ValueError(f"duplicate criterion code {c.code!r}")
        seen.add(c.code)
        if not _is_number(c.weight) or c.weight <= 0:
            raise ValueError(f"{label}: weight must be a positive Decimal, got {c.weight!r}")
        if not _is_number(c.max_mark) or c.max_mark <= 0:
            raise ValueError(f"{label}: max_mark must be a positive Decimal, got {c.max_mark!r}")
        if c.aggregation not in _AGG_CODES:
            raise ValueError(
                f"{label}: unknown aggregation {c.aggregation!r}; "
                f"expected one of {', '.join(AGGREGATIONS)}"
            )
        if not _is_int(c.judges_required) or c.judges_required < 1:
            raise ValueError(
                f"{label}: judges_required must be an integer >= 1, got {c.judges_required!r}"
            )
        if c.divergence_limit is not None and (
            not _is_number(c.divergence_limit) or c.divergence_limit < 0
        ):
            raise ValueError(f"{label}: divergence_limit must be a Decimal >= 0 or None")
        total_weight += c.weight
    if total_weight != _HUNDRED:
        raise ValueError(f"criterion weights must add up to 100, they add up to {total_weight}")


def _validate_tie_break(tie_break: Sequence[str], codes: Iterable[str] | None) -> tuple[str, ...]:
    items = tuple(tie_break)
    if isinstance(tie_break, str):
        raise ValueError("tie_break must be a list of items, not a single string")
    known = None if codes is None else set(codes)
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise ValueError(f"tie_break item {item!r} is listed twice")
        seen.add(item)
        if item == TIME:
            continue
        if not isinstance(item, str) or not item or item in _RESERVED_CODES:
            raise ValueError(f"unknown tie_break item {item!r}")
        if known is not None and item not in known:
            raise ValueError(
                f"unknown tie_break item {item!r}: not a criterion code of this event "
                f"and not {TIME!r}"
            )
    return items


def validate_tiers(tiers: Sequence[AwardTier]) -> None:
    """Reject ambiguous tier definitions; every message names the offending tier."""
    seen: set[str] = set()
    for position, tier in enumerate(tiers, 1):
        label = f"award tier {position} {tier.name!r}"
        if not isinstance(tier.name, str) or not tier.name.strip():
            raise ValueError(f"award tier {position}: name must be a non-empty string")
        if tier.name in seen:
            raise ValueError(f"{label}: duplicate tier name")
        seen.add(tier.name)
        given = [f for f in ("count", "share", "until_share") if getattr(tier, f) is not None]
        if len(given) != 1:
            raise ValueError(
                f"{label}: give exactly one of count, share or until_share (got "
                f"{', '.join(given) if given else 'none'})"
            )
        if tier.count is not None and (not _is_int(tier.count) or tier.count < 0):
            raise ValueError(f"{label}: count must be an integer >= 0, got {tier.count!r}")
        for field_name in ("share", "until_share"):
            value = getattr(tier, field_name)
            if value is not None and (
                not isinstance(value, Decimal) or not value.is_finite() or not 0 < value <= 1
            ):
                raise ValueError(
                    f"{label}: {field_name} must be a Decimal with 0 < {field_name} <= 1, "
                    f"got {value!r}"
                )
        for field_name in ("min_total", "min_standardised"):
            value = getattr(tier, field_name)
            if value is not None and not _is_number(value):
                raise ValueError(f"{label}: {field_name} must be a Decimal or None")


def _validate_promotion(rule: PromotionRule) -> None:
    if rule.within_rank is None and rule.min_total is None:
        raise ValueError("promotion rule needs within_rank and/or min_total")
    if rule.within_rank is not None and (not _is_int(rule.within_rank) or rule.within_rank < 1):
        raise ValueError(f"promotion within_rank must be an integer >= 1, got {rule.within_rank!r}")
    if rule.min_total is not None and not _is_number(rule.min_total):
        raise ValueError("promotion min_total must be a Decimal or None")


# ---------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------


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


#: Sort key of a missing completion time: after every real time.
_NO_TIME = 1 << 62


def _time_key(entry_id: int, seconds: int | None) -> int:
    """Shorter completion time is better; an unknown time is worst."""
    if seconds is None:
        return _NO_TIME
    if not _is_int(seconds) or not 0 <= seconds < _NO_TIME:
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
    return (sorted_values[mid - 1] + sorted_values[mid]) / _TWO


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
            (_SEVEN_HUNDRED + _THIRTY * (t - median) / scale).quantize(_CENT, ROUND_HALF_UP)
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
                _CENT, ROUND_HALF_UP
            )
            cache[c] = value
        return value

    return standard


def tier_cutoffs(tiers: Sequence[AwardTier], ranked_count: int) -> list[int]:
    """Cumulative cut-off rank of each tier for ``ranked_count`` ranked entries.

    ``count`` and ``share`` add places (a share rounds half-up: 10 % of 15 is 2);
    ``until_share`` sets the cumulative cut-off directly and never moves it backwards.
    """
    validate_tiers(tiers)
    n = Decimal(ranked_count)
    cutoffs: list[int] = []
    cumulative = 0
    with decimal.localcontext(CONTEXT):
        for tier in tiers:
            if tier.count is not None:
                cumulative += tier.count
            elif tier.share is not None:
                cumulative += _round_count(tier.share * n)
            else:
                assert tier.until_share is not None
                cumulative = max(cumulative, _round_count(tier.until_share * n))
            cutoffs.append(cumulative)
    return cutoffs


def _tier_for(
    rank: int,
    total: Decimal,
    standardised: Decimal | None,
    tiers: Sequence[AwardTier],
    cutoffs: Sequence[int],
) -> str | None:
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


def assign_tiers(
    ranked: Sequence[tuple[int, Decimal, Decimal | None]],
    tiers: Sequence[AwardTier],
) -> list[str | None]:
    """Award tier of each ranked ``(rank, total, standardised)``, in input order.

    An entry gets the first tier whose cut-off rank is at least its rank and whose minimums
    it reaches; failing a tier's minimum it may still land in a later tier.  Because the
    test is on the rank, every entry tied at a cut-off gets the tier.  Cut-offs count the
    entries passed in, so pass exactly the ranked entries of the event.
    """
    cutoffs = tier_cutoffs(tiers, len(ranked))
    return [_tier_for(r, t, s, tiers, cutoffs) for r, t, s in ranked]


def promote(
    rank: int | None, total: Decimal | None, grade: int | None, rule: PromotionRule
) -> int | None:
    """New skill grade earned by a ranked result, or None (not qualified, grade unknown, or
    already 高级技师 = 1, the top grade, which cannot be passed)."""
    _validate_promotion(rule)
    return _promote(rank, total, grade, rule)


def _promote(
    rank: int | None, total: Decimal | None, grade: int | None, rule: PromotionRule
) -> int | None:
    if rank is None or total is None or grade is None:
        return None
    if not _is_int(grade) or not _TOP_GRADE <= grade <= _MAX_GRADE:
        raise ValueError(f"skill grade must be an integer 1..5, got {grade!r}")
    if rule.within_rank is not None and rank > rule.within_rank:
        return None
    if rule.min_total is not None and total < rule.min_total:
        return None
    return grade - 1 if grade > _TOP_GRADE else None


def preset_prizes_10_20_30() -> list[AwardTier]:
    """一二三等奖 for the top 10 %, next 20 % and next 30 % of ranked entries."""
    return [
        AwardTier("一等奖", share=Decimal("0.1")),
        AwardTier("二等奖", share=Decimal("0.2")),
        AwardTier("三等奖", share=Decimal("0.3")),
    ]


def preset_medals() -> list[AwardTier]:
    """Gold, silver, bronze for one place each, then 优胜奖 for the rest of the top half."""
    return [
        AwardTier("金牌", count=1),
        AwardTier("银牌", count=1),
        AwardTier("铜牌", count=1),
        AwardTier("优胜奖", until_share=Decimal("0.5")),
    ]


def preset_promotion_top5() -> PromotionRule:
    """The top five ranks earn one skill grade."""
    return PromotionRule(within_rank=5)


# ---------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------


def _place(
    rows: Iterable[tuple[Any, ...]],
    ranked_cents_desc: Sequence[int],
    level_names: Sequence[str],
    shared_places: bool,
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
) -> Iterator[
    tuple[tuple[Any, ...], int, Decimal, str | None, bool, Decimal, str | None, int | None]
]:
    """Rank, standardise, tier and promote sorted rankable rows, streaming.

    ``rows``: ``(-total_cents, *tie_break_components, entry_id, payload, draw, grade)``
    sorted ascending (all components "smaller is better"); ``ranked_cents_desc``: the
    totals of all of them in cents, descending (the tier cut-offs and the standardised
    scale need the whole field before the first row is placed).  Yields ``(row, rank,
    total, decided_by, needs_draw, standardised, tier, promotion)``.
    """
    depth = len(level_names)
    standard = _standardiser(ranked_cents_desc) if ranked_cents_desc else None
    cents = _Cents()
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
                if not _is_int(grade) or not _TOP_GRADE <= grade <= _MAX_GRADE:
                    raise ValueError(
                        f"entry {row[depth]}: skill grade must be an integer 1..5, got {grade!r}"
                    )
                if grade > _TOP_GRADE:
                    promoted = grade - 1
        yield row, rank, total, decided_by, needs_draw, std, tier, promoted


def validate_ranking(
    tie_break: Sequence[str],
    codes: Iterable[str],
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
) -> None:
    """Reject ranking options ``rank_scored`` would reject, before any entry is read."""
    _validate_tie_break(tie_break, codes)
    _check_ranking_options((), tiers, promotion)


def place_sorted(
    rows: Iterable[tuple[Any, ...]],
    *,
    ranked_cents_desc: Sequence[int],
    tie_break: Sequence[str] = (),
    shared_places: bool = True,
    tiers: Sequence[AwardTier] = (),
    promotion: PromotionRule | None = None,
) -> Iterator[
    tuple[tuple[Any, ...], int, Decimal, str | None, bool, Decimal, str | None, int | None]
]:
    """The ranking walk of ``rank_scored`` over rows sorted elsewhere (a database cursor).

    Each row is ``(-total_cents, *components, entry_id, payload, draw, grade)`` with one
    component per ``tie_break`` item (minus the criterion's cents, or the completion time
    in seconds with None as ``1 << 62``), the rows sorted ascending and holding only the
    rankable entries; ``payload`` is carried through untouched.  ``ranked_cents_desc``
    lists every row's total in cents, descending.  Yields ``(row, rank, total,
    decided_by, needs_draw, standardised, tier, promotion)`` per row in order, exactly as
    ``rank_scored`` places the same entries (tested); the caller appends the unranked.
    """
    items = _validate_tie_break(tie_break, None)
    _check_ranking_options((), tiers, promotion)
    return _place(rows, ranked_cents_desc, (DECIDED_TOTAL, *items), shared_places, tiers, promotion)


def _finish(
    ids: Sequence[int],
    totals: Sequence[Decimal | None],
    crits: Sequence[dict[str, Decimal]],
    eligible: Sequence[bool],
    rows: list[tuple[Any, ...]],
    unranked: list[int],
    level_names: Sequence[str],
    shared_places: bool,
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
) -> list[EntryResult]:
    """Sort, place and build the ordered results of scored entries.

    ``rows`` holds one ``(-cents, *tie_break_components, entry_id, index, draw, grade)``
    per rankable entry; the other sequences are indexed by ``index``; ``unranked`` lists
    the indices of the others.  One sort, one walk.
    """
    rows.sort()
    results: list[EntryResult] = []
    append = results.append
    for row, rank, total, decided_by, needs_draw, std, tier, promoted in _place(
        rows, [-row[0] for row in rows], level_names, shared_places, tiers, promotion
    ):
        index = row[-3]
        append(
            _result(
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
            _result(
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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an event is computed.

    Scoring 100,000 entries allocates a few hundred thousand containers that all survive
    (the results), which makes CPython run repeated collections that traverse the
    caller's whole heap (including the million marks) for nothing: nothing built here is
    cyclic.  That is 15-20 % of the run time.  The previous state is restored.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_ranking_options(
    entry_ids: Iterable[int],
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
) -> None:
    seen: set[int] = set()
    for entry_id in entry_ids:
        if entry_id in seen:
            raise ValueError(f"duplicate entry_id {entry_id!r}")
        seen.add(entry_id)
    if tiers:
        validate_tiers(tiers)
    if promotion is not None:
        _validate_promotion(promotion)


class ScoredInput(NamedTuple):
    """An entry scored elsewhere (the database does it set-based), in integer cents.

    ``total_cents`` is the rounded 100-point total times 100, None when incomplete;
    ``criteria_cents`` holds one rounded weighted criterion score (times 100) per code of
    the ``codes`` passed to ``rank_scored``, None where the panel has too few marks.  A plain
    tuple in this field order is accepted too.
    """

    entry_id: int
    total_cents: int | None
    criteria_cents: Sequence[int | None]
    completion_seconds: int | None = None
    eligible: bool = True
    draw: int | None = None


class _Cents(dict):
    """Integer cents -> the 2-place Decimal (8150 -> Decimal("81.50")), built once each."""

    def __missing__(self, cents: int) -> Decimal:
        value = self[cents] = Decimal(cents).scaleb(-2)
        return value


def _half_up_cents(num: int, den: int) -> int:
    """round-half-up(100 x num / den) for num >= 0, den > 0, in exact integers."""
    return (200 * num + den) // (2 * den)


def compute_event(
    criteria: Sequence[CriterionSpec],
    entries: Sequence[EntryInput],
    *,
    tie_break: Sequence[str] = (),
    shared_places: bool = True,
    tiers: Sequence[AwardTier] = (),
    promotion: PromotionRule | None = None,
    grades: Mapping[int, int] | None = None,
) -> list[EntryResult]:
    """Score, rank, standardise, tier and promote every entry of one event.

    Ranked entries (eligible and complete) come first in rank order (a shared rank by
    entry_id, a drawn one by draw), then the unranked ones (incomplete or ineligible) by
    entry_id.  Ineligible but complete entries still get their total, for the record.
    ``grades`` maps entry_id to the worker's current skill grade for ``promotion``.

    Exact arithmetic: a weighted criterion score weight x aggregate / max_mark is a
    rational number (e.g. weight x (sum - max - min) / (max_mark x (n - 2)) for a trimmed
    mean), and so is the total (their sum minus penalties).  Both are kept as exact integer
    fractions and rounded once, half up, to cents: an exact half (x.xx5) is never lost to
    an intermediate rounding, however the parts add up, and the database can compute the
    very same figures with exact ``numeric`` arithmetic (``results.services`` does, and a
    test compares the two).  Scoring is this function; ranking is ``rank_scored``.
    """
    validate_criteria(criteria)
    items = _validate_tie_break(tie_break, (c.code for c in criteria))
    _check_ranking_options((e.entry_id for e in entries), tiers, promotion)
    specs = []
    for c in criteria:
        wn, wd = c.weight.as_integer_ratio()
        mn, md = c.max_mark.as_integer_ratio()
        # weight / max_mark = a / b
        specs.append(
            (c.code, wn * md, wd * mn, c.max_mark, _AGG_CODES[c.aggregation], c.judges_required)
        )
    codes = frozenset(c.code for c in criteria)
    zero = _ZERO
    trimmed = _AGG_TRIMMED
    median = _AGG_MEDIAN
    summary = MarkSummary
    scored: list[tuple[Any, ...]] = []
    append = scored.append
    with decimal.localcontext(CONTEXT), gc_paused():
        for entry in entries:
            marks = entry.marks
            entry_id = entry.entry_id
            if not codes.issuperset(marks):
                unknown = sorted(set(marks) - codes)
                raise ValueError(f"entry {entry_id}: marks for unknown criteria {unknown}")
            num, den = 0, 1  # the exact raw total num / den
            crit: list[int | None] = []
            complete = True
            for code, a, b, max_mark, agg, required in specs:
                values = marks.get(code)
                if values.__class__ is summary:
                    # precomputed (count, sum, low, high): the same arithmetic, no list
                    n, total_marks, lo, hi = values  # type: ignore[misc]
                    if n < required:
                        complete = False
                        crit.append(None)
                        continue
                    if n < 1:
                        raise ValueError(f"entry {entry_id}: criterion {code!r} empty summary")
                    if agg == median:
                        raise ValueError(
                            f"entry {entry_id}: criterion {code!r} is a median: "
                            "it needs the marks, not a summary"
                        )
                else:
                    n = len(values) if values else 0  # type: ignore[arg-type]
                    if n < required:
                        complete = False
                        crit.append(None)
                        continue
                    ordered = sorted(values)  # type: ignore[type-var, arg-type]
                    lo = ordered[0]
                    hi = ordered[-1]
                    total_marks = None
                if lo < zero or hi > max_mark:
                    raise ValueError(
                        f"entry {entry_id}: criterion {code!r} marks must lie in 0..{max_mark}"
                    )
                if agg == median:
                    kept, k = _aggregate(ordered, n, agg), 1
                else:
                    if total_marks is None:
                        total_marks = sum(ordered, zero)
                    if agg == trimmed and n >= 3:
                        kept, k = total_marks - hi - lo, n - 2
                    else:
                        kept, k = total_marks, n
                # weighted = a x kept / (b x k), exactly
                sn, sd = kept.as_integer_ratio()
                c_num = a * sn
                c_den = b * k * sd
                crit.append((200 * c_num + c_den) // (2 * c_den))
                num = num * c_den + c_num * den
                den *= c_den
            total_cents = None
            if complete:
                penalties = entry.penalties
                if penalties:
                    if penalties < zero:
                        raise ValueError(f"entry {entry_id}: penalties cannot be negative")
                    pn, pd = penalties.as_integer_ratio()
                    num = num * pd - pn * den
                    den *= pd
                total_cents = (200 * num + den) // (2 * den) if num > 0 else 0
            elif entry.penalties and entry.penalties < zero:
                raise ValueError(f"entry {entry_id}: penalties cannot be negative")
            append(
                (entry_id, total_cents, crit, entry.completion_seconds, entry.eligible, entry.draw)
            )
    return _rank_scored(
        [c.code for c in criteria],
        scored,
        items,
        shared_places=shared_places,
        tiers=tiers,
        promotion=promotion,
        grades=grades,
    )


def rank_scored(
    codes: Sequence[str],
    entries: Sequence[ScoredInput | tuple[Any, ...]],
    *,
    tie_break: Sequence[str] = (),
    shared_places: bool = True,
    tiers: Sequence[AwardTier] = (),
    promotion: PromotionRule | None = None,
    grades: Mapping[int, int] | None = None,
) -> list[EntryResult]:
    """``compute_event`` for entries already scored in integer cents (``ScoredInput``).

    The ranking half of ``compute_event``: the same ranking, draw, standardisation, tier
    and promotion rules and the same results, for totals and criterion scores computed
    elsewhere with the arithmetic ``compute_event`` documents (exact, rounded half up).
    """
    items = _validate_tie_break(tie_break, codes)
    _check_ranking_options((e[0] for e in entries), tiers, promotion)
    for e in entries:
        total_cents = e[1]
        if total_cents is not None and (not _is_int(total_cents) or total_cents < 0):
            raise ValueError(f"entry {e[0]}: total_cents must be an integer >= 0")
        if len(e[2]) != len(codes):
            raise ValueError(f"entry {e[0]}: one criterion score per code expected")
    return _rank_scored(
        list(codes),
        entries,
        items,
        shared_places=shared_places,
        tiers=tiers,
        promotion=promotion,
        grades=grades,
    )


def _rank_scored(
    codes: list[str],
    entries: Sequence[Any],
    items: tuple[str, ...],
    *,
    shared_places: bool,
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
    grades: Mapping[int, int] | None,
) -> list[EntryResult]:
    """Build the ranking rows of scored entries (all components "smaller is better") and
    hand them to ``_finish``; validation is the callers'."""
    position_of = {code: i for i, code in enumerate(codes)}
    levels = [(item == TIME, position_of.get(item, -1)) for item in items]
    cents = _Cents()
    grade_of = (grades or {}).get
    ids: list[int] = []
    totals: list[Decimal | None] = []
    crits: list[dict[str, Decimal]] = []
    eligible: list[bool] = []
    rows: list[tuple[Any, ...]] = []
    unranked: list[int] = []
    every = len(codes)
    with gc_paused():
        for index, (entry_id, total_cents, crit_cents, seconds, is_eligible, draw) in enumerate(
            entries
        ):
            if None in crit_cents:
                crit = {
                    code: cents[c]
                    for code, c in zip(codes, crit_cents, strict=True)
                    if c is not None
                }
            elif every == 2:
                crit = {codes[0]: cents[crit_cents[0]], codes[1]: cents[crit_cents[1]]}
            else:
                crit = {code: cents[c] for code, c in zip(codes, crit_cents, strict=True)}
            ids.append(entry_id)
            crits.append(crit)
            eligible.append(is_eligible)
            if total_cents is None:
                totals.append(None)
                unranked.append(index)
                continue
            totals.append(cents[total_cents])
            if not is_eligible:
                unranked.append(index)
            elif levels:
                rows.append(
                    (
                        -total_cents,
                        *[
                            _time_key(entry_id, seconds) if is_time else -crit_cents[where]
                            for is_time, where in levels
                        ],
                        entry_id,
                        index,
                        draw,
                        grade_of(entry_id),
                    )
                )
            else:
                rows.append((-total_cents, entry_id, index, draw, grade_of(entry_id)))
        return _finish(
            ids,
            totals,
            crits,
            eligible,
            rows,
            unranked,
            (DECIDED_TOTAL, *items),
            shared_places,
            tiers,
            promotion,
        )


def rank_totals(
    entries: Sequence[TotalInput],
    *,
    tie_break: Sequence[str] = (),
    shared_places: bool = True,
    tiers: Sequence[AwardTier] = (),
    promotion: PromotionRule | None = None,
    grades: Mapping[int, int] | None = None,
) -> list[EntryResult]:
    """``compute_event`` for entries whose totals are already known.

    Used for team events scored by their members (``team_total``): same ranking, draw,
    standardisation, tier and promotion rules.  Totals are rounded to 2 dp half-up first.
    A criterion tie-break needs that code in every rankable entry's ``criteria``.
    """
    items = _validate_tie_break(tie_break, None)
    _check_ranking_options((e.entry_id for e in entries), tiers, promotion)
    grade_of = (grades or {}).get
    ids: list[int] = []
    totals: list[Decimal | None] = []
    crits: list[dict[str, Decimal]] = []
    eligible: list[bool] = []
    rows: list[tuple[Any, ...]] = []
    unranked: list[int] = []
    with decimal.localcontext(CONTEXT), gc_paused():
        for index, entry in enumerate(entries):
            crit = dict(entry.criteria or {})
            ids.append(entry.entry_id)
            crits.append(crit)
            eligible.append(entry.eligible)
            if entry.total is None:
                totals.append(None)
                unranked.append(index)
                continue
            if not _is_number(entry.total) or entry.total < 0:
                raise ValueError(f"entry {entry.entry_id}: total must be a Decimal >= 0")
            total = round2(_ZERO + entry.total)
            totals.append(total)
            if not entry.eligible:
                unranked.append(index)
                continue
            parts: list[Any] = [-int(total * _HUNDRED)]
            for item in items:
                if item == TIME:
                    parts.append(_time_key(entry.entry_id, entry.completion_seconds))
                elif item in crit:
                    parts.append(-int(round2(_ZERO + crit[item]) * _HUNDRED))
                else:
                    raise ValueError(f"entry {entry.entry_id}: no {item!r} score for the tie-break")
            rows.append((*parts, entry.entry_id, index, entry.draw, grade_of(entry.entry_id)))
        return _finish(
            ids,
            totals,
            crits,
            eligible,
            rows,
            unranked,
            (DECIDED_TOTAL, *items),
            shared_places,
            tiers,
            promotion,
        )


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
        summed = sum(member_totals, _ZERO)  # type: ignore[arg-type]
        value = summed if how == "sum" else summed / len(member_totals)
        return round2(value)


# ---------------------------------------------------------------------------------------
# Contest awards
# ---------------------------------------------------------------------------------------


def _fmt(value: Decimal | int) -> str:
    """Render a score with 2 decimals, as printed on certificates (95.50)."""
    return f"{round2(Decimal(value)):.2f}"


def _fmt_points(value: Decimal | int) -> str:
    """Render points without useless decimals (13, 2.5)."""
    if isinstance(value, int):
        return str(value)
    text = f"{value.normalize():f}"
    return text


def _top(
    candidates: Sequence[Any],
    key: Callable[[Any], Hashable],
    top_n: int,
) -> list[tuple[int, Any]]:
    """Competition-rank ``candidates`` by ``key`` (smaller is better) and keep rank <= N,
    so every candidate tied at the cut-off is included."""
    if not _is_int(top_n) or top_n < 1:
        raise ValueError(f"top_n must be an integer >= 1, got {top_n!r}")
    ranks = competition_rank([key(c) for c in candidates])
    kept = [(r, c) for r, c in zip(ranks, candidates, strict=True) if r <= top_n]
    kept.sort(key=lambda rc: (rc[0], key(rc[1])))
    return kept


def _check_k(k: int) -> None:
    if not _is_int(k) or k < 1:
        raise ValueError(f"k must be an integer >= 1, got {k!r}")


def _event_winners(
    rows: Iterable[EventRow], kind: str, k: int, min_total: Decimal | None, subject: str
) -> list[Award]:
    _check_k(k)
    winners = [
        r
        for r in rows
        if r.kind == kind
        and r.rank is not None
        and r.total is not None
        and r.rank <= k
        and (min_total is None or r.total >= min_total)
    ]
    winners.sort(key=lambda r: (r.event, r.rank, r.entry_id))
    awards = []
    for r in winners:
        subject_id = r.team_id if subject == "team" and r.team_id is not None else r.entry_id
        awards.append(
            Award(
                subject_id,
                r.rank,  # type: ignore[arg-type]
                r.total,  # type: ignore[arg-type]
                f"{r.event} 第{r.rank}名，总分 {_fmt(r.total)}",  # type: ignore[arg-type]
                r.event,
            )
        )
    return awards


def gold_workers(
    rows: Iterable[EventRow],
    *,
    mode: str = "per_event",
    k: int = 1,
    min_total: Decimal | None = None,
    top_n: int = 50,
) -> list[Award]:
    """金牌职工.

    ``mode="per_event"``: the top ``k`` ranks of every individual event (ties included),
    optionally only with ``total >= min_total``; one award per winning entry, listed by
    event then rank, and the award's rank is the event rank.

    ``mode="standardised"``: the best ``top_n`` of the whole contest by standardised score,
    so that winners of a harshly judged event are not crowded out by a lenient one.  A
    worker counts once, with their best entry (a person is awarded, not an entry); equal
    standardised scores are separated by the higher total, then share the rank, and
    everyone tied at the cut-off is included.
    """
    with decimal.localcontext(CONTEXT):
        if mode == "per_event":
            return _event_winners(rows, "individual", k, min_total, "entry")
        if mode != "standardised":
            raise ValueError(
                f"unknown gold worker mode {mode!r}; expected per_event or standardised"
            )
        best: dict[tuple[str, int], EventRow] = {}
        for r in rows:
            if r.kind != "individual" or r.rank is None or r.standardised is None:
                continue
            if min_total is not None and (r.total is None or r.total < min_total):
                continue
            who = ("person", r.person_id) if r.person_id is not None else ("entry", r.entry_id)
            current = best.get(who)
            if current is None or _std_key(r) < _std_key(current):
                best[who] = r
        kept = _top(list(best.values()), _std_rank_key, top_n)
        kept.sort(key=lambda rc: (rc[0], rc[1].entry_id))
        return [
            Award(
                r.entry_id,
                rank,
                r.standardised,  # type: ignore[arg-type]
                f"{r.event} 第{r.rank}名，标准分 {_fmt(r.standardised)}"  # type: ignore[arg-type]
                f"（全赛第{rank}名）",
                r.event,
            )
            for rank, r in kept
        ]


def _std_key(r: EventRow) -> tuple[Decimal, Decimal, int]:
    """Higher standardised first, then higher total (decides among a MAD = 0 event's
    all-700 scores), then entry id only for a stable order of true ties."""
    return (-r.standardised, -(r.total or _ZERO), r.entry_id)  # type: ignore[operator]


def _std_rank_key(r: EventRow) -> tuple[Decimal, Decimal]:
    return (-r.standardised, -(r.total or _ZERO))  # type: ignore[operator]


def gold_teams_from_events(
    rows: Iterable[EventRow], *, k: int = 1, min_total: Decimal | None = None
) -> list[Award]:
    """金牌班组 from team events: the top ``k`` ranks of each team event (ties included).

    ``subject_id`` is the row's ``team_id`` when given, else its entry id.
    """
    with decimal.localcontext(CONTEXT):
        return _event_winners(rows, "team", k, min_total, "team")


def gold_teams_from_members(
    rows: Iterable[EventRow], *, min_members: int = 3, top_n: int = 50
) -> list[Award]:
    """金牌班组 in individually scored contests: teams ranked by their members' best totals.

    Each member counts once, with their best total across the contest's individual events
    (entering more events cannot inflate a team), only ranked entries count, and only teams
    with at least ``min_members`` such members qualify so that one star cannot carry a team.
    The team score is the mean of those best totals, 2 dp half-up.
    """
    if not _is_int(min_members) or min_members < 1:
        raise ValueError(f"min_members must be an integer >= 1, got {min_members!r}")
    with decimal.localcontext(CONTEXT):
        best: dict[int, dict[tuple[str, int], Decimal]] = {}
        for r in rows:
            if r.kind != "individual" or r.team_id is None or r.rank is None or r.total is None:
                continue
            who = ("person", r.person_id) if r.person_id is not None else ("entry", r.entry_id)
            members = best.setdefault(r.team_id, {})
            if who not in members or r.total > members[who]:
                members[who] = r.total
        teams = [
            (team_id, round2(sum(m.values(), _ZERO) / len(m)), len(m))
            for team_id, m in best.items()
            if len(m) >= min_members
        ]
        kept = _top(teams, lambda t: (-t[1],), top_n)
        return [
            Award(
                team_id,
                rank,
                score,
                f"{count} 名成员最佳成绩平均 {_fmt(score)} 分，班组第{rank}名",
            )
            for rank, (team_id, score, count) in sorted(kept, key=lambda rc: (rc[0], rc[1][0]))
        ]


def advanced_collectives(
    rows: Iterable[EventRow],
    *,
    points: Mapping[str, Decimal | int],
    participation_points: Decimal | int = 0,
    top_n: int = 51,
) -> list[Award]:
    """先进集体: work units ranked by award points.

    Each entry's tier earns ``points[tier]``; every approved entry earns
    ``participation_points`` (rewarding units that mobilise their workers, as the
    Chongqing contest counted participation).  Units with no points at all are not ranked.
    """
    for name, value in points.items():
        if not _is_number(value) or value < 0:
            raise ValueError(f"points for {name!r} must be a number >= 0, got {value!r}")
    if not _is_number(participation_points) or participation_points < 0:
        raise ValueError("participation_points must be a number >= 0")
    with decimal.localcontext(CONTEXT):
        tallies: dict[int, dict[str, int]] = {}
        entries: dict[int, int] = {}
        for r in rows:
            if r.employer_id is None:
                continue
            tally = tallies.setdefault(r.employer_id, {})
            entries.setdefault(r.employer_id, 0)
            if r.approved:
                entries[r.employer_id] += 1
            if r.tier is not None and r.tier in points:
                tally[r.tier] = tally.get(r.tier, 0) + 1
        units = []
        for employer_id, tally in tallies.items():
            award_points = sum((points[t] * c for t, c in tally.items()), _ZERO)
            entry_points = participation_points * entries[employer_id]
            score = award_points + entry_points
            if score > 0:
                units.append((employer_id, score, award_points, entry_points, tally))
        kept = _top(units, lambda u: (-u[1],), top_n)
        awards = []
        for rank, (employer_id, score, award_points, entry_points, tally) in sorted(
            kept, key=lambda rc: (rc[0], rc[1][0])
        ):
            detail = "，".join(f"{t}×{tally[t]}" for t in points if tally.get(t))
            reason = f"获奖积分 {_fmt_points(award_points)} 分"
            if detail:
                reason += f"（{detail}）"
            reason += f"，参赛 {entries[employer_id]} 人次"
            if entry_points:
                reason += (
                    f"（参赛积分 {_fmt_points(entry_points)} 分），合计 {_fmt_points(score)} 分"
                )
            awards.append(Award(employer_id, rank, score, reason))
        return awards


def top_achievements(rows: Iterable[EventRow], *, top_n: int = 10) -> list[Award]:
    """十佳职工创新成果: the best ``top_n`` ranked achievement entries of the contest.

    Ranked by standardised score because achievements are usually judged in several
    categories by different panels whose raw totals are not comparable; the standardised
    score puts each category on the same 700 scale.  Equal standardised scores are
    separated by the higher total (which also orders a single category whose MAD is 0),
    then share the rank; all tied at the cut-off are included.
    """
    with decimal.localcontext(CONTEXT):
        candidates = [
            r
            for r in rows
            if r.kind == "achievement" and r.rank is not None and r.standardised is not None
        ]
        kept = _top(candidates, _std_rank_key, top_n)
        kept.sort(key=lambda rc: (rc[0], rc[1].entry_id))
        return [
            Award(
                r.entry_id,
                rank,
                r.standardised,  # type: ignore[arg-type]
                f"{r.event} 第{r.rank}名，标准分 {_fmt(r.standardised)}"  # type: ignore[arg-type]
                f"（十佳第{rank}名）",
                r.event,
            )
            for rank, r in kept
        ]
