"""Scoresheet upload: a judge's marks for an event from a .csv or .xlsx file, all or none."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Event, Registration
from core.access import check, manages_event
from core.models import User
from core.spreadsheets import SpreadsheetError, read_rows
from judging.models import Criterion, Judge, JudgeAssignment, Mark
from judging.services.access import judge_of, lock_assignment
from judging.services.marks import _BATCH, _check_entry, _write_mark, check_value
from judging.signals import marks_changed

MAX_SCORESHEET_BYTES = 5 * 1024 * 1024


# A bib as a person writes it: digits, or a spreadsheet's "12.0". Checked as text before
# anything is turned into a number, so "1e1000000" costs nothing (bibs fit in 9 digits).
_BIB = re.compile(r"\s*(\d{1,9})(?:\.0*)?\s*")
_SCORESHEET_ROWS = 200_000  # an event's entries x criteria for one judge, with room to spare
_SCORESHEET_COLUMNS = 10  # bib, criterion, value, and a few columns of notes a sheet may carry


def parse_scoresheet(name: str, content: bytes) -> list[tuple[int, list[str]]]:
    """(row number, [bib, criterion, value]) of each non-empty data row of a .csv/.xlsx,
    read through the one bounded spreadsheet reader (core.spreadsheets).

    A first row whose first cell is not a number is taken as the header.
    """
    try:
        numbered = [
            (number, [*cells, "", "", ""][:3])
            for number, cells in read_rows(
                content,
                name or "",
                max_bytes=MAX_SCORESHEET_BYTES,
                max_rows=_SCORESHEET_ROWS,
                max_columns=_SCORESHEET_COLUMNS,
            )
        ]
    except SpreadsheetError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    if numbered and not numbered[0][1][0].replace(".", "", 1).isdigit():
        numbered = numbered[1:]
    return numbered


def _bib(text: str) -> int | None:
    """A bib from a cell: "12" or a spreadsheet's "12.0"; anything else is no bib."""
    match = _BIB.fullmatch(text or "")
    if match is None or int(match.group(1)) < 1:
        return None
    return int(match.group(1))


def uploading_judge(*, actor: User, event: Event, judge: Judge | None = None) -> Judge:
    """Whose marks an upload holds, checked before the file is read: a judge uploads their
    own, an officer of the host union may upload for a judge; either way the judge must be
    on the event's panel."""
    if judge is None or (getattr(actor, "judge", None) and actor.judge.pk == judge.pk):
        judge = judge_of(actor)
    else:
        check(manages_event, actor, event)
    if not JudgeAssignment.objects.filter(event=event, judge=judge).exists():
        raise PermissionDenied(_("You are not assigned to judge this event."))
    return judge


def upload_scoresheet(
    *, actor: User, event: Event, name: str, content: bytes, judge: Judge | None = None
) -> dict[str, int]:
    """A scoresheet file, end to end: who may upload is settled first, then the file is
    read (bounded) and written all or none (`import_scoresheet`)."""
    judge = uploading_judge(actor=actor, event=event, judge=judge)
    rows = parse_scoresheet(name, content)
    return import_scoresheet(actor=actor, event=event, rows=rows, judge=judge)


def import_scoresheet(
    *, actor: User, event: Event, rows: list[tuple[int, list[str]]], judge: Judge | None = None
) -> dict[str, int]:
    """Write a judge's scoresheet: every row is checked first, then all are written or none.

    A judge uploads their own marks; an officer of the host union may upload for a judge.
    """
    judge = uploading_judge(actor=actor, event=event, judge=judge)
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
