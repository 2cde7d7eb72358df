"""The one validator of scoring schemes: criteria, tie-break, award tiers, promotion.

Every check returns ``Problem`` records instead of raising on the first one, and none of
them carries prose: a problem names the offending field by its path in the scheme
document (``"criteria[2].weight"``, ``"award_tiers[0].count"``, ``"tie_break[1]"``,
``"promotion.within_rank"``; a bare section name for the section as a whole), a ``code``
and the ``params`` a message needs.  The caller words it: the scheme API (judging) turns
each problem into a translated, field-level validation error; the rules of this package
raise ``SchemeError`` (a ``ValueError``) when handed a scheme with problems.

Problem codes:

========================== ==============================================================
``required``               missing or blank (no criteria at all, a code, a name)
``padded``                 a criterion code with spaces around it
``reserved``               a criterion code the results use themselves (``RESERVED_CODES``)
``duplicate``              a code, tie-break item or tier name given twice
``unknown``                an unknown kind, aggregation or tie-break item (``item``)
``unknown_keys``           keys the section does not know (``keys``)
``unknown_preset``         a preset name that does not exist (``name``)
``wrong_type``             not a ``list``, an ``object`` or a ``text`` (``expected``)
``positive``               must be a number above 0
``non_negative``           must be a number of at least 0
``whole_at_least``         must be a whole number of at least ``minimum``
``too_large``              a count, rank or floor above ``maximum`` (``LIMITS``)
``fraction``               must be a number above 0 and at most 1
``judgement_only``         a divergence limit on a criterion that is not judged
``multiple_of_step``       a maximum mark that is not a multiple of the step (``step``)
``weights_must_add_up_to_100``  criterion weights adding up to ``total`` instead
``exactly_one_size``       a tier needs exactly one of count, share, until_share (``given``)
``within_rank_or_min_total``  a promotion rule needs at least one of the two
========================== ==============================================================

Criterion problems also carry ``criterion`` (the criterion's code as given, "" when it
has none) and tier problems ``tier`` (1-based position), so a message can name them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from scoring.aggregation import AGGREGATIONS
from scoring.arithmetic import HUNDRED, ZERO, is_int, is_number
from scoring.records import (
    PROMOTION_PRESETS,
    RESERVED_CODES,
    TIER_PRESETS,
    TIME,
    AwardTier,
    PromotionRule,
)

#: Kinds of criterion: measured (a time, a count) or judged; only judged criteria have a
#: panel whose spread may diverge.
KINDS = ("measurement", "judgement")
JUDGEMENT = "judgement"
TIER_KEYS = ("name", "count", "share", "until_share", "min_total", "min_standardised")
TIER_SIZES = ("count", "share", "until_share")
#: Upper bounds: no contest has more places or higher totals (10**18 was accepted before).
LIMITS = {"count": 100_000, "within_rank": 100_000, "total": Decimal(1_000_000)}
PROMOTION_KEYS = ("within_rank", "min_total")
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a scheme: where (``field``), what (``code``), with which
    figures (``params``)."""

    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def section(self) -> str:
        """The scheme section the field belongs to: criteria, tie_break, award_tiers or
        promotion."""
        return self.field.split("[", 1)[0].split(".", 1)[0]

    def __str__(self) -> str:
        text = f"{self.field}: {self.code.replace('_', ' ')}"
        if self.params:
            text += " (" + ", ".join(f"{k}={v!r}" for k, v in self.params.items()) + ")"
        return text


