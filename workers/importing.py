"""Bulk import of workers from a spreadsheet (.csv or .xlsx), one row per worker.

Officers onboard whole work units at once, up to hundreds of thousands of rows, so the
import is set-based: every row is parsed and checked in Python (cheap), existing workers are
looked up by ID number in a few large `IN` queries, and the rows are written in one
statement per chunk — COPY into a temporary table and one `INSERT … ON CONFLICT` on
PostgreSQL, `bulk_create(update_conflicts=True)` elsewhere. One `create()` per row would
run at under 3,000 rows/s; this runs at tens of thousands.

Idempotent by ID number: a second import of the same file updates, never duplicates.
Atomic: either every good row is written or none is. By default a file with any bad row
writes nothing (`skip_invalid=False`) and reports every bad row with its number and reason;
with `skip_invalid=True` the good rows are written and the bad ones reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import spreadsheets
from core.spreadsheets import SpreadsheetError
from unions.models import Employer, Union
from workers.models import Worker
from workers.validation import clean_worker

# Header aliases: the English field names and the headers Chinese spreadsheets use.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "姓名"),
    "id_number": ("id_number", "身份证号", "身份证号码", "公民身份号码"),
    "phone": ("phone", "手机", "手机号", "手机号码", "联系电话"),
    "employer": ("employer", "单位", "工作单位", "所在单位"),
    "occupation": ("occupation", "职业", "工种", "职业（工种）"),
    "skill_grade": ("skill_grade", "技能等级", "职业技能等级"),
}
REQUIRED = ("name", "id_number", "employer")
MAX_BYTES = 64 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_COLUMNS = 100  # the six columns read and whatever else a unit keeps in its sheet
_CHUNK = 5000

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    written: bool = False
    ignored_columns: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "invalid": len(self.errors),
            "written": self.written,
            "ignored_columns": self.ignored_columns,
            "errors": self.errors[:1000],  # enough to fix a file; the count says the rest
        }


# --- Reading -------------------------------------------------------------------------------


HEADER_SEARCH = 10  # the header may sit below a title row or two (报名汇总表)
# Columns a registration sheet carries that mean nothing here, left out of "ignored".
_SILENT = frozenset({"序号", "编号", "no.", "no"})


@dataclass(frozen=True)
class Header:
    """Where the header row is, which column holds which field, and the named columns the
    import does not use (reported, not refused)."""

    row: int
    columns: dict[str, int]
    ignored: list[str]


def read_rows(data: bytes, filename: str) -> tuple[Header, Iterator[tuple[int, list[str]]]]:
    """(the header, iterator of (row number, cells) of the data rows) of a .csv or .xlsx
    file (core.spreadsheets). The header is the first of the first `HEADER_SEARCH`
    non-empty rows that names every required column; rows above it (a title, often merged
    across the columns) are skipped. Raises SpreadsheetError for a file it cannot read."""
    rows = spreadsheets.read_rows(
        data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS
    )
    first: list[str] | None = None
    for _seen, (number, cells) in zip(range(HEADER_SEARCH), rows, strict=False):
        columns = column_map(cells)
        if first is None:
            first = cells
        if all(key in columns for key in REQUIRED):
            return Header(number, columns, _ignored(cells, columns)), rows
    if first is None:
        raise SpreadsheetError(_("The file is empty."))
    missing = [key for key in REQUIRED if key not in column_map(first)]
    raise SpreadsheetError(
        _("Missing columns: %(cols)s. One of the first %(n)d rows must name the columns.")
        % {"cols": ", ".join(f"{k} ({COLUMNS[k][1]})" for k in missing), "n": HEADER_SEARCH}
    )


def column_map(header: list[str]) -> dict[str, int]:
    """Field -> column index, for the header cells that name a field (any alias)."""
    cleaned = [_header_text(h) for h in header]
    columns: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias.lower() in cleaned:
                columns[key] = cleaned.index(alias.lower())
                break
    return columns


def _header_text(cell: str) -> str:
    # "身份证号 " or "身份证号\n(18位)" as people type them: the name before any note.
    return cell.strip().split("\n")[0].strip().lower()


def _ignored(header: list[str], columns: dict[str, int]) -> list[str]:
    used = set(columns.values())
    return [
        cell.strip()
        for i, cell in enumerate(header)
        if i not in used and cell.strip() and _header_text(cell) not in _SILENT
    ]


# --- Checking ------------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    number: int
    name: str
    id_number: str
    birth_date: Any
    sex: str
    phone: str
    employer_id: int
    occupation: str
    skill_grade: int


class EmployerIndex:
    """Work units of the import's union subtree, by id and by name."""

    def __init__(self, union: Union):
        self.by_id: dict[int, int] = {}
        self.by_name: dict[str, list[int]] = {}
        for pk, name in Employer.objects.filter(union__path__startswith=union.path).values_list(
            "id", "name"
        ):
            self.by_id[pk] = pk
            self.by_name.setdefault(name.strip(), []).append(pk)

    def resolve(self, value: str) -> tuple[int | None, str | None]:
        value = value.strip()
        if value in self.by_name:
            ids = self.by_name[value]
            if len(ids) > 1:
                return None, _("Several work units in your union are called this; give its id.")
            return ids[0], None
        if value.isdigit() and int(value) in self.by_id:
            return int(value), None
        return None, _("Unknown work unit (not in your union): %(v)s") % {"v": value}


