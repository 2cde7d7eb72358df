"""Task sends that survive a broker outage (the transactional outbox pattern).

`send_on_commit(task, args, kwargs)` writes the send as a `core.OutboxMessage` row in the
caller's transaction; once that commits, the row is sent to the broker and deleted. With the
broker down (Redis restarting) the send fails, is logged, and the row stays: the data the
task is for is saved, and the task is not lost. `flush()` sends whatever is left. It runs

- after every successful send (the first request once Redis is back sends the backlog),
- every 30 seconds from Celery beat (`core.flush_outbox`, see `CELERY_BEAT_SCHEDULE`),
- from `manage.py flush_outbox` (cron, or by hand after an outage).

A row is locked while it is sent (`SELECT ... FOR UPDATE SKIP LOCKED`), so two senders
never send it twice; should a send reach the broker and its row's deletion then fail, the
task is sent again later, which every task allows (they are idempotent, see core.taskbase).
The row's id is the Celery task id.

In eager mode (no broker: the embedded default) tasks run in-process after commit, as
Celery's `delay_on_commit` does, and nothing is written here.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from celery import Task, current_app
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage

log = logging.getLogger(__name__)

#: A row younger than this belongs to its own after-commit send; flush() leaves it alone.
GRACE = timedelta(seconds=10)
BATCH = 100


def send_on_commit(
    task: Task,
    args: Sequence = (),
    kwargs: dict[str, Any] | None = None,
    *,
    options: dict[str, Any] | None = None,
) -> None:
    """Send `task(*args, **kwargs)` with the Celery `options` (e.g. countdown) once the
    current transaction commits (at once outside one), never losing it to a broker outage."""
    kwargs = kwargs or {}
    options = options or {}
    if current_app.conf.task_always_eager:
        transaction.on_commit(lambda: task.apply_async(tuple(args), kwargs, **options))
        return
    pk = write(task, args, kwargs, options=options)
    transaction.on_commit(lambda: send_written(pk))


def write(
    task: Task,
    args: Sequence = (),
    kwargs: dict[str, Any] | None = None,
    *,
    options: dict[str, Any] | None = None,
) -> uuid.UUID:
    """The first half of `send_on_commit` for callers with an after-commit callback of
    their own (results.scheduling): the row, in the current transaction; its id."""
    return OutboxMessage.objects.create(
        task=task.name, args=list(args), kwargs=kwargs or {}, options=options or {}
    ).pk


def send_written(pk: uuid.UUID, still_needed: Callable[[], bool] | None = None) -> None:
    """The second half, after the commit: send the row (and any backlog), or drop it
    unsent when `still_needed()` says the send is redundant (a debounced recompute that is
    already scheduled)."""
    if still_needed is not None and not still_needed():
        OutboxMessage.objects.filter(pk=pk).delete()
        return
    sent = _send_rows(OutboxMessage.objects.filter(pk=pk))
    if sent and OutboxMessage.objects.filter(created_at__lt=timezone.now() - GRACE).exists():
        flush()  # the broker is back: send what an outage left


def flush(*, older_than: timedelta = GRACE) -> int:
    """Send the pending rows older than `older_than`, oldest first; stops at the first send
    the broker refuses. Returns how many were sent."""
    total = 0
    while True:
        pending = OutboxMessage.objects.filter(created_at__lt=timezone.now() - older_than)
        sent = _send_rows(pending.order_by("created_at")[:BATCH])
        total += sent
        if sent < BATCH:
            return total


def _send_rows(rows) -> int:
    """Send the rows no other sender holds, deleting each one sent; the count sent."""
    sent = 0
    with transaction.atomic():
        for message in rows.select_for_update(skip_locked=True):
            if not _publish(message):
                break
            message.delete()
            sent += 1
    return sent


def _publish(message: OutboxMessage) -> bool:
    try:
        current_app.send_task(
            message.task,
            args=message.args,
            kwargs=message.kwargs,
            task_id=str(message.pk),
            **message.options,
        )
    except Exception as exc:  # the broker's errors vary by transport: all mean "not now"
        log.warning("task %s not sent, kept for later: %r", message.task, exc)
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=message.attempts + 1, last_error=repr(exc)[:1000]
        )
        return False
    return True
