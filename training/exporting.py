"""Export of questions in the formats the import reads: the officers' spreadsheet layout
(core.spreadsheets.to_xlsx: no cell can become a formula) and Moodle XML. Exporting and
importing again gives the same questions; the template is the same layout with one example
row of each kind."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from django.utils import translation

from core.spreadsheets import to_xlsx
from training.importing import KIND_NAMES
from training.models import QuestionKind, QuestionVersion
from training.services.questions import OPTION_KEYS
from workers.models import SkillGrade

HEADER = [
    "题型",
    "题干",
    *[f"选项{k}" for k in OPTION_KEYS],
    "答案",
    "解析",
    "难度",
    "工种",
    "等级",
    "知识点",
]


def _grade_name(grade: int | None) -> str:
    if not grade:
        return ""
    with translation.override("zh-hans"):
        return str(SkillGrade(grade).label)


def answer_text(kind: str, answer: list[Any]) -> str:
    if kind == QuestionKind.TRUE_FALSE:
        return "对" if answer and answer[0] is True else "错"
    if kind == QuestionKind.FILL:
        return "|".join(str(a) for a in answer)
    return "".join(str(a) for a in answer)


def row_of(kind: str, version: QuestionVersion) -> list[Any]:
    options = {o["key"]: o["text"] for o in version.options or ()}
    return [
        KIND_NAMES[kind],
        version.stem,
        *[options.get(k, "") for k in OPTION_KEYS],
        answer_text(kind, version.answer),
        version.explanation,
        version.difficulty,
        version.occupation,
        _grade_name(version.skill_grade),
        version.topic,
    ]


def to_spreadsheet(versions: Iterable[QuestionVersion]) -> bytes:
    """The questions (current versions, with `question` loaded) as an .xlsx."""
    return to_xlsx("题库", HEADER, (row_of(v.question.kind, v) for v in versions))


EXAMPLES: list[list[Any]] = [
    ["单选题", "燃气管道动火作业前，作业点可燃气体浓度应低于爆炸下限的多少？", "10%", "20%",
     "25%", "50%", "", "", "A", "动火作业前必须检测，可燃气体浓度应低于爆炸下限的10%。", 2,
     "燃气管网运行工", "中级工", "动火作业"],
    ["多选题", "下列哪些属于电工安全用具？", "绝缘手套", "绝缘靴", "验电器", "普通钢丝钳", "",
     "", "ABC", "普通钢丝钳没有绝缘保护，不是安全用具。", 3, "电工", "中级工", "安全用具"],
    ["判断题", "焊接作业结束后可立即离开现场，无需检查火种。", "", "", "", "", "", "", "错",
     "作业结束后应检查确认无遗留火种后方可离开。", 1, "焊工", "初级工", "焊接安全"],
    ["填空题", "我国安全生产方针是安全第一、预防为主、____。", "", "", "", "", "", "",
     "综合治理", "《安全生产法》第三条。", 2, "", "", "安全生产法"],
]  # fmt: skip


def template() -> bytes:
    """The import layout with one example row of each kind."""
    return to_xlsx("题库", HEADER, EXAMPLES)


def _fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "text").text = text
    return element


def to_moodle(versions: Iterable[QuestionVersion]) -> bytes:
    """The questions as Moodle XML; a category question before each change of category
    ("$course$/top/工种/知识点")."""
    quiz = ET.Element("quiz")
    category = None
    for version in versions:
        here = (version.occupation, version.topic)
        if here != category:
            category = here
            element = ET.SubElement(quiz, "question", {"type": "category"})
            path = "/".join(p for p in ("$course$/top", *here) if p)
            _text(element, "category", path)
        quiz.append(_moodle_question(version.question.kind, version))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8")


def _moodle_question(kind: str, version: QuestionVersion) -> ET.Element:
    types = {
        QuestionKind.SINGLE: "multichoice",
        QuestionKind.MULTIPLE: "multichoice",
        QuestionKind.TRUE_FALSE: "truefalse",
        QuestionKind.FILL: "shortanswer",
    }
    element = ET.Element("question", {"type": types[kind]})
    _text(element, "name", version.stem[:60])
    _text(element, "questiontext", version.stem, format="plain_text")
    _text(element, "generalfeedback", version.explanation, format="plain_text")
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        single = kind == QuestionKind.SINGLE
        ET.SubElement(element, "single").text = "true" if single else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        right = set(version.answer)
        wrong = len(version.options) - len(right)
        for option in version.options:
            if option["key"] in right:
                fraction = 100.0 if single else 100.0 / len(right)
            else:
                fraction = 0.0 if single or not wrong else -100.0 / wrong
            _text(element, "answer", option["text"], fraction=_fraction(fraction))
    elif kind == QuestionKind.TRUE_FALSE:
        truth = bool(version.answer and version.answer[0] is True)
        _text(element, "answer", "true", fraction="100" if truth else "0")
        _text(element, "answer", "false", fraction="0" if truth else "100")
    else:
        for accepted in version.answer:
            _text(element, "answer", str(accepted), fraction="100")
    return element
