"""Import of questions into a union's bank: the spreadsheet layout officers keep, and Moodle XML.

Spreadsheet (.xlsx or .csv, read by core.spreadsheets.read_rows, bounded): columns 题型, 题干,
选项A…选项F, 答案, 解析, 难度 and the category, either one 分类 column "工种/等级/知识点" or the
separate columns 工种, 等级, 知识点. The header may sit below a title row or two (like the worker
import). 题型: 单选(题), 多选(题), 判断(题), 填空(题); 答案: "B", "ACD" or "A,C,D"; 对/错,
正确/错误, √/×, T/F; fill-in alternatives separated by "|" or "；".

Moodle XML: multichoice (single and multiple, right options by a positive fraction),
truefalse, shortanswer (answers of fraction 100); a <question type="category"> sets the
category of the questions after it ("$course$/top/工种/知识点"). DTDs and entities are refused
before parsing; size and question count are bounded; HTML in texts becomes plain text.

Every row goes through the one validator (training.services.questions.clean_question). All or
nothing by default: a file with any bad row writes nothing and reports every problem as (row,
column, message); with `skip_invalid` the good rows are written. A question already in the
union's bank with the same type and text is not added twice (counted as existing), so
importing the same file again adds nothing.

The import runs in a Celery task (training.services.imports queues it, the console and the
API show its progress and report), inside one transaction, bounded by MAX_BYTES and MAX_ROWS.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import spreadsheets
from core.access import manages_union
from core.models import User
from core.spreadsheets import SpreadsheetError
from training.models import QuestionKind, QuestionVersion
from training.services.questions import OPTION_KEYS, clean_question, create_questions
from unions.models import Union
from workers.validation import clean_skill_grade

MAX_BYTES = 8 * 2**20
MAX_ROWS = 5000
MAX_COLUMNS = 40
HEADER_SEARCH = 10

# Field -> the headers that name it (the first Chinese one is what the template writes).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("题型", "kind", "type"),
    "stem": ("题干", "stem", "question"),
    **{f"option_{k}": (f"选项{k}", f"option {k}", f"option_{k}", k) for k in OPTION_KEYS},
    "answer": ("答案", "正确答案", "answer"),
    "explanation": ("解析", "答案解析", "试题解析", "explanation"),
    "difficulty": ("难度", "difficulty"),
    "category": ("分类", "category"),
    "occupation": ("工种", "职业", "occupation"),
    "skill_grade": ("等级", "技能等级", "skill_grade", "skill grade"),
    "topic": ("知识点", "topic"),
}
REQUIRED = ("kind", "stem", "answer")
# The column a problem of a cleaned field is reported under.
FIELD_COLUMN = {
    "kind": "题型",
    "stem": "题干",
    "options": "选项",
    "answer": "答案",
    "explanation": "解析",
    "difficulty": "难度",
    "occupation": "工种",
    "skill_grade": "等级",
    "topic": "知识点",
}
KINDS = {
    "单选": QuestionKind.SINGLE,
    "单选题": QuestionKind.SINGLE,
    "单项选择题": QuestionKind.SINGLE,
    "多选": QuestionKind.MULTIPLE,
    "多选题": QuestionKind.MULTIPLE,
    "多项选择题": QuestionKind.MULTIPLE,
    "判断": QuestionKind.TRUE_FALSE,
    "判断题": QuestionKind.TRUE_FALSE,
    "填空": QuestionKind.FILL,
    "填空题": QuestionKind.FILL,
    **{value: value for value in QuestionKind.values},
}
KIND_NAMES = {
    QuestionKind.SINGLE: "单选题",
    QuestionKind.MULTIPLE: "多选题",
    QuestionKind.TRUE_FALSE: "判断题",
    QuestionKind.FILL: "填空题",
}
TRUE_WORDS = {"对", "正确", "√", "✓", "t", "true", "是", "y", "yes"}
FALSE_WORDS = {"错", "错误", "×", "✗", "x", "f", "false", "否", "n", "no"}
FILL_SEPARATORS = re.compile(r"[|｜；]")
CHOICE_SEPARATORS = re.compile(r"[\s,，、;；]+")


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    existing: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    written: bool = False

    @property
    def invalid(self) -> int:
        return len({e["row"] for e in self.errors})

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "existing": self.existing,
            "invalid": self.invalid,
            "written": self.written,
            "errors": self.errors[:1000],
        }


@dataclass
class Parsed:
    """One question read from a file: its row (or question number), kind and raw fields, or
    its problems as (column, message)."""

    row: int
    kind: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)


# --- Spreadsheet -----------------------------------------------------------------------------


def _header_text(cell: str) -> str:
    return cell.strip().split("\n")[0].strip().lower()


def column_map(header: list[str]) -> dict[str, int]:
    cleaned = [_header_text(h) for h in header]
    columns: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias.lower() in cleaned:
                columns[key] = cleaned.index(alias.lower())
                break
    return columns


def parse_choice_answer(text: str) -> list[str]:
    """ "B", "ACD", "A,C,D", "A、C" → option keys."""
    text = text.strip().upper()
    parts = [p for p in CHOICE_SEPARATORS.split(text) if p]
    if len(parts) == 1 and len(parts[0]) > 1:
        parts = list(parts[0])
    return parts


def parse_true_false(text: str) -> list[bool]:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return [True]
    if word in FALSE_WORDS:
        return [False]
    return []


def _category(cells: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """occupation, skill grade, topic from 工种/等级/知识点 or one 分类 column."""
    occupation, grade_text, topic = cells["occupation"], cells["skill_grade"], cells["topic"]
    if cells["category"] and not (occupation or grade_text or topic):
        parts = [p.strip() for p in cells["category"].replace("／", "/").split("/")]
        if len(parts) >= 3:
            occupation, grade_text, topic = parts[0], parts[1], "/".join(parts[2:])
        elif len(parts) == 2:
            occupation, second = parts
            probe: dict[str, list[str]] = {}
            clean_skill_grade(second, probe)
            grade_text, topic = (second, "") if second and not probe else ("", second)
        else:
            occupation = parts[0]
    problems: list[tuple[str, str]] = []
    grade = None
    if grade_text:
        errors: dict[str, list[str]] = {}
        grade = clean_skill_grade(grade_text, errors)
        if errors:
            problems.append(("等级", _("Unknown skill grade: %(v)s") % {"v": grade_text}))
            grade = None
    return {"occupation": occupation, "skill_grade": grade, "topic": topic}, problems


def parse_row(number: int, cells: list[str], columns: dict[str, int]) -> Parsed:
    def cell(key: str) -> str:
        i = columns.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    parsed = Parsed(row=number)
    kind = KINDS.get(cell("kind").strip().lower()) or KINDS.get(cell("kind").strip())
    if kind is None:
        parsed.problems.append(("题型", _("Unknown question type: %(v)s") % {"v": cell("kind")}))
        return parsed
    parsed.kind = kind
    raw_answer = cell("answer")
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        answer: list[Any] = parse_choice_answer(raw_answer)
    elif kind == QuestionKind.TRUE_FALSE:
        answer = parse_true_false(raw_answer)
    else:
        answer = [a.strip() for a in FILL_SEPARATORS.split(raw_answer) if a.strip()]
    category, problems = _category(
        {k: cell(k) for k in ("category", "occupation", "skill_grade", "topic")}
    )
    parsed.problems += problems
    parsed.fields = {
        "stem": cell("stem"),
        "options": [{"key": k, "text": cell(f"option_{k}")} for k in OPTION_KEYS],
        "answer": answer,
        "explanation": cell("explanation"),
        "difficulty": cell("difficulty") or 3,
        **category,
    }
    return parsed


def read_spreadsheet(data: bytes, filename: str) -> list[Parsed]:
    """Every question row of a .xlsx/.csv file. Raises SpreadsheetError for a file it cannot
    read as a whole (size, format, no header, no rows)."""
    rows = spreadsheets.read_rows(
        data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS
    )
    columns: dict[str, int] | None = None
    first: list[str] | None = None
    for _seen, (_number, cells) in zip(range(HEADER_SEARCH), rows, strict=False):
        first = first if first is not None else cells
        found = column_map(cells)
        if all(key in found for key in REQUIRED):
            columns = found
            break
    if first is None:
        raise SpreadsheetError(_("The file is empty."))
    if columns is None:
        missing = [COLUMNS[k][0] for k in REQUIRED if k not in column_map(first)]
        raise SpreadsheetError(
            _("Missing columns: %(cols)s. One of the first %(n)d rows must name the columns.")
            % {"cols": ", ".join(missing), "n": HEADER_SEARCH}
        )
    parsed = [parse_row(number, cells, columns) for number, cells in rows]
    if not parsed:
        raise SpreadsheetError(_("The file has a header but no rows."))
    return parsed


# --- Moodle XML ------------------------------------------------------------------------------

MAX_QUESTIONS = MAX_ROWS
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")


def _plain(text: str | None) -> str:
    """HTML of a Moodle text field as plain text."""
    text = re.sub(r"<br\s*/?>|</p>", "\n", text or "", flags=re.IGNORECASE)
    text = html.unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _text_of(element: ET.Element | None) -> str:
    if element is None:
        return ""
    inner = element.find("text")
    return _plain(inner.text if inner is not None else element.text)


def _fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


def _moodle_category(path: str) -> dict[str, str]:
    parts = [p.strip() for p in path.split("/") if p.strip()]
    parts = [p for p in parts if p not in ("$course$", "$system$", "$module$", "top", "默认")]
    if not parts:
        return {"occupation": "", "topic": ""}
    if len(parts) == 1:
        return {"occupation": "", "topic": parts[0]}
    return {"occupation": parts[0], "topic": parts[-1]}


def read_moodle(data: bytes) -> list[Parsed]:
    """Every supported question of a Moodle XML file (see the module doc); a question of a
    type not supported is reported, not skipped silently."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(mb)s MB; split it.") % {"mb": MAX_BYTES // 2**20}
        )
    if any(marker in data for marker in _FORBIDDEN):
        raise SpreadsheetError(_("XML with a DTD or entities is not accepted."))
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        raise SpreadsheetError(_("This is not a readable Moodle XML file.")) from None
    if root.tag != "quiz":
        raise SpreadsheetError(_("This is not a readable Moodle XML file."))
    category = {"occupation": "", "topic": ""}
    parsed: list[Parsed] = []
    for number, element in enumerate(root.findall("question"), 1):
        kind = element.get("type", "")
        if kind == "category":
            category = _moodle_category(_text_of(element.find("category")))
            continue
        if len(parsed) >= MAX_QUESTIONS:
            raise SpreadsheetError(
                _("The file has more than %(n)d questions; split it.") % {"n": MAX_QUESTIONS}
            )
        parsed.append(_moodle_question(number, kind, element, category))
    if not parsed:
        raise SpreadsheetError(_("The file has no questions."))
    return parsed


