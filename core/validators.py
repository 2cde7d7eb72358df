"""Validators and masks for personal data. Pure functions: no database access.

National ID numbers follow GB 11643-1999: 17 digits and a check character computed with
ISO 7064 MOD 11-2; the birth date is digits 7-14 and the sex is the parity of digit 17.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


class InvalidIdNumberError(ValueError):
    pass


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper()


def looks_like_id_number(value: str) -> bool:
    """18 characters shaped as an ID number (17 digits, then a digit or X): a search term
    that names one person, searched only where the full number may be seen."""
    return bool(_ID_RE.match(normalise_id_number(value)))


def parse_id_number(value: str) -> tuple[str, dt.date, str]:
    """Validate an ID number; return (normalised, birth date, sex 'M'/'F').

    Raises InvalidIdNumberError with a message fit to show the person who typed it.
    """
    number = normalise_id_number(value)
    if not _ID_RE.match(number):
        raise InvalidIdNumberError(
            _("An ID number has 18 characters: 17 digits, then a digit or X.")
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumberError(_("The birth date in this ID number is not valid.")) from None
    if birth.year < 1900 or birth > dt.date.today():
        raise InvalidIdNumberError(_("The birth date in this ID number is not valid."))
    if id_check_char(number[:17]) != number[17]:
        raise InvalidIdNumberError(_("The check character of this ID number is wrong."))
    sex = "M" if int(number[16]) % 2 else "F"
    return number, birth, sex


def make_id_number(region: str, birth: dt.date, serial: int) -> str:
    """Build a valid ID number (demo data and tests): 6-digit region, birth date, 3-digit serial."""
    first17 = f"{region}{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def normalise_phone(value: str) -> str:
    phone = re.sub(r"[\s-]", "", value or "")
    if phone.startswith("+86"):
        phone = phone[3:]
    return phone


def validate_phone(value: str) -> str:
    """A mainland mobile number: 11 digits starting 13-19. Returns it normalised."""
    phone = normalise_phone(value)
    if not _PHONE_RE.match(phone):
        raise ValueError(_("A mobile phone number has 11 digits (mainland China)."))
    return phone


def mask_id_number(value: str) -> str:
    """3101************3X: the region prefix (province and city) and the last two characters.

    The one masked form of an ID number for every page, API answer, admin screen and export
    (the full number reaches an officer only through workers.selectors.reveal_id_number).
    With the birth year at most beside it (`birth_year`), it leaves hundreds of thousands of
    candidate numbers: the district digits, the birth month and day, two serial digits.
    A value too short to be an ID number is masked whole.
    """
    if not value:
        return ""
    if len(value) < 15:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


def birth_year(value: dt.date | None) -> int | None:
    """What a masked view shows of a birth date: the year (the full date, digits 7-14 of
    the ID number, would narrow a masked number to a handful of candidates)."""
    return value.year if value else None


def mask_phone(value: str) -> str:
    """138****5678."""
    if not value:
        return ""
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str) -> str:
    """李*兵 / 王* : first and (for three or more characters) last character kept."""
    if not value:
        return ""
    if len(value) == 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def mask_name_sql(expr: str) -> str:
    """``mask_name`` as a PostgreSQL expression over the text expression ``expr``: the
    results engine masks names in the database (tested equal on awkward names)."""
    return (
        f"CASE WHEN length({expr}) <= 1 THEN {expr} "
        f"WHEN length({expr}) = 2 THEN left({expr}, 1) || '*' "
        f"ELSE left({expr}, 1) || repeat('*', length({expr}) - 2) || right({expr}, 1) END"
    )


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on a given day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# --- Bounds on what people type: dates and text ---------------------------------------------

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def validate_plausible_date(value: dt.date | dt.datetime) -> None:
    """A date between 1900 and 2100: year 1 is a typo (and, in Asia/Shanghai, renders with
    the local mean time offset +08:05:43); year 9999 overflows any date arithmetic."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": EARLIEST_DATE.isoformat(), "last": LATEST_DATE.isoformat()},
            code="date_range",
        )


# C0 controls and DEL (tab, newline and carriage return are allowed in multi-line text),
# C1 controls, and the bidirectional embeddings, overrides and isolates that make text read
# differently from how it is stored (U+202A-U+202E, U+2066-U+2069).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_SINGLE_LINE_BAD = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_MULTILINE_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _refuse(pattern: re.Pattern, value) -> None:
    if isinstance(value, str) and pattern.search(value):
        raise ValidationError(
            _("Remove the control or text-direction characters from this text."),
            code="control_characters",
        )


def validate_single_line_text(value: str) -> None:
    """Names, codes, titles: no control characters at all, no direction overrides."""
    _refuse(_SINGLE_LINE_BAD, value)


def validate_multiline_text(value: str) -> None:
    """Descriptions and reasons: tab and line breaks allowed, other controls not."""
    _refuse(_MULTILINE_BAD, value)
