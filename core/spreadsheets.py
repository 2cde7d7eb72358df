"""Spreadsheets (.csv or .xlsx): one bounded row reader for every upload, and one writer
(`to_csv`, `to_xlsx`, `write_xlsx`) for every export, which never lets a cell become a formula.

Officers upload worker lists (workers.importing) and judges upload scoresheets; both read
through `read_rows`, which turns either format into the same thing and refuses, with a
message for the person who uploaded it, a file it cannot or should not read whole.

API::

    from core.spreadsheets import SpreadsheetError, read_rows

    try:
        for number, cells in read_rows(data, filename, max_bytes=5 * 2**20,
                                       max_rows=20_000, max_columns=10):
            ...  # number: the row's number in the sheet (1 = the first row);
                 # cells: the row's cells as stripped text, trailing empty cells dropped
    except SpreadsheetError as exc:
        raise ValidationError({"file": [str(exc)]})

- The format follows the file name: `.xlsx` (the first worksheet; formulas give their
  cached values), `.csv` or `.txt` (UTF-8, with or without a BOM, or GBK/GB18030, as
  Chinese spreadsheet programs save it). Anything else is refused.
- Rows whose cells are all empty are skipped; the numbers of the others are their row
  numbers in the sheet, so a message can say "row 7" and mean the row the person sees.
- Bounds, each a clear `SpreadsheetError` (never a memory or time blow-up): more than
  `max_bytes` bytes (checked before anything is parsed), more than `max_rows` non-empty
  rows, a non-empty cell beyond column `max_columns`. The .xlsx sheet's declared
  dimension is ignored (a file may claim 16,384 columns, and openpyxl would pad every
  row that wide): rows are read as they are stored, so the work follows the file's size.
- Cells are text. Numbers come back as a person typed them: 13800000001.0 → "13800000001"
  (Excel stores every number as a double). A number of 16 digits or more has already lost
  digits inside Excel (an ID number typed as a number): it comes back as `LOST_DIGITS`
  followed by what is left, so a check can refuse it instead of storing a wrong value.
- The .xlsx zip's declared sizes are checked before anything is unpacked: a small file
  that would unpack to far more than `max_bytes` (a zip bomb; openpyxl reads the shared
  strings whole) is refused. A .csv is decoded as it is read, never whole in memory.
- `check_upload` is what a request does with an upload before queuing its import: the
  size (from the upload's own size, before its body is read), the format and the
  encoding, with no row parsed; `read_upload` checks the size, then reads the bytes.
- `read_rows` checks the size and the format and opens the file at once (those errors
  come from the call); row and column bounds are checked as the rows are read (those
  errors come from the iteration). An empty file yields no rows: the caller decides
  what that means ("the file is empty", "no marks").
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

LOST_DIGITS = "#NUM:"
_UNPACKED_RATIO = 16  # an .xlsx may unpack to this many times max_bytes, in all
_CHUNK = 1 << 20
_EXACT_DIGITS = 1e15  # beyond this a double no longer holds every integer digit


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


def read_rows(
    data: bytes, filename: str, *, max_bytes: int, max_rows: int, max_columns: int
) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every non-empty row of a .csv or .xlsx file (see above)."""
    rows = _xlsx_rows(data) if _is_xlsx(filename, data, max_bytes) else _csv_rows(data)
    return _bounded(rows, max_rows, max_columns)


def check_upload(data: bytes, filename: str, *, max_bytes: int) -> None:
    """What a request checks before it queues a file for reading (see the module doc):
    size, format, and (.csv) encoding or (.xlsx) the zip's directory. No row is read."""
    if not _is_xlsx(filename, data, max_bytes):
        _encoding(data)


