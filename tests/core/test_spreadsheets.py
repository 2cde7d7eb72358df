"""core.spreadsheets: one bounded row reader for .csv and .xlsx uploads."""

import csv
import io
import re
import zipfile
from unittest import mock

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from core import spreadsheets
from core.spreadsheets import LOST_DIGITS, SpreadsheetError, read_rows

LIMITS = {"max_bytes": 1_000_000, "max_rows": 100, "max_columns": 5}


def rows(data: bytes, name: str, **limits) -> list[tuple[int, list[str]]]:
    return list(read_rows(data, name, **{**LIMITS, **limits}))


def xlsx(*sheet_rows) -> bytes:
    book = Workbook()
    for row in sheet_rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_csv_rows_are_numbered_as_in_the_sheet_and_blank_rows_skipped():
    data = b"bib,criterion,value\n\n12, T ,85.5\n,,\n13,T,90\n"
    assert rows(data, "s.csv") == [
        (1, ["bib", "criterion", "value"]),
        (3, ["12", "T", "85.5"]),
        (5, ["13", "T", "90"]),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_in_utf8_or_gbk(encoding):
    assert rows("姓名,单位\n王小兵,航天一厂\n".encode(encoding), "w.CSV")[1] == (
        2,
        ["王小兵", "航天一厂"],
    )


def test_csv_in_another_encoding_is_refused():
    with pytest.raises(SpreadsheetError, match="UTF-8"):
        rows("名".encode("utf-16"), "w.csv")


def test_xlsx_numbers_come_back_as_typed_and_long_ones_are_flagged():
    data = xlsx(["phone", "grade", "mark", "id"], [13800000001, 4, 85.5, 320102198503090087])
    assert rows(data, "w.xlsx")[1] == (
        2,
        ["13800000001", "4", "85.5", LOST_DIGITS + str(int(float(320102198503090087)))],
    )


def test_xlsx_trailing_empty_cells_are_dropped():
    assert rows(xlsx(["a", None, "c", None, None]), "w.xlsx") == [(1, ["a", "", "c"])]


def test_too_many_rows_is_a_clear_error():
    data = "".join(f"{n}\n" for n in range(101)).encode()
    with pytest.raises(SpreadsheetError, match="100"):
        rows(data, "w.csv")


def test_too_many_columns_is_a_clear_error_naming_the_row():
    with translation.override("en"), pytest.raises(SpreadsheetError, match="Row 2") as error:
        rows(b"a,b\n1,2,3,4,5,6\n", "w.csv")
    assert "5" in str(error.value)


def test_too_many_bytes_is_refused_before_reading(english):
    with pytest.raises(SpreadsheetError, match="larger than 1 MB"):
        read_rows(b"x" * (2**20 + 1), "w.csv", max_bytes=2**20, max_rows=10, max_columns=5)


@pytest.mark.parametrize("name", ["w.pdf", "w.xls", "w"])
def test_other_formats_are_refused(name):
    with pytest.raises(SpreadsheetError, match="xlsx"):
        read_rows(b"a,b\n", name, **LIMITS)


def test_unreadable_xlsx_is_a_clear_error():
    with pytest.raises(SpreadsheetError, match="xlsx"):
        read_rows(b"not a zip file", "w.xlsx", **LIMITS)


def test_the_sheets_declared_dimension_is_ignored():
    """A sheet claiming to span A1:XFD1048576 is read as stored: openpyxl would otherwise
    pad every row to 16,384 cells."""
    original = xlsx(["name", "grade"], ["王小兵", 3])
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', body)
                assert b"XFD1048576" in body
            dst.writestr(item, body)
    with mock.patch("core.spreadsheets.cell_text", wraps=spreadsheets.cell_text) as cells:
        assert rows(patched.getvalue(), "w.xlsx") == [(1, ["name", "grade"]), (2, ["王小兵", "3"])]
    assert cells.call_count == 4


def test_a_csv_field_over_the_csv_modules_limit_is_a_clear_error():
    data = b"name\n" + b"x" * 200_000 + b"\n"
    with pytest.raises(SpreadsheetError):
        rows(data, "w.csv")


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_exported_text_never_starts_a_formula(text):
    from core.spreadsheets import to_csv, to_xlsx

    body = to_csv(["h"], [[text]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body, newline="")))[1] == ["'" + text]
    book = load_workbook(io.BytesIO(to_xlsx("t", ["h"], [[text]])))
    assert book.active["A2"].value.startswith("'")  # XML reads a lone CR back as LF


def test_exported_numbers_stay_numbers():
    from decimal import Decimal

    from core.spreadsheets import to_xlsx

    book = load_workbook(io.BytesIO(to_xlsx("t", ["h"], [[-5, Decimal("-1.5"), "三等奖"]])))
    assert [c.value for c in book.active[2]] == [-5, -1.5, "三等奖"]
