"""Issue 13, item 2: reading an upload costs what its real content costs, not what it
declares: a sheet claiming XFD8000, a large CSV, a zip that unpacks to far more than it
weighs; an upload's size is checked before its body is read."""

import io
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from core.spreadsheets import SpreadsheetError, check_upload, read_rows, read_upload

MB = 2**20


def hostile_xlsx() -> bytes:
    """4.9 KB: a header, and one cell at XFD8000 (the declared dimension is A1:XFD8000)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "单位"])
    sheet["XFD8000"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b'ref="A1:XFD8000"' in archive.read("xl/worksheets/sheet1.xml")
    return data


def peak_mb(run) -> float:
    tracemalloc.start()
    try:
        run()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / MB


def drain(data: bytes, name: str, *, max_columns: int = 100) -> int:
    rows = read_rows(data, name, max_bytes=64 * MB, max_rows=10**6, max_columns=max_columns)
    return sum(1 for _row in rows)


def test_a_sheet_declaring_xfd8000_is_read_in_flat_memory():
    data = hostile_xlsx()
    assert len(data) < 10_000

    def run():
        with pytest.raises(SpreadsheetError):  # row 8000 has a cell in column 16,384
            drain(data, "w.xlsx")

    assert peak_mb(run) < 50
    assert drain(data, "w.xlsx", max_columns=20_000) == 2  # the header and the one cell


def test_a_large_csv_is_decoded_as_it_is_read_not_whole():
    body = (
        "姓名,身份证号,单位\n" + "张三丰,110101199003071234,上海燃气有限公司\n" * 150_000
    ).encode()
    assert len(body) > 7 * MB
    rows = []
    assert peak_mb(lambda: rows.append(drain(body, "w.csv"))) < 10  # the text is 2x the bytes
    assert rows == [150_001]


def test_a_gbk_csv_is_still_read():
    body = "姓名,单位\n王小兵,乙机械厂\n".encode("gbk")
    rows = read_rows(body, "w.csv", max_bytes=MB, max_rows=10, max_columns=10)
    assert [cells for _n, cells in rows] == [["姓名", "单位"], ["王小兵", "乙机械厂"]]


def test_an_xlsx_that_unpacks_to_far_more_than_the_bound_is_refused_unopened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", "<si><t>a</t></si>" * (MB // 4))  # 4 MB
    data = buffer.getvalue()
    assert len(data) < 64 * 1024
    with pytest.raises(SpreadsheetError) as refused:
        read_rows(data, "w.xlsx", max_bytes=MB, max_rows=10, max_columns=10)
    assert "1 MB" in str(refused.value)


def test_check_upload_reads_no_row():
    check_upload(hostile_xlsx(), "w.xlsx", max_bytes=MB)  # a sound zip: accepted
    for data, name in ((b"not a zip", "w.xlsx"), (b"\xff\xfe\xfa", "w.csv"), (b"x", "w.pdf")):
        with pytest.raises(SpreadsheetError):
            check_upload(data, name, max_bytes=MB)


class Upload:
    """An upload whose body must not be read: its declared size already says too much."""

    size = 10 * MB

    def read(self, *args):
        raise AssertionError("read before the size was checked")


def test_an_upload_is_refused_by_its_size_before_its_body_is_read():
    with pytest.raises(SpreadsheetError) as refused:
        read_upload(Upload(), max_bytes=MB)
    assert "1 MB" in str(refused.value)
    small = io.BytesIO(b"name\n")
    small.size = 5
    assert read_upload(small, max_bytes=MB) == b"name\n"


def test_row_estimate_counts_rows_without_reading_them():
    from core.spreadsheets import row_estimate

    assert row_estimate(b"a,b\n1,2\n3,4", "w.csv") == 3
    assert row_estimate(hostile_xlsx(), "w.xlsx") == 2  # stored rows, not the declared 8000
    assert row_estimate(b"not a zip", "w.xlsx") == 0