class SchemeError(ValueError):
    """A scheme with problems handed to a rule; ``problems`` lists them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(map(str, self.problems)))


def check(problems: Sequence[Problem]) -> None:
    """Raise ``SchemeError`` if there are problems."""
    if problems:
        raise SchemeError(problems)


# ---------------------------------------------------------------------------------------
# Criteria and tie-break
# ---------------------------------------------------------------------------------------


def criteria_problems(criteria: Sequence[Any]) -> list[Problem]:
    """Weights add up to 100, codes are unique and free, every number is in range.

    Each criterion needs ``code``, ``weight``, ``max_mark``, ``aggregation`` and
    ``judges_required`` attributes (``divergence_limit`` optional); ``name``, ``kind`` and
    ``step`` are checked when the object has them (the scheme API's criteria do, the
    rules' ``CriterionSpec`` does not).
    """
    if not criteria:
        return [Problem("criteria", "required")]
    problems: list[Problem] = []
    seen: set[str] = set()
    weights_known = True
    total = ZERO
    for i, c in enumerate(criteria):
        code = c.code if isinstance(c.code, str) else ""
        where = f"criteria[{i}]"
        label = {"criterion": code}

        def add(name: str, problem: str, _where=where, _label=label, **params: Any) -> None:
            problems.append(Problem(f"{_where}.{name}", problem, {**_label, **params}))

        if not code.strip():
            add("code", "required")
        elif code != code.strip():
            add("code", "padded")
        elif code in RESERVED_CODES:
            add("code", "reserved")
        elif code in seen:
            add("code", "duplicate")
        seen.add(code)
        name = getattr(c, "name", _ABSENT)
        if name is not _ABSENT and not (isinstance(name, str) and name.strip()):
            add("name", "required")
        if is_number(c.weight) and c.weight > 0:
            total += c.weight
        else:
            weights_known = False
            add("weight", "positive")
        max_mark_ok = is_number(c.max_mark) and c.max_mark > 0
        if not max_mark_ok:
            add("max_mark", "positive")
        kind = getattr(c, "kind", None)
        if kind is not None and kind not in KINDS:
            add("kind", "unknown")
        if c.aggregation not in AGGREGATIONS:
            add("aggregation", "unknown")
        if not is_int(c.judges_required) or c.judges_required < 1:
            add("judges_required", "whole_at_least", minimum=1)
        limit = getattr(c, "divergence_limit", None)
        if limit is not None:
            if kind is not None and kind != JUDGEMENT:
                add("divergence_limit", "judgement_only")
            elif not is_number(limit) or limit < 0:
                add("divergence_limit", "non_negative")
        step = getattr(c, "step", None)
        if step is not None:
            if not is_number(step) or step <= 0:
                add("step", "positive")
            elif max_mark_ok and c.max_mark % step != 0:
                add("max_mark", "multiple_of_step", step=step)
    if weights_known and total != HUNDRED:
        problems.append(Problem("criteria", "weights_must_add_up_to_100", {"total": total}))
    return problems


def tie_break_problems(tie_break: Sequence[Any], codes: Iterable[str] | None) -> list[Problem]:
    """Criterion codes of the event or ``"time"``, each once, in order of precedence.

    ``codes`` None accepts any code that is not reserved (for rules that rank totals known
    elsewhere)."""
    if isinstance(tie_break, str) or not isinstance(tie_break, Sequence):
        return [Problem("tie_break", "wrong_type", {"expected": "list"})]
    known = None if codes is None else set(codes)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, item in enumerate(tie_break):
        where = f"tie_break[{i}]"
        if not isinstance(item, str):
            problems.append(Problem(where, "wrong_type", {"expected": "text"}))
        elif item in seen:
            problems.append(Problem(where, "duplicate", {"item": item}))
        elif item != TIME and (
            not item or item in RESERVED_CODES or (known is not None and item not in known)
        ):
            problems.append(Problem(where, "unknown", {"item": item}))
        if isinstance(item, str):
            seen.add(item)
    return problems


# ---------------------------------------------------------------------------------------
# Award tiers and promotion
# ---------------------------------------------------------------------------------------


def tier_problems(tiers: Sequence[AwardTier]) -> list[Problem]:
    """A name each (unique), exactly one of count / share / until_share, floors >= 0."""
    problems: list[Problem] = []
    names: set[str] = set()
    for i, tier in enumerate(tiers):
        where = f"award_tiers[{i}]"
        label = {"tier": i + 1}

        def add(name: str, problem: str, _where=where, _label=label, **params: Any) -> None:
            path = f"{_where}.{name}" if name else _where
            problems.append(Problem(path, problem, {**_label, **params}))

        if not isinstance(tier.name, str) or not tier.name.strip():
            add("name", "required")
        elif tier.name in names:
            add("name", "duplicate", name=tier.name)
        else:
            names.add(tier.name)
        given = [key for key in TIER_SIZES if getattr(tier, key) is not None]
        if len(given) != 1:
            add("", "exactly_one_size", given=given)
        if tier.count is not None and (not is_int(tier.count) or tier.count < 1):
            add("count", "whole_at_least", minimum=1)
        elif tier.count is not None and tier.count > LIMITS["count"]:
            add("count", "too_large", maximum=LIMITS["count"])
        for key in ("share", "until_share"):
            value = getattr(tier, key)
            if value is not None and not (
                isinstance(value, Decimal) and value.is_finite() and 0 < value <= 1
            ):
                add(key, "fraction")
        for key in ("min_total", "min_standardised"):
            value = getattr(tier, key)
            if value is not None and (not is_number(value) or value < 0):
                add(key, "non_negative")
            elif value is not None and value > LIMITS["total"]:
                add(key, "too_large", maximum=LIMITS["total"])
    return problems


def promotion_problems(rule: PromotionRule) -> list[Problem]:
    """within_rank (a whole number >= 1) and/or min_total (a number >= 0)."""
    if rule.within_rank is None and rule.min_total is None:
        return [Problem("promotion", "within_rank_or_min_total")]
    problems = []
    if rule.within_rank is not None and (not is_int(rule.within_rank) or rule.within_rank < 1):
        problems.append(Problem("promotion.within_rank", "whole_at_least", {"minimum": 1}))
    elif rule.within_rank is not None and rule.within_rank > LIMITS["within_rank"]:
        problems.append(
            Problem("promotion.within_rank", "too_large", {"maximum": LIMITS["within_rank"]})
        )
    if rule.min_total is not None and (not is_number(rule.min_total) or rule.min_total < 0):
        problems.append(Problem("promotion.min_total", "non_negative"))
    elif rule.min_total is not None and rule.min_total > LIMITS["total"]:
        problems.append(Problem("promotion.min_total", "too_large", {"maximum": LIMITS["total"]}))
    return problems


# ---------------------------------------------------------------------------------------
# The stored form (JSON) of tiers and promotion, both ways
# ---------------------------------------------------------------------------------------


def parse_decimal(value: Any) -> Decimal | None:
    """A finite number given as text or as a JSON number, as a Decimal; else None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _number(value: Any) -> Any:
    """``parse_decimal``, leaving what is not a number unchanged for the checks to report."""
    number = parse_decimal(value)
    return value if number is None else number


def parse_tiers(config: Any) -> tuple[list[AwardTier], list[Problem]]:
    """The scheme's ``award_tiers`` as stored: a preset name (``TIER_PRESETS``) or a list
    of {"name", "count" | "share" | "until_share", "min_total"?, "min_standardised"?}.
    Returns the tiers and the problems found (tiers are meaningless when there are any)."""
    if config is None or config == "" or config == []:
        return [], []
    if isinstance(config, str):
        preset = TIER_PRESETS.get(config)
        if preset is None:
            return [], [Problem("award_tiers", "unknown_preset", {"name": config})]
        return preset(), []
    if not isinstance(config, list):
        return [], [Problem("award_tiers", "wrong_type", {"expected": "list"})]
    problems = [
        Problem(f"award_tiers[{i}]", "wrong_type", {"tier": i + 1, "expected": "object"})
        for i, raw in enumerate(config)
        if not isinstance(raw, dict)
    ]
    if problems:
        return [], problems
    tiers: list[AwardTier] = []
    for i, raw in enumerate(config):
        unknown = sorted(set(raw) - set(TIER_KEYS))
        if unknown:
            problems.append(
                Problem(f"award_tiers[{i}]", "unknown_keys", {"tier": i + 1, "keys": unknown})
            )
        tiers.append(
            AwardTier(
                raw.get("name"),
                count=raw.get("count"),
                **{key: _number(raw.get(key)) for key in TIER_KEYS[2:]},
            )
        )
    return tiers, problems + tier_problems(tiers)


def tiers_config(tiers: Sequence[AwardTier]) -> list[dict[str, Any]]:
    """Tiers in their stored form (decimals as text, no nulls); ``parse_tiers`` reads it."""
    out = []
    for tier in tiers:
        item: dict[str, Any] = {"name": tier.name}
        for key in TIER_KEYS[1:]:
            value = getattr(tier, key)
            if value is not None:
                item[key] = value if key == "count" else str(value)
        out.append(item)
    return out


def parse_promotion(config: Any) -> tuple[PromotionRule | None, list[Problem]]:
    """The scheme's ``promotion`` as stored: None, a preset name (``PROMOTION_PRESETS``)
    or {"within_rank"?, "min_total"?}."""
    if config is None or config == "":
        return None, []
    if isinstance(config, str):
        preset = PROMOTION_PRESETS.get(config)
        if preset is None:
            return None, [Problem("promotion", "unknown_preset", {"name": config})]
        return preset(), []
    if not isinstance(config, dict):
        return None, [Problem("promotion", "wrong_type", {"expected": "object"})]
    unknown = sorted(set(config) - set(PROMOTION_KEYS))
    if unknown:
        return None, [Problem("promotion", "unknown_keys", {"keys": unknown})]
    rule = PromotionRule(
        within_rank=config.get("within_rank"), min_total=_number(config.get("min_total"))
    )
    return rule, promotion_problems(rule)


def promotion_config(rule: PromotionRule | None) -> dict[str, Any] | None:
    """A promotion rule in its stored form; ``parse_promotion`` reads it."""
    if rule is None:
        return None
    out: dict[str, Any] = {}
    if rule.within_rank is not None:
        out["within_rank"] = rule.within_rank
    if rule.min_total is not None:
        out["min_total"] = str(rule.min_total)
    return out


def ranking_problems(
    tie_break: Sequence[str],
    codes: Iterable[str] | None,
    tiers: Sequence[AwardTier],
    promotion: PromotionRule | None,
) -> list[Problem]:
    """Everything a ranking needs besides the criteria: tie-break, tiers, promotion."""
    problems = tie_break_problems(tie_break, codes)
    if tiers:
        problems += tier_problems(tiers)
    if promotion is not None:
        problems += promotion_problems(promotion)
    return problems
