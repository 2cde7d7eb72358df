"""Writes of the core app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils import translation

from core import outbox
from core.models import TaskRecord

if TYPE_CHECKING:
    from celery import Task

    from core.models import User


def start_task(*, name: str, owner: User | None, task: Task, args: Sequence = ()) -> TaskRecord:
    """Create a PENDING TaskRecord and send `task(*args, task_record_id=<its id>)` once the
    current transaction commits (at once outside one), so the worker always finds the
    record and whatever the caller wrote alongside it. The send goes through
    `core.outbox`: with the broker down the record stays PENDING and the task is sent
    when the broker is back, never lost. The task should be a
    `core.taskbase.TrackedTask`; the record is what `/api/v1/tasks/{id}/` shows its owner.
    The caller's language goes with it: the task runs in it.
    """
    record = TaskRecord.objects.create(
        name=name, owner=owner, language=translation.get_language() or ""
    )
    outbox.send_on_commit(task, args, {"task_record_id": str(record.pk)})
    return record
