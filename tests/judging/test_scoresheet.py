import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from judging import services
from judging.models import Mark, MarkLog
from tests.conftest import client_for
from tests.judging.conftest import mark

pytestmark = pytest.mark.django_db


def csv_file(rows, header=True):
    lines = (["bib,criterion,value"] if header else []) + [",".join(map(str, r)) for r in rows]
    return SimpleUploadedFile("marks.csv", "\n".join(lines).encode(), "text/csv")


def xlsx_file(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["参赛号", "评分项", "分数"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("marks.xlsx", buffer.getvalue())


def upload(user, event, file, **extra):
    return client_for(user).post(
        f"/api/v1/events/{event.pk}/marks/upload/", {"file": file, **extra}, format="multipart"
    )


def test_judge_uploads_a_csv_scoresheet(contest):
    judge = contest.judges[1]
    a, b = contest.entries[:2]
    rows = [(a.bib, "P", "80.5"), (b.bib, "P", 70), (a.bib, "T", 90)]
    response = upload(judge.user, contest.event, csv_file(rows))
    assert response.status_code == 200, response.json()
    assert response.json() == {"rows": 3}
    assert Mark.objects.filter(judge=judge).count() == 3
    assert MarkLog.objects.filter(action="create", actor=judge.user).count() == 3


def test_judge_uploads_an_xlsx_scoresheet_with_numeric_cells(contest):
    judge = contest.judges[1]
    a = contest.entries[0]
    response = upload(judge.user, contest.event, xlsx_file([(a.bib, "P", 85.5), (a.bib, "T", 88)]))
    assert response.status_code == 200, response.json()
    assert Mark.objects.get(judge=judge, criterion__code="P").value == Decimal("85.5")


@pytest.mark.usefixtures("english")  # asserts English text
def test_every_bad_row_is_reported_and_nothing_is_written(contest):
    judge = contest.judges[0]  # contest.own_entry is of this judge's work unit
    a = contest.entries[0]
    rows = [
        (a.bib, "P", 80),  # row 2: fine
        (9999, "P", 80),  # row 3: no such bib
        (a.bib, "X", 80),  # row 4: no such criterion
        (a.bib, "T", "abc"),  # row 5: not a number
        (a.bib, "T", 120),  # row 6: out of range
        (contest.own_entry.bib, "P", 80),  # row 7: conflict of interest
        (a.bib, "P", 81),  # row 8: duplicate of row 2
        (a.bib, "P", "80.3"),  # row 9: off the 0.5 step and duplicate
    ]
    response = upload(judge.user, contest.event, csv_file(rows))
    assert response.status_code == 400
    errors = response.json()["file"]
    assert [e.split(":")[0] for e in errors] == [f"Row {n}" for n in range(3, 10)]
    assert "row 2" in errors[5]
    assert not Mark.objects.exists()
    assert not MarkLog.objects.exists()


def test_upload_can_change_existing_marks_with_audit(contest):
    judge = contest.judges[1]
    a = contest.entries[0]
    mark(judge, a, "P", 60)
    upload(judge.user, contest.event, csv_file([(a.bib, "P", 65)], header=False))
    assert Mark.objects.get().value == Decimal(65)
    assert MarkLog.objects.filter(action="change").count() == 1


def test_officer_uploads_for_a_judge(contest, officer_a):
    judge = contest.judges[1]
    a = contest.entries[0]
    response = upload(officer_a, contest.event, csv_file([(a.bib, "P", 75)]), judge=judge.pk)
    assert response.status_code == 200, response.json()
    m = Mark.objects.get()
    assert (m.judge, m.value) == (judge, Decimal(75))
    assert MarkLog.objects.get().actor == officer_a


def test_officer_of_another_union_cannot_upload(contest, officer_c):
    a = contest.entries[0]
    response = upload(
        officer_c, contest.event, csv_file([(a.bib, "P", 75)]), judge=contest.judges[1].pk
    )
    assert response.status_code == 403
    assert not Mark.objects.exists()


def test_judge_cannot_upload_for_another_judge(contest):
    a = contest.entries[0]
    response = upload(
        contest.judges[1].user,
        contest.event,
        csv_file([(a.bib, "P", 75)]),
        judge=contest.judges[2].pk,
    )
    assert response.status_code == 403


def test_upload_after_submitting_is_refused(contest):
    judge = contest.judges[1]
    services.submit_marks(actor=judge.user, event=contest.event, confirm_incomplete=True)
    response = upload(judge.user, contest.event, csv_file([(contest.entries[0].bib, "P", 75)]))
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("name", "content"),
    [("marks.txt", b"1,P,2"), ("marks.xlsx", b"not a workbook"), ("marks.csv", b"")],
)
def test_unreadable_or_empty_files_are_refused(contest, name, content):
    response = upload(contest.judges[1].user, contest.event, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert "file" in response.json()


def test_an_upload_announces_marks_changed_once(contest, announced):
    rows = [(e.bib, "P", 70) for e in contest.entries]
    upload(contest.judges[1].user, contest.event, csv_file(rows))
    assert announced == [contest.event.pk]


def test_a_bib_written_as_a_huge_exponent_is_refused_as_no_entry_at_once(contest):
    judge = contest.judges[1]
    response = upload(judge.user, contest.event, csv_file([("1e1000000", "P", 80)]))
    assert response.status_code == 400
    assert "1e1000000" in response.json()["file"][0]


def test_a_bib_of_twenty_digits_is_refused_as_no_entry(contest):
    judge = contest.judges[1]
    response = upload(judge.user, contest.event, csv_file([("9" * 20, "P", 80)]))
    assert response.status_code == 400
    assert "9" * 20 in response.json()["file"][0]


def test_a_judge_not_on_the_panel_is_refused_before_the_file_is_read(contest, monkeypatch):
    from tests.judging.factories import JudgeFactory

    outsider = JudgeFactory(union=contest.event.contest.host_union)
    monkeypatch.setattr(
        services.scoresheets, "read_rows", lambda *a, **k: pytest.fail("file was read")
    )
    response = upload(outsider.user, contest.event, csv_file([("1e500000", "P", 80)]))
    assert response.status_code == 403