def _moodle_question(number: int, kind: str, element: ET.Element, category: dict) -> Parsed:
    item = Parsed(row=number)
    answers = element.findall("answer")
    fields: dict[str, Any] = {
        "stem": _text_of(element.find("questiontext")),
        "explanation": _text_of(element.find("generalfeedback")),
        "difficulty": 3,
        "skill_grade": None,
        "options": [],
        **category,
    }
    if kind == "multichoice":
        single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
        item.kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
        if len(answers) > len(OPTION_KEYS):
            item.problems.append(("选项", _("At most six options (A to F).")))
            return item
        keys = OPTION_KEYS[: len(answers)]
        fields["options"] = [
            {"key": k, "text": _text_of(a)} for k, a in zip(keys, answers, strict=True)
        ]
        if single:
            best = max((_fraction(a) for a in answers), default=0)
            fields["answer"] = [
                k for k, a in zip(keys, answers, strict=True) if best > 0 and _fraction(a) == best
            ]
        else:
            fields["answer"] = [k for k, a in zip(keys, answers, strict=True) if _fraction(a) > 0]
    elif kind == "truefalse":
        item.kind = QuestionKind.TRUE_FALSE
        right = [_text_of(a).lower() for a in answers if _fraction(a) >= 100]
        fields["answer"] = parse_true_false(right[0]) if len(right) == 1 else []
    elif kind == "shortanswer":
        item.kind = QuestionKind.FILL
        fields["answer"] = [_text_of(a) for a in answers if _fraction(a) >= 100]
    else:
        item.problems.append(("题型", _("Question type not supported: %(v)s") % {"v": kind[:40]}))
        return item
    item.fields = fields
    return item


