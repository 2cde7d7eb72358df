"""The worker import on real registration sheets (报名汇总表, issue 12 item 17) and the
request that queues it (issue 13 item 2: no row read in the request)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.models import TaskRecord
from tests.conftest import client_for
from tests.workers.test_import import csv_file, ids, task
from workers.models import SkillGrade, Worker, WorkerImport
from workers.validation import clean_skill_grade

pytestmark = pytest.mark.django_db

TITLE = "2026年长三角燃气行业职业技能竞赛报名汇总表"
HEADER = ["序号", "姓名", "性别", "身份证号", "工作单位", "职业（工种）", "技能等级", "文化程度"]
GRADES = ["三级/高级工", "三级", "高级工", "二级／技师", "五级", "初级工"]


def sheet_rows(employer: str) -> list[list]:
    numbers = ids(len(GRADES), 40)
    return [
        [i, f"职工{i}", "男", number, employer, "燃气管道工", grade, "大专"]
        for i, (number, grade) in enumerate(zip(numbers, GRADES, strict=True), 1)
    ]


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """POST a file to the import API; the task is sent on commit (eager): run it."""

    def post(client, file):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/api/v1/workers/import/", {"file": file}, format="multipart")

    return post


def registration_xlsx(employer: str) -> SimpleUploadedFile:
    """As unions send it: a title merged across the columns, the header, numbered rows."""
    book = Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(HEADER)
    for row in sheet_rows(employer):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("报名汇总表.xlsx", buffer.getvalue())


def registration_csv(employer: str) -> SimpleUploadedFile:
    lines = [TITLE + "," * (len(HEADER) - 1), ",".join(HEADER)]
    lines += [",".join(map(str, row)) for row in sheet_rows(employer)]
    return csv_file("\n".join(lines) + "\n", name="报名汇总表.csv", encoding="gbk")


@pytest.mark.parametrize("make", [registration_xlsx, registration_csv])
def test_a_registration_sheet_with_a_title_row_is_imported(upload, world, officer_b, make):
    response = upload(client_for(officer_b), make(world["employer_b"].name))
    result = task(response).result
    assert task(response).state == TaskRecord.State.SUCCESS, result
    assert (result["created"], result["invalid"], result["written"]) == (6, 0, True)
    assert result["ignored_columns"] == ["性别", "文化程度"]  # 序号 is no column to report
    grades = dict(Worker.objects.values_list("name", "skill_grade"))
    assert [grades[f"职工{i}"] for i in range(1, 7)] == [3, 3, 3, 2, 5, 5]


def test_a_header_below_the_first_ten_rows_is_not_looked_for(upload, world, officer_b):
    body = (
        "标题\n" * 10 + "姓名,身份证号,单位\n" + f"王小兵,{ids(1)[0]},{world['employer_b'].name}\n"
    )
    response = upload(client_for(officer_b), csv_file(body))
    assert task(response).state == TaskRecord.State.FAILURE
    assert "身份证号" in task(response).result["file"][0]


@pytest.mark.parametrize(
    "text,grade",
    [
        ("一级", SkillGrade.SENIOR_TECHNICIAN),
        ("二级", SkillGrade.TECHNICIAN),
        ("三级/高级工", SkillGrade.ADVANCED),
        ("四级 / 中级工", SkillGrade.INTERMEDIATE),
        ("五级／初级工", SkillGrade.ELEMENTARY),
        ("高级技师", SkillGrade.SENIOR_TECHNICIAN),
    ],
)
def test_a_grade_is_read_as_a_national_level_a_name_or_both(text, grade):
    errors: dict = {}
    assert clean_skill_grade(text, errors) == grade and not errors


@pytest.mark.parametrize("text", ["三级/技师", "六级", "三级/", "高级"])
def test_a_level_and_a_name_that_disagree_or_are_unknown_are_refused(text):
    errors: dict = {}
    clean_skill_grade(text, errors)
    assert "skill_grade" in errors


def test_the_upload_request_reads_no_row(
    world, officer_b, monkeypatch, django_capture_on_commit_callbacks
):
    """Issue 13 item 2: the request stores the bytes and queues the task; rows (the header
    among them) are the task's to read."""

    def no_rows(*args, **kwargs):
        raise AssertionError("rows read in the request")

    monkeypatch.setattr("core.spreadsheets.read_rows", no_rows)
    body = "name,id_number,employer\n" + f"王小兵,{ids(1)[0]},乙\n" * 1000
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client_for(officer_b).post(
            "/api/v1/workers/import/", {"file": csv_file(body)}, format="multipart"
        )
    assert response.status_code == 202, response.data
    assert len(queued) == 1 and bytes(WorkerImport.objects.get().data) == body.encode()


def test_an_upload_over_the_bound_is_refused_by_its_size(world, officer_b, monkeypatch):
    monkeypatch.setattr("workers.importing.MAX_BYTES", 1000)
    body = "name,id_number,employer\n" + "王小兵,1,乙\n" * 200
    response = client_for(officer_b).post(
        "/api/v1/workers/import/", {"file": csv_file(body)}, format="multipart"
    )
    assert response.status_code == 400 and "MB" in response.data["file"][0]
    assert not WorkerImport.objects.exists()


def test_a_sheet_declaring_xfd8000_is_queued_then_refused_by_the_task(upload, world, officer_b):
    from tests.core.test_spreadsheet_bounds import hostile_xlsx

    response = upload(client_for(officer_b), SimpleUploadedFile("w.xlsx", hostile_xlsx()))
    record = task(response)
    assert record.state == TaskRecord.State.FAILURE
    assert "8000" in record.result["file"][0] and record.result["written"] is False
