"""One validator for a worker's own fields, whichever way the worker comes in.

Online sign-up (`services.register_worker`), an officer's record and edits (the API and the
admin, `services.create_worker` / `update_worker`) and every row of a spreadsheet import
(`importing.check_row`) check the same fields with the same functions, so a value the
import accepts is one the API accepts, and the other way round.

Each `clean_*` function takes the raw value and an error dict (field -> [messages]) and
returns the cleaned value; a problem is added to the dict under the field's name, so every
problem of a record is reported at once. `clean_worker` cleans a whole new record.

The rules where the two ways used to differ, settled on what the import did:
- skill grade: blank means the entry grade 初级工 (5); a number 1-5, a grade's name
  (高级工, in Chinese or in the reader's language), the national level it is (一级 … 五级:
  五级 = 初级工 … 一级 = 高级技师, as registration sheets write it), or a level and a name
  joined by "/" ("三级/高级工", which must agree) are accepted; anything else is an error;
- phone: optional, except where the caller requires it (online sign-up: the union must be
  able to reach a worker who signed up alone);
- ID number: its uniqueness is checked against the database unless the caller handles it
  itself (the import upserts by ID number and checks the whole file in a few queries).
"""

from __future__ import annotations

import functools
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from core.spreadsheets import LOST_DIGITS
from core.validators import InvalidIdNumberError, parse_id_number, validate_phone
from unions.models import Employer
from workers.models import SkillGrade, Worker

Errors = dict[str, list[str]]

NAME_MAX = Worker._meta.get_field("name").max_length
OCCUPATION_MAX = Worker._meta.get_field("occupation").max_length
DEFAULT_GRADE = int(SkillGrade.ELEMENTARY)


def clean_name(value: str | None, errors: Errors) -> str:
    name = (value or "").strip()
    if not name:
        errors["name"] = [_("This field is required.")]
    elif len(name) > NAME_MAX:
        errors["name"] = [_("At most %(n)d characters.") % {"n": NAME_MAX}]
    return name


def clean_id_number(
    value: str | None, errors: Errors, *, unique: bool = True, exclude_pk: int | None = None
) -> tuple[str, Any, str]:
    """(number, birth date, sex) from a GB 11643 ID number.

    `unique`: also refuse a number already registered (in any region), except the worker
    `exclude_pk` itself.
    """
    try:
        if (value or "").startswith(LOST_DIGITS):
            raise InvalidIdNumberError(
                _(
                    "stored as a number in Excel, which drops its last digits; format the column as text"
                )
            )
        number, birth, sex = parse_id_number(value or "")
    except InvalidIdNumberError as exc:
        errors["id_number"] = [str(exc)]
        return "", None, ""
    if unique:
        clash = Worker.objects.filter(id_number=number)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["id_number"] = [_("A worker with this ID number is already registered.")]
    return number, birth, sex


def clean_phone(value: str | None, errors: Errors, *, required: bool = False) -> str:
    if not (value or "").strip() and not required:
        return ""
    try:
        return validate_phone(value or "")
    except ValueError as exc:
        errors["phone"] = [str(exc)]
        return ""


def clean_occupation(value: str | None, errors: Errors) -> str:
    occupation = (value or "").strip()
    if len(occupation) > OCCUPATION_MAX:
        errors["occupation"] = [_("At most %(n)d characters.") % {"n": OCCUPATION_MAX}]
    return occupation


# SkillGrade.values builds its list on every call; an import checks it once a row.
_GRADES = frozenset(SkillGrade.values)


@functools.cache
def _grade_names(language: str) -> dict[str, int]:
    with translation.override(language):
        return {str(label): int(value) for value, label in SkillGrade.choices}


# 国家职业资格等级: the national levels, the number of each being the grade's own.
_LEVELS = {"一级": 1, "二级": 2, "三级": 3, "四级": 4, "五级": 5}
_JOINS = ("/", "／")


def _grade_of(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    names = _grade_names("zh-hans") | _grade_names(translation.get_language() or "en")
    return names.get(text, _LEVELS.get(text))


def clean_skill_grade(value: Any, errors: Errors) -> int:
    """1 (高级技师) to 5 (初级工), as a number, a name, a national level or a level and a
    name joined by "/"; blank is 5 (see the module doc)."""
    if isinstance(value, bool):
        grade = None
    elif isinstance(value, int):
        grade = value
    else:
        text = str(value if value is not None else "").strip()
        if not text:
            return DEFAULT_GRADE
        for join in _JOINS:
            text = text.replace(join, "/")
        grades = {_grade_of(part.strip()) for part in text.split("/")}
        grade = grades.pop() if len(grades) == 1 else None
    if grade not in _GRADES:
        errors["skill_grade"] = [_("Choose a skill grade from 1 (highest) to 5.")]
        return 0
    return grade


def clean_employer(value: Employer | int | str | None, errors: Errors) -> Employer | None:
    """An Employer instance, or its primary key as typed into a form."""
    if isinstance(value, Employer):
        return value
    employer = None
    if value not in (None, "") and str(value).strip().isdigit():
        employer = (
            Employer.objects.select_related("union").filter(pk=int(str(value).strip())).first()
        )
    if employer is None:
        errors["employer"] = [_("Unknown work unit.")]
    return employer


def clean_worker(
    errors: Errors,
    *,
    name: str | None,
    id_number: str | None,
    phone: str | None = "",
    occupation: str | None = "",
    skill_grade: Any = None,
    phone_required: bool = False,
    unique: bool = True,
) -> dict[str, Any]:
    """A new worker's own fields (not the work unit or the login account), cleaned, as
    keyword arguments for `Worker`; every problem is added to `errors`."""
    number, birth, sex = clean_id_number(id_number, errors, unique=unique)
    return {
        "name": clean_name(name, errors),
        "id_number": number,
        "birth_date": birth,
        "sex": sex,
        "phone": clean_phone(phone, errors, required=phone_required),
        "occupation": clean_occupation(occupation, errors),
        "skill_grade": clean_skill_grade(skill_grade, errors),
    }
