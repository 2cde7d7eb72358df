"""Bulk import of workers: rows/s for 100,000 CSV rows (new, then the same file again as
updates) and for .xlsx, on PostgreSQL.

Run: ``.venv/bin/python bench/bench_import.py`` (or ``make bench``). ROWS=N changes the size.
Times the same function the Celery task runs, wall clock, file bytes already in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import time

from django_setup import report, setup

setup()

from django.db import transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from core.validators import make_id_number  # noqa: E402
from unions.models import Employer, Region, Union  # noqa: E402
from workers.importing import import_workers  # noqa: E402
from workers.models import Worker  # noqa: E402

ROWS = int(os.environ.get("ROWS", "100000"))
XLSX_ROWS = int(os.environ.get("XLSX_ROWS", str(ROWS)))


def world() -> tuple[Union, list[Employer]]:
    region = Region.objects.get(code="310000")
    union, _ = Union.objects.get_or_create(
        code="BENCH-IMPORT",
        defaults={"name": "基准测试工会", "kind": "industry", "region": region,
                  "path": "/BENCH-IMPORT/"},
    )  # fmt: skip
    employers = [
        Employer.objects.get_or_create(
            union=union, name=f"基准单位{i}", defaults={"kind": "state_owned", "region": region}
        )[0]
        for i in range(20)
    ]
    return union, employers


def rows(n: int, employers: list[Employer]):
    start = dt.date(1970, 1, 1)
    for i in range(n):
        birth = start + dt.timedelta(days=i // 1000)
        number = make_id_number(f"3101{i // 1000 % 100:02d}", birth, i % 1000)
        yield [
            "职工" + str(i),
            number,
            f"139{i:08d}",
            employers[i % 20].name,
            "焊工",
            str(i % 5 + 1),
        ]


def as_csv(n: int, employers) -> bytes:
    lines = ["name,id_number,phone,employer,occupation,skill_grade"]
    lines += [",".join(r) for r in rows(n, employers)]
    return ("\n".join(lines) + "\n").encode()


def as_xlsx(n: int, employers) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["姓名", "身份证号", "手机号", "单位", "工种", "技能等级"])
    for r in rows(n, employers):
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def clear(union: Union) -> None:
    with transaction.atomic():
        Worker.objects.filter(employer__union=union).delete()


def timed(data: bytes, filename: str, union: Union) -> tuple[float, int]:
    started = time.perf_counter()
    result = import_workers(data=data, filename=filename, union=union)
    elapsed = time.perf_counter() - started
    assert result.written and not result.errors, result.errors[:3]
    return elapsed, result.created


def main() -> None:
    union, employers = world()
    clear(union)
    data = as_csv(ROWS, employers)
    elapsed, created = timed(data, "w.csv", union)
    assert created == ROWS and Worker.objects.filter(employer__union=union).count() == ROWS
    report("import_csv_100k_seconds" if ROWS == 100000 else "import_csv_seconds", elapsed, "s")
    report("import_csv_rows_per_s", ROWS / elapsed, "rows/s")
    elapsed, created = timed(data, "w.csv", union)
    assert created == 0 and Worker.objects.filter(employer__union=union).count() == ROWS
    report("import_csv_reimport_rows_per_s", ROWS / elapsed, "rows/s")
    clear(union)
    data = as_xlsx(XLSX_ROWS, employers)
    elapsed, created = timed(data, "w.xlsx", union)
    assert created == XLSX_ROWS
    report("import_xlsx_rows_per_s", XLSX_ROWS / elapsed, "rows/s")
    clear(union)


if __name__ == "__main__":
    main()