def check_row(
    number: int, cells: list[str], columns: dict[str, int], employers: EmployerIndex
) -> tuple[Row | None, list[str]]:
    """One data row through the worker validator (workers.validation): the row, or its
    problems as "field: message". Uniqueness of the ID number is the import's own check
    (within the file, then against the database in bulk)."""

    def cell(key: str) -> str:
        i = columns.get(key)
        return cells[i] if i is not None and i < len(cells) else ""

    errors: dict[str, list[str]] = {}
    fields = clean_worker(
        errors,
        name=cell("name"),
        id_number=cell("id_number"),
        phone=cell("phone"),
        occupation=cell("occupation"),
        skill_grade=cell("skill_grade"),
        unique=False,
    )
    employer_id, problem = employers.resolve(cell("employer"))
    if problem:
        errors["employer"] = [problem]
    if errors:
        return None, [
            f"{field}: {message}" for field, messages in errors.items() for message in messages
        ]
    return Row(number=number, employer_id=employer_id, **fields), []


# --- Writing -------------------------------------------------------------------------------

_FIELDS = ("name", "id_number", "birth_date", "sex", "phone", "employer_id", "occupation")
_UPDATE = ("name", "phone", "employer_id", "occupation", "skill_grade", "updated_at")


def _existing(numbers: list[str]) -> dict[str, str]:
    """ID number → union path of the worker's current work unit, for numbers already known."""
    found: dict[str, str] = {}
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start : start + _CHUNK]
        found.update(
            Worker.objects.filter(id_number__in=chunk).values_list(
                "id_number", "employer__union__path"
            )
        )
    return found