def read_upload(upload, *, max_bytes: int) -> bytes:
    """The bytes of an uploaded file, refused by its size before they are read."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise SpreadsheetError(_too_large(max_bytes))
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SpreadsheetError(_too_large(max_bytes))
    return data


def row_estimate(data: bytes, filename: str) -> int:
    """About how many rows the file holds, for a progress bar only (never a bound): the
    lines of a .csv, the stored rows of the .xlsx's first sheet, counted in the raw or
    unpacked bytes as they stream by, without reading a row."""
    if not (filename or "").lower().endswith(".xlsx"):
        return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
            if not sheets:
                return 0
            count, tail = 0, b""
            with archive.open(sheets[0]) as sheet:
                while chunk := sheet.read(_CHUNK):
                    count += (tail + chunk).count(b"<row") - tail.count(b"<row")
                    tail = chunk[-4:]
            return count
    except (zipfile.BadZipFile, ValueError, OSError):
        return 0


def _too_large(max_bytes: int) -> str:
    return _("The file is larger than %(mb)s MB; split it.") % {"mb": _megabytes(max_bytes)}


def _is_xlsx(filename: str, data: bytes, max_bytes: int) -> bool:
    """Size and format (by the name): True for an .xlsx whose zip directory is sound,
    False for a .csv; anything else refused."""
    if len(data) > max_bytes:
        raise SpreadsheetError(_too_large(max_bytes))
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        _check_zip(data, max_bytes)
        return True
    if name.endswith((".csv", ".txt")):
        return False
    raise SpreadsheetError(_("Upload a .csv or .xlsx file."))


def _check_zip(data: bytes, max_bytes: int) -> None:
    """Refuse an .xlsx that is not a zip or would unpack to too much. zipfile stops reading
    a member at its declared size, so the declared sizes bound what is unpacked."""
    unreadable = SpreadsheetError(_("This is not a readable .xlsx file."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise unreadable from None
    total = sum(m.file_size for m in members)
    strings = sum(m.file_size for m in members if m.filename.endswith("sharedStrings.xml"))
    if total > _UNPACKED_RATIO * max_bytes or strings > max_bytes:
        raise SpreadsheetError(_too_large(max_bytes))


def cell_text(value: Any) -> str:
    """A cell's value as the text a person typed (see the module doc for numbers)."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if abs(value) >= _EXACT_DIGITS:
            return LOST_DIGITS + str(int(value))
        if float(value).is_integer():
            return str(int(value))
    return str(value).strip()


def _megabytes(n: int) -> str:
    return f"{n / 2**20:g}"


def _bounded(
    rows: Iterable[list[str]], max_rows: int, max_columns: int
) -> Iterator[tuple[int, list[str]]]:
    seen = 0
    for number, cells in enumerate(rows, 1):
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        seen += 1
        if seen > max_rows:
            raise SpreadsheetError(
                _("The file has more than %(n)d rows; split it.") % {"n": max_rows}
            )
        if len(cells) > max_columns:
            raise SpreadsheetError(
                _("Row %(row)d has more than %(n)d columns.") % {"row": number, "n": max_columns}
            )
        yield number, cells


def _encoding(data: bytes) -> str:
    """UTF-8 (with or without a BOM) or GB18030, whichever decodes the whole file; checked
    a megabyte at a time with the text thrown away, so memory stays flat."""
    view = memoryview(data)
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(view), _CHUNK):
                decoder.decode(view[start : start + _CHUNK])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise SpreadsheetError(_("The CSV file must be encoded in UTF-8 or GBK."))


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    encoding = _encoding(data)  # at once: a wrong encoding is an error of the call
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return _csv_cells(csv.reader(text))


def _csv_cells(reader) -> Iterator[list[str]]:
    try:
        for row in reader:
            yield [cell.strip() for cell in row]
    except csv.Error as exc:  # e.g. a field over the csv module's 131,072-character limit
        raise SpreadsheetError(_("This is not a readable .csv file.")) from exc


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise SpreadsheetError(_("This is not a readable .xlsx file.")) from exc
    sheet.reset_dimensions()  # the declared size may lie; read what is stored
    return _xlsx_cells(book, sheet)


def _xlsx_cells(book, sheet) -> Iterator[list[str]]:
    try:
        for row in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in row]
    except Exception as exc:  # a sheet that opens but breaks half-way through
        raise SpreadsheetError(_("This is not a readable .xlsx file.")) from exc
    finally:
        book.close()


# --- Writing -------------------------------------------------------------------------------
# Every export (results, awards, registrations, reports, error reports) is written here, so
# one rule keeps text that people typed from turning into a formula in a spreadsheet
# program (OWASP "CSV injection"): a text cell starting with = + - @, a tab or a carriage
# return gets a leading apostrophe, which Excel and WPS show as plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """The value as an export cell: numbers stay numbers, text can never be a formula."""
    if hasattr(value, "as_tuple"):  # Decimal: a number to the spreadsheet
        return float(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def to_csv(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """UTF-8 with a BOM (Excel then opens Chinese text correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_safe_row(header))
    writer.writerows(_safe_row(row) for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(title: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """One sheet: the header row, then the rows (streamed: memory stays flat)."""
    return write_xlsx([(title, [header]), (None, rows)])


def write_xlsx(sheets: Iterable[tuple[str | None, Iterable[Iterable[Any]]]]) -> bytes:
    """A workbook of (sheet title, rows) parts; a part titled None continues the sheet
    before it. Titles are cut to Excel's 31 characters."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = None
    for title, rows in sheets:
        if title is not None or sheet is None:
            sheet = book.create_sheet(str(title or "Sheet")[:31])
        for row in rows:
            sheet.append(_safe_row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
