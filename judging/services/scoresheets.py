"""Scoresheet upload: a judge's marks for an event from a .csv or .xlsx file, all or none."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Event, Registration
from core.access import check, manages_event
from core.models import User
from judging.models import Criterion, Judge, Mark
from judging.services.access import judge_of, lock_assignment
from judging.services.marks import _BATCH, _check_entry, _write_mark, check_value
from judging.services.schemes import _number
from judging.signals import marks_changed

MAX_SCORESHEET_BYTES = 5 * 1024 * 1024


def parse_scoresheet(name: str, content: bytes) -> list[tuple[int, list[str]]]:
    """(row number, [bib, criterion, value]) of each non-empty data row of a .csv/.xlsx.

    A first row whose first cell is not a number is taken as the header.
    """
    lower = (name or "").lower()
    rows: list[list[str]] = []
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types for a corrupt file
            raise ValidationError({"file": [_("This is not a readable .xlsx file.")]}) from None
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if v is None else str(v).strip() for v in row[:3]])
        book.close()
    elif lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("gb18030")
            except UnicodeDecodeError:
                raise ValidationError({"file": [_("Save the CSV file as UTF-8.")]}) from None
        rows = [[c.strip() for c in row[:3]] for row in csv.reader(io.StringIO(text))]
    else:
        raise ValidationError({"file": [_("Upload a .xlsx or .csv file.")]})
    numbered = [(i, r + [""] * (3 - len(r))) for i, r in enumerate(rows, 1) if any(r)]
    if numbered and not numbered[0][1][0].replace(".", "", 1).isdigit():
        numbered = numbered[1:]
    return numbered


def _bib(text: str) -> int | None:
    """A bib from a cell: "12" or a spreadsheet's 12.0."""
    number = _number(text.strip()) if text else None
    if number is None or number != number.to_integral_value() or number < 1:
        return None
    return int(number)


def import_scoresheet(
    *, actor: User, event: Event, rows: list[tuple[int, list[str]]], judge: Judge | None = None
) -> dict[str, int]:
    """Write a judge's scoresheet: every row is checked first, then all are written or none.

    A judge uploads their own marks; an officer of the host union may upload for a judge.
    """
    if judge is None or (getattr(actor, "judge", None) and actor.judge.pk == judge.pk):
        judge = judge_of(actor)
    else:
        check(manages_event, actor, event)
    if not rows:
        raise ValidationError({"file": [_("The file has no marks.")]})
    wanted = {b for b in (_bib(r[0]) for _n, r in rows) if b is not None}
    with transaction.atomic():
        assignment = lock_assignment(judge, event.pk)
        if assignment.submitted_at is not None:
            raise ValidationError(
                {"file": [_("These marks have been submitted; an officer must unlock them.")]}
            )
        criteria = {c.code: c for c in Criterion.objects.filter(event=event)}
        bibs: dict[int, Registration] = {}
        ordered = sorted(wanted)
        for start in range(0, len(ordered), _BATCH):
            chunk = ordered[start : start + _BATCH]
            for reg in Registration.objects.filter(event=event, bib__in=chunk):
                bibs[reg.bib] = reg
        errors: list[str] = []
        parsed: list[tuple[Registration, Criterion, Decimal]] = []
        seen: dict[tuple[int, str], int] = {}
        for number, (bib_text, code, value_text) in rows:
            problems = []
            bib = _bib(bib_text)
            reg = bibs.get(bib) if bib is not None else None
            if reg is None:
                problems.append(_("no entry with bib %(bib)s") % {"bib": bib_text or "—"})
            crit = criteria.get(code)
            if crit is None:
                problems.append(_("no criterion %(code)s") % {"code": code or "—"})
            elif assignment.criteria and code not in assignment.criteria:
                problems.append(_("not assigned to criterion %(code)s") % {"code": code})
            try:
                value = Decimal(value_text)
                if not value.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                value = None
                problems.append(_("mark %(value)s is not a number") % {"value": value_text or "—"})
            if reg is not None:
                try:
                    _check_entry(judge, reg)
                except ValidationError as exc:
                    problems.extend(exc.messages)
            if crit is not None and value is not None:
                try:
                    check_value(crit, value)
                except ValidationError as exc:
                    problems.extend(exc.messages)
            if reg is not None and crit is not None:
                first = seen.setdefault((reg.pk, crit.code), number)
                if first != number:
                    problems.append(_("same entry and criterion as row %(row)s") % {"row": first})
            if problems:
                errors.append(
                    _("Row %(row)s: %(problems)s")
                    % {"row": number, "problems": "; ".join(problems)}
                )
            else:
                parsed.append((reg, crit, value))
        if errors:
            raise ValidationError({"file": errors})
        for reg, crit, value in parsed:
            _write_mark(
                actor=actor,
                judge=judge,
                registration=reg,
                criterion=crit,
                value=value,
                schedule=False,
            )
        marks_changed.send(sender=Mark, event_id=event.pk)
    return {"rows": len(parsed)}