def _write_postgres(rows: list[Row]) -> None:
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE import_worker (name text, id_number text, birth_date date,"
            " sex text, phone text, employer_id bigint, occupation text, skill_grade smallint)"
            " ON COMMIT DROP"
        )
        with cursor.copy(
            "COPY import_worker (name, id_number, birth_date, sex, phone, employer_id,"
            " occupation, skill_grade) FROM STDIN"
        ) as copy:
            for r in rows:
                copy.write_row(
                    (
                        r.name,
                        r.id_number,
                        r.birth_date,
                        r.sex,
                        r.phone,
                        r.employer_id,
                        r.occupation,
                        r.skill_grade,
                    )
                )
        table = Worker._meta.db_table
        cursor.execute(
            f"INSERT INTO {table} (name, id_number, birth_date, sex, phone, employer_id,"
            " occupation, skill_grade, created_at, updated_at)"
            " SELECT name, id_number, birth_date, sex, phone, employer_id, occupation,"
            " skill_grade, %s, %s FROM import_worker"
            " ON CONFLICT (id_number) DO UPDATE SET name = EXCLUDED.name,"
            " phone = EXCLUDED.phone, employer_id = EXCLUDED.employer_id,"
            " occupation = EXCLUDED.occupation, skill_grade = EXCLUDED.skill_grade,"
            " updated_at = EXCLUDED.updated_at"
            # An unchanged row is not rewritten: re-importing a file costs reads, not writes.
            f" WHERE ({table}.name, {table}.phone, {table}.employer_id, {table}.occupation,"
            f" {table}.skill_grade) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.phone,"
            " EXCLUDED.employer_id, EXCLUDED.occupation, EXCLUDED.skill_grade)",
            [now, now],
        )
        cursor.execute("DROP TABLE import_worker")


def _write_orm(rows: list[Row]) -> None:
    now = timezone.now()
    objs = [
        Worker(
            name=r.name,
            id_number=r.id_number,
            birth_date=r.birth_date,
            sex=r.sex,
            phone=r.phone,
            employer_id=r.employer_id,
            occupation=r.occupation,
            skill_grade=r.skill_grade,
            created_at=now,
            updated_at=now,
        )
        for r in rows
    ]
    Worker.objects.bulk_create(
        objs,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["id_number"],
        update_fields=[f for f in _UPDATE],
    )


def import_workers(
    *,
    data: bytes,
    filename: str,
    union: Union,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row, then write the good ones in one transaction (see the module doc).

    Raises SpreadsheetError when the file as a whole is unreadable.
    """
    header, rows = read_rows(data, filename)
    columns = header.columns
    employers = EmployerIndex(union)
    report = ImportReport(ignored_columns=header.ignored)
    good: dict[str, Row] = {}
    seen_at: dict[str, int] = {}
    # The rows are checked as they are read, never all held as text: the progress bar's
    # total is an estimate from the file (core.spreadsheets.row_estimate).
    total = max(spreadsheets.row_estimate(data, filename) - header.row, 1)
    for done, (number, cells) in enumerate(rows, 1):
        report.rows += 1
        row, problems = check_row(number, cells, columns, employers)
        if row is not None and row.id_number in seen_at:
            again = _("the same ID number is already on row %(n)d") % {"n": seen_at[row.id_number]}
            problems = [f"id_number: {again}"]
            row = None
        if row is None:
            report.errors.append({"row": number, "errors": problems})
        else:
            seen_at[row.id_number] = number
            good[row.id_number] = row
        if progress and done % 5000 == 0:
            total = max(total, done)
            progress(done, total)
    if report.rows == 0:
        raise SpreadsheetError(_("The file has a header but no rows."))
    total = report.rows

    # A worker already known under a union outside this import's subtree is another union's
    # record: never moved or overwritten from here.
    known = _existing(list(good))
    for id_number, path in known.items():
        if not path.startswith(union.path):
            row = good.pop(id_number)
            report.errors.append(
                {
                    "row": row.number,
                    "errors": [
                        "id_number: "
                        + _("this worker is registered with a work unit outside your union")
                    ],
                }
            )
    report.errors.sort(key=lambda e: e["row"])
    report.updated = sum(1 for n in good if n in known)
    report.created = len(good) - report.updated
    if report.errors and not skip_invalid:
        report.created = report.updated = 0
        if progress:
            progress(total, total)
        return report

    write = _write_postgres if connection.vendor == "postgresql" else _write_orm
    batch = list(good.values())
    with transaction.atomic():
        for start in range(0, len(batch), 20000):
            write(batch[start : start + 20000])
    report.written = True
    if progress:
        progress(total, total)
    return report
