"""The input and output records of the scoring rules: plain frozen dataclasses.

Vocabulary (see docs / DOMAIN.md): entry 报名, criterion 评分项, judge panel 裁判组, award
tier 奖项, skill grade 职业技能等级 (5 初级工 ... 1 高级技师), promotion 晋级.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from scoring.arithmetic import CONTEXT, ZERO

#: The tie-break item "completion time".
TIME = "time"
#: Values of ``EntryResult.decided_by`` besides criterion codes; criteria may not use them.
DECIDED_TOTAL = "total"
DECIDED_DRAW = "draw"
RESERVED_CODES = frozenset({TIME, DECIDED_TOTAL, DECIDED_DRAW})


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
            return cls(len(values), sum(values, ZERO), min(values), max(values))


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
    penalties: Decimal = ZERO
    completion_seconds: int | None = None
    eligible: bool = True
    draw: int | None = None


_entry_setters = tuple(getattr(EntryInput, name).__set__ for name in EntryInput.__slots__)


def entry_input(
    entry_id: int,
    marks: Mapping[str, Sequence[Decimal] | MarkSummary],
    penalties: Decimal = ZERO,
    completion_seconds: int | None = None,
    eligible: bool = True,
    draw: int | None = None,
) -> EntryInput:
    """``EntryInput(...)`` without the frozen dataclass ``__init__`` (see ``make_result``):
    the database side builds one per entry, 100,000 per event.  Equal to the
    dataclass-built one (tested)."""
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


def make_result(
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


# Presets a scheme may name instead of listing its tiers.  The tier names are data, not
# interface text: they are stored in every result row and printed on certificates as the
# prize's name, whatever the reader's language (a scheme that lists its own tiers names
# them the same way).


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


TIER_PRESETS = {"prizes_10_20_30": preset_prizes_10_20_30, "medals": preset_medals}
#: What each preset tier earns its work unit toward 先进集体 (advanced collectives) unless
#: a contest's award configuration says otherwise.
PRESET_POINTS = {
    "一等奖": 5,
    "二等奖": 3,
    "三等奖": 1,
    "金牌": 5,
    "银牌": 3,
    "铜牌": 2,
    "优胜奖": 1,
}
PROMOTION_PRESETS = {"top5": preset_promotion_top5}


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
class Reason:
    """Why an award was given, as data: a ``code`` (see ``scoring.awards``) and the
    figures it cites.  The presentation layer renders it in the reader's language.

    ``params`` holds JSON-ready values only (text, whole numbers, lists of them): scores
    already formatted as printed (``"95.50"``), so every language shows the same figures.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Award:
    """One winner of a contest award list.

    ``subject_id`` is an entry id (gold workers, top achievements, team-event gold teams),
    a team id (gold teams by members) or an employer id (advanced collectives).  ``score``
    is the figure the list was ranked by; ``reason`` why, for certificates and press
    releases.
    """

    subject_id: int
    rank: int
    score: Decimal
    reason: Reason
    event: str | None = None
