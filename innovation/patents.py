"""Chinese patent numbers (专利号): their form and check digit. Pure Python, no Django.

A patent number is "ZL" and the application number it was granted on (专利申请号 rules of
the national IP office):

- since 1 October 2003, twelve digits: a four-digit year, the type (one digit) and a
  seven-digit serial, then a dot and the check digit: ZL 2017 1 0601862.3;
- before, eight digits: a two-digit year, the type and a five-digit serial: ZL 97 1 01765.4.

Types: 1 invention (发明), 2 utility model (实用新型), 3 design (外观设计), 8 a PCT invention
application and 9 a PCT utility model application entering the national phase.

The check digit is the sum of the digits multiplied in turn by 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4,
5 (the eight-digit form: 2 to 9), modulo 11; a remainder of 10 is written X.
Worked examples (see tests/innovation/test_patents.py):

    201710601862 → 2·2+0·3+1·4+7·5+1·6+0·7+6·8+0·9+1·2+8·3+6·4+2·5 = 157 = 14·11 + 3 → ".3"
    97101765     → 9·2+7·3+1·4+0·5+1·6+7·7+6·8+5·9 = 191 = 17·11 + 4 → ".4"

Writing: a space may stand between "ZL" and the number, between the year and the type and
between the type and the serial; none inside the year or the serial or around the dot.
The dot may be written "." or "·". `parse` answers the canonical form ZL201710601862.3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
FIRST_TWELVE_DIGIT_YEAR = 2003
# The patent law took effect on 1 April 1985: the first two-digit years are 85 to 99, then
# 00 to 03 until the twelve-digit form replaced them.
FIRST_EIGHT_DIGIT_YEAR = 1985
MAX_LENGTH = 40  # any longer text is not a patent number (bounds the regex's work)

_TWELVE = re.compile(r"(?:ZL ?)?([0-9]{4}) ?([0-9]) ?([0-9]{7})[.·]([0-9X])")
_EIGHT = re.compile(r"(?:ZL ?)?([0-9]{2}) ?([0-9]) ?([0-9]{5})[.·]([0-9X])")


class PatentType(StrEnum):
    INVENTION = "1"
    UTILITY_MODEL = "2"
    DESIGN = "3"
    PCT_INVENTION = "8"
    PCT_UTILITY_MODEL = "9"


_TYPES = frozenset(t.value for t in PatentType)

# The types a "发明和实用新型专利" count takes in.
INVENTION_OR_UTILITY = frozenset(
    {
        PatentType.INVENTION,
        PatentType.UTILITY_MODEL,
        PatentType.PCT_INVENTION,
        PatentType.PCT_UTILITY_MODEL,
    }
)


class Problem(StrEnum):
    """Why a text is not a patent number; the apps word these."""

    FORM = "form"  # not ZL + year + type + serial + . + check
    TYPE = "type"  # a type digit other than 1, 2, 3, 8, 9
    YEAR = "year"  # a year before the patent law or the form, or after max_year
    CHECK = "check"  # the check digit does not match


class PatentNumberError(ValueError):
    def __init__(self, problem: Problem):
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class PatentNumber:
    year: int
    type: PatentType
    serial: str
    check: str
    short_year: bool = False  # the eight-digit form of before October 2003

    @property
    def digits(self) -> str:
        year = f"{self.year % 100:02d}" if self.short_year else f"{self.year:04d}"
        return f"{year}{self.type.value}{self.serial}"

    def __str__(self) -> str:
        return f"ZL{self.digits}.{self.check}"


def check_digit(digits: str) -> str:
    """The check digit of an eight- or twelve-digit application number."""
    if len(digits) not in (8, 12) or not digits.isascii() or not digits.isdigit():
        raise ValueError("an application number has 8 or 12 digits")
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=False)) % 11
    return "X" if remainder == 10 else str(remainder)


def _year_of_two_digits(two: str) -> int:
    value = int(two)
    return 1900 + value if value >= FIRST_EIGHT_DIGIT_YEAR % 100 else 2000 + value


def parse(text: str, *, max_year: int | None = None) -> PatentNumber:
    """The patent number written in `text`, or PatentNumberError with the first problem."""
    text = (text or "").strip().upper()
    if len(text) > MAX_LENGTH:
        raise PatentNumberError(Problem.FORM)
    match = _TWELVE.fullmatch(text)
    short = False
    if match is None:
        match = _EIGHT.fullmatch(text)
        short = True
    if match is None:
        raise PatentNumberError(Problem.FORM)
    year_text, type_digit, serial, check = match.groups()
    if type_digit not in _TYPES:
        raise PatentNumberError(Problem.TYPE)
    if short:
        year = _year_of_two_digits(year_text)
        valid_year = FIRST_EIGHT_DIGIT_YEAR <= year <= FIRST_TWELVE_DIGIT_YEAR
    else:
        year = int(year_text)
        valid_year = year >= FIRST_TWELVE_DIGIT_YEAR
    if not valid_year or (max_year is not None and year > max_year):
        raise PatentNumberError(Problem.YEAR)
    if check_digit(year_text + type_digit + serial) != check:
        raise PatentNumberError(Problem.CHECK)
    return PatentNumber(
        year=year, type=PatentType(type_digit), serial=serial, check=check, short_year=short
    )


def problem(text: str, *, max_year: int | None = None) -> Problem | None:
    """Why `text` is not a patent number, or None if it is one."""
    try:
        parse(text, max_year=max_year)
    except PatentNumberError as error:
        return error.problem
    return None
