"""Importing and exporting the question bank: the officers' spreadsheet layout and Moodle XML."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from core.spreadsheets import SpreadsheetError
from training.exporting import template, to_moodle, to_spreadsheet
from training.importing import import_questions
from training.models import Question, QuestionKind
from training.selectors.bank import questions_for

HEADER = [
    "序号",
    "题型",
    "题干",
    "选项A",
    "选项B",
    "选项C",
    "选项D",
    "答案",
    "解析",
    "难度",
    "分类",
]
ROWS = [
    [1, "单选", "燃气表的计量单位是？", "立方米", "千克", "升", "", "A", "按体积计量。", 1,
     "燃气/中级工/计量"],
    [2, "多选题", "电工安全用具包括？", "绝缘手套", "绝缘靴", "验电器", "钢丝钳", "A,B,C",
     "钢丝钳不是。", 3, "电工/高级工/安全用具"],
    [3, "判断", "焊接后可立即离开现场。", "", "", "", "", "×", "应检查火种。", 2, "焊工"],
    [4, "填空题", "安全生产方针：安全第一、预防为主、____。", "", "", "", "", "综合治理｜综合治理方针",
     "", "", "安全"],
]  # fmt: skip


def xlsx(rows, header=HEADER, title="2024年职工技能竞赛理论题库"):
    book = Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_realistic_sheet_imports_every_kind(union_tree, officer_a):
    report = import_questions(
        actor=officer_a, union=union_tree[0], data=xlsx(ROWS), filename="题库.xlsx"
    )
    assert report.errors == [] and report.written and report.created == 4
    versions = {v.question.kind: v for v in questions_for(union_tree[0])}
    assert versions[QuestionKind.SINGLE].answer == ["A"]
    assert versions[QuestionKind.SINGLE].skill_grade == 4
    assert versions[QuestionKind.SINGLE].topic == "计量"
    assert versions[QuestionKind.MULTIPLE].answer == ["A", "B", "C"]
    assert versions[QuestionKind.TRUE_FALSE].answer == [False]
    assert versions[QuestionKind.TRUE_FALSE].options == []
    assert versions[QuestionKind.FILL].answer == ["综合治理", "综合治理方针"]
    assert (
        versions[QuestionKind.FILL].topic == "" and versions[QuestionKind.FILL].occupation == "安全"
    )


@pytest.mark.django_db
def test_separate_category_columns_are_read(union_tree, officer_a):
    header = ["题型", "题干", "选项A", "选项B", "答案", "工种", "等级", "知识点"]
    data = xlsx([["单选题", "题", "甲", "乙", "B", "电工", "三级", "接地"]], header=header)
    import_questions(actor=officer_a, union=union_tree[0], data=data, filename="q.xlsx")
    version = Question.objects.get().current
    assert (version.occupation, version.skill_grade, version.topic) == ("电工", 3, "接地")


@pytest.mark.django_db
def test_one_bad_row_writes_nothing_and_is_reported(union_tree, officer_a):
    bad = [*ROWS, [5, "单选", "没有答案的题", "甲", "乙", "", "", "", "", 9, ""], [6, "问答", "x"]]
    report = import_questions(
        actor=officer_a, union=union_tree[0], data=xlsx(bad), filename="题库.xlsx"
    )
    assert not report.written and Question.objects.count() == 0
    assert {(e["row"], e["column"]) for e in report.errors} == {
        (7, "答案"),
        (7, "难度"),
        (8, "题型"),
    }


@pytest.mark.django_db
def test_skip_invalid_writes_the_good_rows(union_tree, officer_a):
    bad = [*ROWS, [5, "单选", "没有答案的题", "甲", "乙", "", "", ""]]
    report = import_questions(
        actor=officer_a, union=union_tree[0], data=xlsx(bad), filename="q.xlsx", skip_invalid=True
    )
    assert report.written and report.created == 4 and report.invalid == 1


@pytest.mark.django_db
def test_importing_the_same_file_again_adds_nothing(union_tree, officer_a):
    for _ in range(2):
        report = import_questions(
            actor=officer_a, union=union_tree[0], data=xlsx(ROWS), filename="q.xlsx"
        )
    assert report.existing == 4 and Question.objects.count() == 4


@pytest.mark.django_db
def test_an_officer_outside_the_union_may_not_import(union_tree, officer_c):
    with pytest.raises(PermissionDenied):
        import_questions(actor=officer_c, union=union_tree[0], data=xlsx(ROWS), filename="q.xlsx")


@pytest.mark.django_db
def test_the_template_imports(union_tree, officer_a):
    report = import_questions(
        actor=officer_a, union=union_tree[0], data=template(), filename="template.xlsx"
    )
    assert report.errors == [] and report.created == 4


MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/电工/安全用具</text></category></question>
  <question type="multichoice">
    <name><text>q1</text></name>
    <questiontext format="html"><text><![CDATA[<p>低压验电器的电压范围是<b>多少</b>？</p>]]></text></questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;60–500 V&lt;/p&gt;</text></generalfeedback>
    <single>true</single>
    <answer fraction="0"><text>36 V 以下</text></answer>
    <answer fraction="100"><text>60–500 V</text></answer>
    <answer fraction="0"><text>1000 V 以上</text></answer>
  </question>
  <question type="multichoice">
    <questiontext format="html"><text>绝缘安全用具有？</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>绝缘手套</text></answer>
    <answer fraction="50"><text>绝缘靴</text></answer>
    <answer fraction="-100"><text>钢丝钳</text></answer>
  </question>
  <question type="truefalse">
    <questiontext><text>可以带电更换熔断器。</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <questiontext><text>安全电压一般不超过____伏。</text></questiontext>
    <answer fraction="100"><text>36</text></answer>
    <answer fraction="100"><text>36V</text></answer>
    <answer fraction="0"><text>220</text></answer>
  </question>
</quiz>
"""


