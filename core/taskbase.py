"""One base for every Celery task: its TaskRecord is kept by the base, not by each task.

A task started through `core.services.start_task` gets the id of its `TaskRecord` as the
`task_record_id` argument. `TrackedTask` (pretix's ProfiledEventTask idea) then records:

- STARTED when the run begins (progress 0);
- progress, when the task calls `self.progress(done, total)` (declare the task `bind=True`);
- SUCCESS with the task's return value (a JSON-able dict) as the result, progress = total;
- FAILURE for any exception: a Django `ValidationError` (a rule the input broke: the
  message dict is recorded as `{"errors": ...}` and returned, nothing is raised), a
  `TaskFailedError(result)` raised on purpose (its result is recorded and returned), or any
  other exception (recorded as `{"error": "Type: message"}`, then raised, so Celery logs
  it and marks the message failed). A crash never leaves a record STARTED.

Retries are for named transient errors only: `autoretry_for` defaults to `TRANSIENT` (a
dropped database connection), with exponential backoff, at most `max_retries` times; a
task declares its own with the usual Celery options
(`@shared_task(base=TrackedTask, autoretry_for=(OperationalError,), max_retries=3)`).
While a retry is pending the record stays STARTED; when the retries are used up the error
is recorded as a FAILURE like any other.

A database restart drops every connection and refuses new ones for a while, so the base's
own queries are covered too: a transient error while starting the record (the first query
of a run) or recording its success sends the task round again instead of losing it (the
task is idempotent: running it again is correct). Before any retry the broken connections
are closed, so the next try connects afresh. The backoff has no jitter (2, 4, 8, 16, 32 s:
a minute in all), so a restart of a few seconds is always outlasted.

A record that is already SUCCESS or FAILURE is not run again: a message redelivered after
the work was done (late acknowledgement, a worker lost after finishing) returns the recorded
result. Without a record id (a scheduled recompute) the task runs the same, unrecorded.
"""

from __future__ import annotations

import inspect
import logging
from contextvars import ContextVar
from typing import Any

from celery.contrib.django.task import DjangoTask
from celery.exceptions import Retry
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import translation

from core.models import TaskRecord

log = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)
FINISHED = (TaskRecord.State.SUCCESS, TaskRecord.State.FAILURE)

# The record of the run in progress, per thread and per nested eager call.
_current_record: ContextVar[str | None] = ContextVar("gj_task_record", default=None)


class TaskFailedError(Exception):
    """Raise from a task to end it as a FAILURE whose result is `result` (a report the
    caller reads, such as "the file has no rows"), without a traceback in the logs."""

    def __init__(self, result: dict[str, Any]):
        super().__init__(result)
        self.result = result


class TrackedTask(DjangoTask):
    autoretry_for = TRANSIENT
    retry_backoff = 2
    retry_backoff_max = 60
    retry_jitter = False
    max_retries = 5

    def record_id(self, args: tuple, kwargs: dict) -> str | None:
        """The `task_record_id` argument of this call, if the task takes one."""
        try:
            bound = inspect.signature(self.run).bind_partial(*args, **kwargs)
        except TypeError:
            return None
        value = bound.arguments.get("task_record_id")
        return str(value) if value else None

    def progress(self, done: int, total: int | None = None) -> None:
        """Record how far the run is (`done` of `total` steps); cheap, but not free: call
        it every few hundred steps, not on each."""
        record_id = _current_record.get()
        if record_id is None:
            return
        changes: dict[str, Any] = {"progress": done}
        if total is not None:
            changes["total"] = total
        TaskRecord.objects.filter(pk=record_id).update(**changes)

    def failure_result(self, exc: BaseException) -> dict[str, Any]:
        """What a crash records; tasks may add fields their readers expect."""
        return {"error": f"{type(exc).__name__}: {exc}"}

    def retry(self, *args, exc=None, **kwargs):
        if isinstance(exc, TRANSIENT):
            close_broken_connections()
        return super().retry(*args, exc=exc, **kwargs)

    def retry_transient(self, exc: BaseException) -> BaseException:
        """The Retry (or, retries used up, the error) for a transient error the base met."""
        if self.request.called_directly:
            return exc
        countdown = get_exponential_backoff_interval(
            factor=int(max(1.0, self.retry_backoff)),
            retries=self.request.retries,
            maximum=self.retry_backoff_max,
            full_jitter=self.retry_jitter,
        )
        try:
            return self.retry(exc=exc, countdown=countdown)
        except Retry as retry:
            return retry

    def __call__(self, *args, **kwargs):
        record_id = self.record_id(args, kwargs)
        token = _current_record.set(record_id)
        try:
            try:
                if record_id is not None and not _start(record_id):
                    return _recorded_result(record_id)
                # The caller's language: messages the task records (a row's error, a sheet's
                # headings) read in the language of whoever started it.
                language = _language(record_id)
            except TRANSIENT as exc:
                raise self.retry_transient(exc)  # noqa: B904 (a Retry, or exc itself)
            try:
                with translation.override(language):
                    result = super().__call__(*args, **kwargs)
            except Retry:
                raise  # a transient error: the record stays STARTED until the next try
            except ValidationError as exc:
                errors = (
                    exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
                )
                failed = {"errors": errors}
                _finish(record_id, TaskRecord.State.FAILURE, failed)
                return failed
            except TaskFailedError as exc:
                _finish(record_id, TaskRecord.State.FAILURE, exc.result)
                return exc.result
            except Exception as exc:
                _finish(record_id, TaskRecord.State.FAILURE, self.failure_result(exc))
                raise
            try:
                _record(record_id, TaskRecord.State.SUCCESS, result)
            except TRANSIENT as exc:
                # The work is committed but not its record: run again (idempotent).
                raise self.retry_transient(exc)  # noqa: B904 (a Retry, or exc itself)
            return result
        finally:
            _current_record.reset(token)


def close_broken_connections() -> None:
    """Close the database connections an error may have broken, so that the next query
    connects afresh (a connection inside a caller's transaction is the caller's to end)."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()


def _language(record_id: str | None) -> str:
    recorded = (
        TaskRecord.objects.filter(pk=record_id).values_list("language", flat=True).first()
        if record_id is not None
        else None
    )
    return recorded or settings.LANGUAGE_CODE


def _start(record_id: str) -> bool:
    """Mark the record STARTED; False if it has already finished (or does not exist)."""
    records = TaskRecord.objects.filter(pk=record_id)
    started = records.exclude(state__in=FINISHED).update(state=TaskRecord.State.STARTED, progress=0)
    return bool(started) or not records.exists()


def _recorded_result(record_id: str) -> Any:
    return TaskRecord.objects.filter(pk=record_id).values_list("result", flat=True).first()


def _record(record_id: str | None, state: str, result: Any) -> None:
    if record_id is None:
        return
    changes: dict[str, Any] = {"state": state, "result": result}
    if state == TaskRecord.State.SUCCESS:
        # Done means all of it: progress = total, and 1 of 1 for a task that never counted.
        changes["total"] = changes["progress"] = Greatest(F("total"), Value(1))
    TaskRecord.objects.filter(pk=record_id).update(**changes)


def _finish(record_id: str | None, state: str, result: Any) -> None:
    try:
        _record(record_id, state, result)
    except DatabaseError:
        # The database is what failed (or the run's transaction is broken): the original
        # error is the one to see, so do not mask it with this one.
        log.exception("could not record %s for task record %s", state, record_id)
