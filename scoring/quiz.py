"""Grading of objective questions (online practice and online theory tests). Pure Python.

Rules, as Chinese skill tests state them:
- single choice and true/false: the one right answer earns the points, anything else 0;
- multiple choice (多选题): every right option and no wrong one earns the points; some right
  options and no wrong one (少选) earn half; any wrong option, or none, earns 0;
- fill-in: the answer given, normalised (full-width forms folded to half-width, spaces
  collapsed, letters case-folded), equal to one of the listed alternatives earns the points.

`given` is what the taker sent, already shaped by the caller: a list of option keys for the
choice kinds, [True] or [False] for true/false, [text] for fill-in. Anything malformed earns 0;
it never raises.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
FILL = "fill"
KINDS = (SINGLE, MULTIPLE, TRUE_FALSE, FILL)
CENT = Decimal("0.01")


def normalise(text: str) -> str:
    """Fill-in text as compared: NFKC (full-width → half-width), case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _keys(value) -> set[str] | None:
    if not isinstance(value, (list, tuple)) or not all(isinstance(k, str) for k in value):
        return None
    return set(value)


def fraction(kind: str, answer: list, given) -> Decimal:
    """The share of the points earned: 1, 0.5 (multiple choice, some right, none wrong) or 0."""
    if given is None:
        return Decimal(0)
    if kind in (SINGLE, MULTIPLE):
        chosen, right = _keys(given), _keys(answer)
        if not chosen or right is None:
            return Decimal(0)
        if kind == SINGLE:
            return Decimal(1) if len(chosen) == 1 and chosen == right else Decimal(0)
        if chosen == right:
            return Decimal(1)
        return Decimal("0.5") if chosen < right else Decimal(0)
    if kind == TRUE_FALSE:
        ok = isinstance(given, (list, tuple)) and len(given) == 1 and isinstance(given[0], bool)
        return Decimal(1) if ok and list(given) == list(answer) else Decimal(0)
    if kind == FILL:
        if not isinstance(given, (list, tuple)) or len(given) != 1 or not isinstance(given[0], str):
            return Decimal(0)
        accepted = {normalise(a) for a in answer if isinstance(a, str)}
        return Decimal(1) if normalise(given[0]) in accepted else Decimal(0)
    return Decimal(0)


def grade(kind: str, answer: list, given, points: Decimal) -> Decimal:
    """The points earned, to the cent."""
    return (fraction(kind, answer, given) * Decimal(points)).quantize(CENT, ROUND_HALF_UP)


def is_correct(kind: str, answer: list, given) -> bool:
    """Right in full (practice feedback and the wrong-answer notebook)."""
    return fraction(kind, answer, given) == 1


def scale(earned: Decimal, possible: Decimal, maximum: Decimal) -> Decimal:
    """A test score scaled to a criterion's maximum mark, to the cent (0 when nothing possible)."""
    if not possible:
        return Decimal(0).quantize(CENT)
    return (Decimal(earned) * Decimal(maximum) / Decimal(possible)).quantize(CENT, ROUND_HALF_UP)