@pytest.mark.django_db
def test_moodle_xml_imports_each_kind_with_its_category(union_tree, officer_a):
    report = import_questions(
        actor=officer_a, union=union_tree[0], data=MOODLE.encode(), filename="quiz.xml"
    )
    assert report.errors == [] and report.created == 4
    versions = {v.question.kind: v for v in questions_for(union_tree[0])}
    single = versions[QuestionKind.SINGLE]
    assert single.stem == "低压验电器的电压范围是多少？" and single.answer == ["B"]
    assert single.explanation == "60–500 V"
    assert (single.occupation, single.topic) == ("电工", "安全用具")
    assert versions[QuestionKind.MULTIPLE].answer == ["A", "B"]
    assert versions[QuestionKind.TRUE_FALSE].answer == [False]
    assert versions[QuestionKind.FILL].answer == ["36", "36V"]


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz>&a;</quiz>',
        b'<?xml version="1.0"?><!DOCTYPE quiz SYSTEM "file:///etc/passwd"><quiz/>',
    ],
)
@pytest.mark.django_db
def test_moodle_xml_with_a_dtd_or_entities_is_refused(union_tree, officer_a, data):
    with pytest.raises(SpreadsheetError):
        import_questions(actor=officer_a, union=union_tree[0], data=data, filename="quiz.xml")
    assert Question.objects.count() == 0


def _snapshot(union):
    return sorted(
        (v.question.kind, v.stem, tuple(o["text"] for o in v.options), tuple(v.answer),
         v.explanation, v.difficulty, v.occupation, v.skill_grade, v.topic)
        for v in questions_for(union)
    )  # fmt: skip


@pytest.mark.django_db
def test_a_spreadsheet_export_imports_as_the_same_questions(union_tree, officer_a, officer_c):
    a, _b, c = union_tree
    import_questions(actor=officer_a, union=a, data=xlsx(ROWS), filename="q.xlsx")
    exported = to_spreadsheet(questions_for(a))
    report = import_questions(actor=officer_c, union=c, data=exported, filename="out.xlsx")
    assert report.errors == [] and _snapshot(c) == _snapshot(a)


@pytest.mark.django_db
def test_a_moodle_export_imports_as_the_same_questions(union_tree, officer_a, officer_c):
    a, _b, c = union_tree
    import_questions(actor=officer_a, union=a, data=MOODLE.encode(), filename="q.xml")
    exported = to_moodle(questions_for(a))
    report = import_questions(actor=officer_c, union=c, data=exported, filename="out.xml")
    assert report.errors == [] and _snapshot(c) == _snapshot(a)
