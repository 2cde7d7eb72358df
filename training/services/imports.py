"""Importing a question file into a union's bank in the background: the request checks what
costs nothing whatever the file's size (who may, size, format) and queues the job; the task
(training.tasks.import_questions_task) reads the rows and writes them, all or nothing unless
"skip invalid rows" is asked (training.importing), reporting each problem row.

The task is sent when the job's transaction commits, through the outbox (core.services
.start_task), so it always finds the upload and a broker outage does not lose it.
"""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import spreadsheets
from core.access import manages_union
from core.models import User
from core.services import start_task
from core.spreadsheets import SpreadsheetError
from training.importing import MAX_BYTES
from training.models import QuestionImport
from unions.models import Union


def start_question_import(
    *, actor: User, union: Union, filename: str, data: bytes, skip_invalid: bool = False
) -> QuestionImport:
    """Accept an upload and queue its import (PermissionDenied outside the actor's unions, a
    ValidationError on "file" for a file refused as a whole)."""
    from training.tasks import import_questions_task

    if not manages_union(actor, union):
        raise PermissionDenied(_("You may manage only the question banks of your union."))
    try:
        spreadsheets.read_upload(io.BytesIO(data), max_bytes=MAX_BYTES)  # its size only
        if not filename.lower().endswith(".xml"):
            spreadsheets.check_upload(data, filename, max_bytes=MAX_BYTES)
    except SpreadsheetError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    with transaction.atomic():
        record = start_task(name="import_questions", owner=actor, task=import_questions_task)
        return QuestionImport.objects.create(
            task=record,
            union=union,
            filename=filename[:255],
            data=data,
            skip_invalid=skip_invalid,
            created_by=actor,
        )