# --- Checking and writing --------------------------------------------------------------------


def _existing_keys(union: Union) -> set[tuple[str, str]]:
    return set(
        QuestionVersion.objects.filter(question__union=union, question__current_id__isnull=False)
        .filter(question__current=F("pk"))
        .values_list("question__kind", "stem")
    )


def import_questions(
    *,
    actor: User,
    union: Union,
    data: bytes,
    filename: str,
    skip_invalid: bool = False,
    progress=None,
) -> ImportReport:
    """Read a spreadsheet or a Moodle XML file (by its name) and add its questions to the
    union's bank (see the module doc). Raises PermissionDenied before reading anything, and
    SpreadsheetError for a file unreadable as a whole. `progress(done, total)` is told as
    the rows are checked (the import task's progress bar)."""
    if not manages_union(actor, union):
        raise PermissionDenied(_("You may manage only the question banks of your union."))
    if filename.lower().endswith(".xml"):
        parsed = read_moodle(data)
    else:
        parsed = read_spreadsheet(data, filename)
    report = ImportReport(rows=len(parsed))
    existing = _existing_keys(union)
    good: list[tuple[str, dict[str, Any]]] = []
    for done, item in enumerate(parsed):
        if progress is not None and done % 200 == 0:
            progress(done, len(parsed))
        problems = list(item.problems)
        cleaned = None
        if not problems:
            try:
                cleaned = clean_question(kind=item.kind, **item.fields)
            except ValidationError as exc:
                problems += [
                    (FIELD_COLUMN.get(name, name), str(message))
                    for name, messages in exc.message_dict.items()
                    for message in messages
                ]
        if problems:
            report.errors += [
                {"row": item.row, "column": column, "message": message}
                for column, message in problems
            ]
            continue
        key = (item.kind, cleaned["stem"])
        if key in existing:
            report.existing += 1
            continue
        existing.add(key)
        good.append((item.kind, cleaned))
    if report.errors and not skip_invalid:
        return report
    create_questions(actor=actor, union=union, rows=good)
    report.created = len(good)
    report.written = True
    return report
