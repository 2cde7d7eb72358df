"""Celery tasks of the results engine: ids in, idempotent, progress in core.TaskRecord.

Each task is acknowledged late (settings: CELERY_TASK_ACKS_LATE) and every write it makes
is one transaction, so a worker killed mid-run leaves the previous snapshot current and the
redelivered task simply computes again. The base class (core.taskbase.TrackedTask) keeps
the TaskRecord: retries for named transient database errors only; a bad scheme is a
ValidationError and fails at once, recorded in the TaskRecord; any other crash is recorded
as a failure too.
"""

from __future__ import annotations

import time

from celery import shared_task
from django.core.cache import cache
from django.core.exceptions import ValidationError

from contests.models import Event
from core.taskbase import TrackedTask
from results import services


def recompute_key(event_id: int) -> str:
    return f"results:recompute:{event_id}"


@shared_task(name="results.compute_event_results", base=TrackedTask)
def compute_event_results(event_id: int, task_record_id: str | None = None) -> dict:
    # Marks arriving from now on must schedule another run: this one may not see them.
    cache.delete(recompute_key(event_id))
    started = time.monotonic()
    snapshot = services.compute_event(event_id=event_id)
    prune_result_snapshots.delay_on_commit(event_id)
    return {
        "event": event_id,
        "snapshot": snapshot.pk,
        "version": snapshot.version,
        "seconds": round(time.monotonic() - started, 3),
    }


@shared_task(name="results.prune_result_snapshots", base=TrackedTask, max_retries=3)
def prune_result_snapshots(event_id: int) -> int:
    """Housekeeping after a computation: old provisional snapshots go."""
    return services.prune_snapshots(event_id=event_id)


@shared_task(name="results.compute_contest_awards", base=TrackedTask)
def compute_contest_awards(contest_id: int, task_record_id: str | None = None) -> dict:
    snapshot = services.compute_awards(contest_id=contest_id)
    return {"contest": contest_id, "awards": snapshot.pk, "version": snapshot.version}


@shared_task(name="results.compute_contest_results", base=TrackedTask, bind=True)
def compute_contest_results(self, contest_id: int, task_record_id: str | None = None) -> dict:
    """Every event of the contest (individual and achievement events first: team events
    scored by their members read those), then the awards; progress counts events.

    Each event is its own transaction, so a redelivery after a crash recomputes everything
    and ends in the same state. An event whose scheme is broken is reported and skipped.
    """
    kinds = {Event.Kind.INDIVIDUAL: 0, Event.Kind.ACHIEVEMENT: 1, Event.Kind.TEAM: 2}
    events = sorted(
        Event.objects.filter(contest_id=contest_id, scheme__isnull=False).values_list("id", "kind"),
        key=lambda e: (kinds.get(e[1], 3), e[0]),
    )
    total = len(events) + 1
    self.progress(0, total)
    snapshots = {}
    errors = {}
    for done, (event_id, _kind) in enumerate(events, 1):
        try:
            snapshots[event_id] = services.compute_event(event_id=event_id).version
        except ValidationError as exc:
            errors[event_id] = exc.messages
        self.progress(done)
    awards = services.compute_awards(contest_id=contest_id)
    return {
        "contest": contest_id,
        "events": {str(k): v for k, v in snapshots.items()},
        "errors": {str(k): v for k, v in errors.items()},
        "awards": awards.pk,
    }
