"""Bulk import of workers: API, CLI, idempotence, every bad row reported, all or nothing."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.models import TaskRecord
from core.validators import make_id_number
from tests.conftest import client_for
from tests.factories import WorkerFactory
from workers.models import Worker, WorkerImport

pytestmark = pytest.mark.django_db

HEADER = "name,id_number,phone,employer,occupation,skill_grade\n"


def ids(n: int, start: int = 1) -> list[str]:
    return [make_id_number("320102", dt.date(1985, 3, 9), s) for s in range(start, start + n)]


def csv_file(body: str, name: str = "workers.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body.encode(encoding), content_type="text/csv")


def task(response) -> TaskRecord:
    """The import's task record as it stands after the (eager) task ran."""
    assert response.status_code == 202, response.data
    return TaskRecord.objects.get(pk=response.data["id"])


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """POST a file; the import task is sent on commit, so run those callbacks (eager)."""

    def post(client, file, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/api/v1/workers/import/", {"file": file, **extra}, format="multipart"
            )

    return post


def test_officer_imports_csv_rows_as_workers_of_their_union(upload, world, officer_b):
    a, b = ids(2)
    body = HEADER + f"王小兵,{a},13800000001,{world['employer_b'].name},焊工,3\n"
    body += f"李红,{b},,{world['employer_b'].pk},电工,技师\n"
    response = upload(client_for(officer_b), csv_file(body))
    assert response.status_code == 202, response.data
    assert task(response).state == "SUCCESS"
    assert task(response).result["created"] == 2
    li = Worker.objects.get(id_number=b)
    assert (li.name, li.employer, li.skill_grade, li.phone) == ("李红", world["employer_b"], 2, "")
    assert Worker.objects.get(id_number=a).birth_date == dt.date(1985, 3, 9)


def test_second_import_updates_and_never_duplicates(upload, world, officer_b):
    (a,) = ids(1)
    client = client_for(officer_b)
    upload(client, csv_file(HEADER + f"王小兵,{a},13800000001,{world['employer_b'].name},焊工,3\n"))
    response = upload(
        client, csv_file(HEADER + f"王小兵,{a},13900000002,{world['employer_b'].name},焊工,2\n")
    )
    assert task(response).result | {"errors": []} == {
        "rows": 1,
        "created": 0,
        "updated": 1,
        "invalid": 0,
        "written": True,
        "ignored_columns": [],
        "errors": [],
    }
    assert Worker.objects.filter(id_number=a).count() == 1
    worker = Worker.objects.get(id_number=a)
    assert (worker.phone, worker.skill_grade) == ("13900000002", 2)


def test_every_bad_row_is_reported_with_its_number_and_nothing_is_written(upload, world, officer_b):
    good, dup = ids(2)
    emp = world["employer_b"].name
    body = HEADER
    body += f"王小兵,{good},13800000001,{emp},焊工,3\n"  # row 2: fine
    body += f"李红,11010119900101123X,,{emp},电工,3\n"  # row 3: bad check digit
    body += f",{dup},,{emp},电工,3\n"  # row 4: no name
    body += f"赵四,{dup},12345,{emp},电工,9\n"  # row 5: bad phone and grade
    body += f"钱五,{ids(1, 50)[0]},,没有这个单位,电工,3\n"  # row 6: unknown work unit
    body += f"孙六,{good},,{emp},电工,3\n"  # row 7: same ID number as row 2
    response = upload(client_for(officer_b), csv_file(body))
    result = task(response).result
    assert result["written"] is False
    assert [e["row"] for e in result["errors"]] == [3, 4, 5, 6, 7]
    by_row = {e["row"]: " ".join(e["errors"]) for e in result["errors"]}
    assert "校验位" in by_row[3]
    assert "name" in by_row[4]
    assert "phone" in by_row[5] and "skill_grade" in by_row[5]
    assert "没有这个单位" in by_row[6]
    assert "第2行" in by_row[7]  # "same ID number as row 2", in Chinese: the default
    assert not Worker.objects.filter(id_number=good).exists()


def test_skip_invalid_writes_the_good_rows_and_reports_the_bad(upload, world, officer_b):
    (good,) = ids(1)
    emp = world["employer_b"].name
    body = HEADER + f"王小兵,{good},,{emp},焊工,3\n" + f"李红,123,,{emp},电工,3\n"
    response = upload(client_for(officer_b), csv_file(body), skip_invalid=True)
    result = task(response).result
    assert (result["written"], result["created"], result["invalid"]) == (True, 1, 1)
    assert result["errors"][0]["row"] == 3
    assert Worker.objects.filter(id_number=good).exists()


def test_work_unit_outside_the_officers_union_is_a_bad_row(upload, world, officer_b):
    (a,) = ids(1)
    body = HEADER + f"王小兵,{a},,{world['employer_c'].pk},焊工,3\n"
    result = task(upload(client_for(officer_b), csv_file(body))).result
    assert result["errors"][0]["row"] == 2
    assert not Worker.objects.filter(id_number=a).exists()


