"""Celery tasks of the results engine: ids in, idempotent, progress in core.TaskRecord.

Each task is acknowledged late (settings: CELERY_TASK_ACKS_LATE) and every write it makes
is one transaction, so a worker killed mid-run leaves the previous snapshot current and the
redelivered task simply computes again. Retries are for named transient database errors
only; a bad scheme is a ValidationError and fails at once, recorded in the TaskRecord.
"""

from __future__ import annotations

import time

from celery import shared_task
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError

from contests.models import Event
from core.models import TaskRecord
from results import services

TRANSIENT = (OperationalError, InterfaceError)


def _record(task_record_id: str | None, **changes) -> None:
    if task_record_id:
        TaskRecord.objects.filter(pk=task_record_id).update(**changes)


def _failure(task_record_id: str | None, exc: ValidationError) -> dict:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    _record(task_record_id, state=TaskRecord.State.FAILURE, result={"errors": detail})
    return {"errors": detail}


def recompute_key(event_id: int) -> str:
    return f"results:recompute:{event_id}"


@shared_task(
    name="results.compute_event_results",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def compute_event_results(event_id: int, task_record_id: str | None = None) -> dict:
    # Marks arriving from now on must schedule another run: this one may not see them.
    cache.delete(recompute_key(event_id))
    _record(task_record_id, state=TaskRecord.State.STARTED, progress=0, total=1)
    started = time.monotonic()
    try:
        snapshot = services.compute_event(event_id=event_id)
    except ValidationError as exc:
        return _failure(task_record_id, exc)
    result = {
        "event": event_id,
        "snapshot": snapshot.pk,
        "version": snapshot.version,
        "seconds": round(time.monotonic() - started, 3),
    }
    prune_result_snapshots.delay_on_commit(event_id)
    _record(task_record_id, state=TaskRecord.State.SUCCESS, progress=1, total=1, result=result)
    return result


@shared_task(name="results.prune_result_snapshots", autoretry_for=TRANSIENT, max_retries=3)
def prune_result_snapshots(event_id: int) -> int:
    """Housekeeping after a computation: old provisional snapshots go."""
    return services.prune_snapshots(event_id=event_id)


@shared_task(
    name="results.compute_contest_awards",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    max_retries=5,
)
def compute_contest_awards(contest_id: int, task_record_id: str | None = None) -> dict:
    _record(task_record_id, state=TaskRecord.State.STARTED, progress=0, total=1)
    try:
        snapshot = services.compute_awards(contest_id=contest_id)
    except ValidationError as exc:
        return _failure(task_record_id, exc)
    result = {"contest": contest_id, "awards": snapshot.pk, "version": snapshot.version}
    _record(task_record_id, state=TaskRecord.State.SUCCESS, progress=1, total=1, result=result)
    return result


@shared_task(
    name="results.compute_contest_results",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    max_retries=5,
)
def compute_contest_results(contest_id: int, task_record_id: str | None = None) -> dict:
    """Every event of the contest (individual and achievement events first: team events
    scored by their members read those), then the awards; progress counts events.

    Each event is its own transaction, so a redelivery after a crash recomputes everything
    and ends in the same state.
    """
    kinds = {Event.Kind.INDIVIDUAL: 0, Event.Kind.ACHIEVEMENT: 1, Event.Kind.TEAM: 2}
    events = sorted(
        Event.objects.filter(contest_id=contest_id, scheme__isnull=False).values_list("id", "kind"),
        key=lambda e: (kinds.get(e[1], 3), e[0]),
    )
    total = len(events) + 1
    _record(task_record_id, state=TaskRecord.State.STARTED, progress=0, total=total)
    snapshots = {}
    errors = {}
    for done, (event_id, _kind) in enumerate(events, 1):
        try:
            snapshots[event_id] = services.compute_event(event_id=event_id).version
        except ValidationError as exc:
            errors[event_id] = exc.messages
        _record(task_record_id, progress=done)
    try:
        awards = services.compute_awards(contest_id=contest_id)
    except ValidationError as exc:
        return _failure(task_record_id, exc)
    result = {
        "contest": contest_id,
        "events": {str(k): v for k, v in snapshots.items()},
        "errors": {str(k): v for k, v in errors.items()},
        "awards": awards.pk,
    }
    _record(
        task_record_id, state=TaskRecord.State.SUCCESS, progress=total, total=total, result=result
    )
    return result
