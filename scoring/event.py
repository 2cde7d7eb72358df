"""An event's results in Python: score every entry, then rank them all.

``compute_event`` scores entries from their marks; ``rank_totals`` ranks entries whose
totals are known already (a team scored by its members).  Both build the rows of the one
ranking walk (``scoring.ranking``).
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scoring import aggregation
from scoring.arithmetic import CONTEXT, HUNDRED, ZERO, Cents, gc_paused, half_up_cents, is_number
from scoring.arithmetic import round2 as _round2
from scoring.ranking import Field, finish, time_key
from scoring.records import (
    TIME,
    AwardTier,
    CriterionSpec,
    EntryInput,
    EntryResult,
    MarkSummary,
    PromotionRule,
    TotalInput,
)
from scoring.validation import check, criteria_problems, ranking_problems


def _check_unique(entry_ids: Iterable[int]) -> None:
    seen: set[int] = set()
    for entry_id in entry_ids:
        if entry_id in seen:
            raise ValueError(f"duplicate entry_id {entry_id!r}")
        seen.add(entry_id)


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

    Exact arithmetic: a weighted criterion score weight x kept / (max_mark x count) (see
    ``scoring.aggregation``) is a rational number, and so is the total (their sum minus
    penalties).  Both are kept as exact integer fractions and rounded once, half up, to
    cents: an exact half (x.xx5) is never lost to an intermediate rounding, however the
    parts add up, and the database computes the very same figures with exact ``numeric``
    arithmetic (the results app's set-based engine; a test compares the two).
    """
    codes = [c.code for c in criteria]
    check(criteria_problems(criteria) + ranking_problems(tie_break, codes, tiers, promotion))
    _check_unique(e.entry_id for e in entries)
    specs = []
    for c in criteria:
        wn, wd = c.weight.as_integer_ratio()
        mn, md = c.max_mark.as_integer_ratio()
        # weight / max_mark = a / b
        rule = aggregation.rule(c.aggregation)
        specs.append(
            (c.code, wn * md, wd * mn, c.max_mark, rule.kept, rule.needs_marks, c.judges_required)
        )
    known = frozenset(codes)
    items = tuple(tie_break)
    position_of = {code: i for i, code in enumerate(codes)}
    levels = [(item == TIME, position_of.get(item, -1)) for item in items]
    every = len(codes)
    zero = ZERO
    summary = MarkSummary
    cents = Cents()
    grade_of = (grades or {}).get
    field = Field.empty()
    ids, totals, crits, eligible, rows, unranked = field
    with decimal.localcontext(CONTEXT), gc_paused():
        for index, entry in enumerate(entries):
            marks = entry.marks
            entry_id = entry.entry_id
            if not known.issuperset(marks):
                unknown = sorted(set(marks) - known)
                raise ValueError(f"entry {entry_id}: marks for unknown criteria {unknown}")
            num, den = 0, 1  # the exact raw total num / den
            crit_cents: list[int | None] = []
            complete = True
            for code, a, b, max_mark, kept_of, needs_marks, required in specs:
                values = marks.get(code)
                if values.__class__ is summary:
                    # precomputed (count, sum, low, high): the same arithmetic, no list
                    n, total_marks, lo, hi = values  # type: ignore[misc]
                    if n < required:
                        complete = False
                        crit_cents.append(None)
                        continue
                    if needs_marks:
                        raise ValueError(
                            f"entry {entry_id}: criterion {code!r} is a median: "
                            "it needs the marks, not a summary"
                        )
                    ordered = None
                else:
                    n = len(values) if values else 0  # type: ignore[arg-type]
                    if n < required:
                        complete = False
                        crit_cents.append(None)
                        continue
                    ordered = sorted(values)  # type: ignore[type-var, arg-type]
                    lo = ordered[0]
                    hi = ordered[-1]
                    total_marks = None
                if lo < zero or hi > max_mark:
                    raise ValueError(
                        f"entry {entry_id}: criterion {code!r} marks must lie in 0..{max_mark}"
                    )
                kept, k = kept_of(n, total_marks, lo, hi, ordered)
                # weighted = a x kept / (b x k), exactly
                sn, sd = kept.as_integer_ratio()
                c_num = a * sn
                c_den = b * k * sd
                crit_cents.append(half_up_cents(c_num, c_den))
                num = num * c_den + c_num * den
                den *= c_den
            penalties = entry.penalties
            if penalties and penalties < zero:
                raise ValueError(f"entry {entry_id}: penalties cannot be negative")
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
            eligible.append(entry.eligible)
            if not complete:
                totals.append(None)
                unranked.append(index)
                continue
            if penalties:
                pn, pd = penalties.as_integer_ratio()
                num = num * pd - pn * den
                den *= pd
            total_cents = half_up_cents(num, den) if num > 0 else 0
            totals.append(cents[total_cents])
            if not entry.eligible:
                unranked.append(index)
            elif levels:
                rows.append(
                    (
                        -total_cents,
                        *[
                            time_key(entry_id, entry.completion_seconds)
                            if is_time
                            else -crit_cents[where]  # type: ignore[operator]
                            for is_time, where in levels
                        ],
                        entry_id,
                        index,
                        entry.draw,
                        grade_of(entry_id),
                    )
                )
            else:
                rows.append((-total_cents, entry_id, index, entry.draw, grade_of(entry_id)))
        return finish(field, items, shared_places, tiers, promotion)


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
    check(ranking_problems(tie_break, None, tiers, promotion))
    _check_unique(e.entry_id for e in entries)
    items = tuple(tie_break)
    grade_of = (grades or {}).get
    field = Field.empty()
    ids, totals, crits, eligible, rows, unranked = field
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
            if not is_number(entry.total) or entry.total < 0:
                raise ValueError(f"entry {entry.entry_id}: total must be a Decimal >= 0")
            total = _round2(ZERO + entry.total)
            totals.append(total)
            if not entry.eligible:
                unranked.append(index)
                continue
            parts: list[Any] = [-int(total * HUNDRED)]
            for item in items:
                if item == TIME:
                    parts.append(time_key(entry.entry_id, entry.completion_seconds))
                elif item in crit:
                    parts.append(-int(_round2(ZERO + crit[item]) * HUNDRED))
                else:
                    raise ValueError(f"entry {entry.entry_id}: no {item!r} score for the tie-break")
            rows.append((*parts, entry.entry_id, index, entry.draw, grade_of(entry.entry_id)))
        return finish(field, items, shared_places, tiers, promotion)
