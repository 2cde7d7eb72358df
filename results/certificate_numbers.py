"""Certificate numbers: 15 random symbols of Crockford's base 32 and one Luhn mod 32 check
symbol, written in groups of four (``7K3M-QX9T-2HRD-B5WC``).

75 random bits cannot be guessed or enumerated (lookups are rate-limited besides); the
alphabet has no I, L, O or U, so a number read off paper or typed from it is unambiguous,
and the check symbol catches a mistyped symbol or two swapped neighbours before any lookup.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY = 15
LENGTH = BODY + 1
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def _luhn_sum(symbols: str, double_first: bool) -> int:
    n, total, factor = len(ALPHABET), 0, 2 if double_first else 1
    for ch in reversed(symbols):
        addend = factor * ALPHABET.index(ch)
        total += addend // n + addend % n
        factor = 3 - factor
    return total


def check_symbol(body: str) -> str:
    n = len(ALPHABET)
    return ALPHABET[(n - _luhn_sum(body, double_first=True) % n) % n]


def new_number() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return body + check_symbol(body)


def normalise(text: str) -> str | None:
    """The stored form of a number as typed (any case, with or without separators, O for
    0 and I or L for 1), or None when it cannot be a certificate number."""
    value = _SEPARATORS.sub("", (text or "")[:64]).upper().translate(_READ_AS)
    if len(value) != LENGTH or any(ch not in ALPHABET for ch in value):
        return None
    if _luhn_sum(value, double_first=False) % len(ALPHABET):
        return None
    return value


def display(number: str) -> str:
    return "-".join(number[i : i + 4] for i in range(0, len(number), 4))