def test_worker_of_another_union_is_neither_moved_nor_changed(upload, world, officer_b):
    other = WorkerFactory(employer=world["employer_c"], phone="13700000000")
    body = HEADER + f"改名,{other.id_number},13800000001,{world['employer_b'].name},焊工,3\n"
    result = task(upload(client_for(officer_b), csv_file(body))).result
    assert "本工会范围以外" in result["errors"][0]["errors"][0]
    other.refresh_from_db()
    assert (other.employer, other.phone) == (world["employer_c"], "13700000000")


def test_chinese_headers_and_gbk_encoding_are_read(upload, world, officer_b):
    (a,) = ids(1)
    body = "姓名,身份证号,手机号,单位,工种,技能等级\n"
    body += f"王小兵,{a.lower()},138 0000 0001,{world['employer_b'].name},焊工,高级技师\n"
    response = upload(client_for(officer_b), csv_file(body, encoding="gbk"))
    assert task(response).result["created"] == 1
    worker = Worker.objects.get(id_number=a.upper())
    assert (worker.phone, worker.skill_grade) == ("13800000001", 1)


def xlsx(*rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "手机号", "单位", "工种", "技能等级"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("w.xlsx", buffer.getvalue())


def test_xlsx_with_numeric_phone_and_grade_cells_is_imported(upload, world, officer_b):
    (a,) = ids(1, 8)
    file = xlsx(["王小兵", a, 13800000001, world["employer_b"].name, "焊工", 4])
    response = upload(client_for(officer_b), file)
    assert task(response).result["created"] == 1, task(response).result
    worker = Worker.objects.get(id_number=a)
    assert (worker.phone, worker.skill_grade) == ("13800000001", 4)


def test_xlsx_id_number_typed_as_a_number_is_flagged_not_guessed(upload, world, officer_b):
    number = 320102198503090087  # Excel keeps 15 significant digits: the rest is gone
    file = xlsx(["王小兵", number, "", world["employer_b"].name, "焊工", 4])
    result = task(upload(client_for(officer_b), file)).result
    assert "文本格式" in result["errors"][0]["errors"][0]
    assert not Worker.objects.exists() or not Worker.objects.filter(name="王小兵").exists()


@pytest.mark.parametrize(
    "name,body,message",
    [
        ("w.pdf", HEADER, ".csv 或 .xlsx"),
        ("w.csv", "", "空"),  # DRF's own check: "the submitted file is empty"
        ("w.xlsx", "not a zip", "xlsx"),
    ],
)
def test_unreadable_file_is_a_400_on_the_file_field(upload, world, officer_b, name, body, message):
    response = upload(client_for(officer_b), csv_file(body, name=name))
    assert response.status_code == 400
    assert message in response.data["file"][0]
    assert not WorkerImport.objects.exists()


def test_a_file_without_the_required_columns_fails_the_task(upload, world, officer_b):
    response = upload(client_for(officer_b), csv_file("name,phone\n王,1\n"))
    assert task(response).state == TaskRecord.State.FAILURE
    assert "id_number" in task(response).result["file"][0]


def test_header_only_file_fails_the_task_with_a_message(upload, world, officer_b):
    response = upload(client_for(officer_b), csv_file(HEADER))
    assert task(response).state == TaskRecord.State.FAILURE
    assert "没有数据行" in task(response).result["file"][0]


@pytest.mark.parametrize(
    "role,expected",
    [("anonymous", 401), ("worker_user", 403), ("officer_c", 403), ("officer_a", 202)],
)
def test_who_may_import_into_union_b(upload, world, as_role, role, expected):
    (a,) = ids(1)
    body = HEADER + f"王小兵,{a},,{world['employer_b'].name},焊工,3\n"
    response = upload(as_role(role), csv_file(body), union=world["b"].pk)
    # Officer C cannot even name union B: it is outside their subtree (400 on `union`)
    # or refused outright; either way nothing is written.
    if role == "officer_c":
        assert response.status_code in (400, 403)
    else:
        assert response.status_code == expected
    assert Worker.objects.filter(id_number=a).exists() == (expected == 202)


def test_cli_imports_a_file_and_reports(world, tmp_path, capsys):
    a, b = ids(2, 20)
    path = tmp_path / "w.csv"
    path.write_text(
        HEADER + f"王小兵,{a},,{world['employer_b'].name},焊工,3\n"
        f"李红,{b},,{world['employer_b'].name},焊工,3\n",
        encoding="utf-8",
    )
    call_command("import_workers", str(path), "--union", world["b"].code)
    assert "2 created" in capsys.readouterr().out
    assert Worker.objects.filter(id_number__in=[a, b]).count() == 2


def test_cli_refuses_a_file_with_bad_rows_and_names_them(world, tmp_path, capsys):
    path = tmp_path / "w.csv"
    path.write_text(HEADER + f"王小兵,123,,{world['employer_b'].name},焊工,3\n")
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_workers", str(path), "--union", world["b"].code)
    assert "row 2:" in capsys.readouterr().err


def test_cli_unknown_union_is_a_clean_error(world, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(HEADER)
    with pytest.raises(CommandError, match="No union"):
        call_command("import_workers", str(path), "--union", "NOPE")
