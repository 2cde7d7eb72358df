"""The production path: tasks through Redis to real worker processes, on PostgreSQL.

Not eager: the session's `celery_worker_process` and a dedicated worker that this module
kills half-way through a computation (held there by a row lock this test takes).
"""

import os
import signal
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from core.models import TaskRecord
from judging.models import Mark
from results import tasks
from results.models import ResultRow, ResultSnapshot
from tests.celery_worker import WorkerProcess
from tests.conftest import client_for
from tests.results.factories import EntryFactory, give_marks, make_scheme

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

GOOD = {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}  # 81.50
BEST = {"T": [100, 100, 100], "P": [10, 10, 10, 10, 10]}  # 100.00


def wait_for(predicate, timeout=60.0, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise TimeoutError(message)


def _scored(event, judges, n=2):
    _, crits = make_scheme(event, award_tiers="medals")
    regs = [EntryFactory(event=event) for _ in range(n)]
    for i, reg in enumerate(regs):
        give_marks(reg, crits, BEST if i == 0 else GOOD, judges)
    return regs


@pytest.mark.django_db(transaction=True)
def test_compute_and_publish_through_redis_and_a_worker(
    celery_worker_process, event, judges, contest, officer_a, api,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    _scored(event, judges)
    client = client_for(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/contests/{contest.pk}/compute/")
    assert response.status_code == 202
    record = wait_for(
        lambda: TaskRecord.objects.filter(pk=response.data["task"], state="SUCCESS").first(),
        message="contest computed by the worker",
    )
    assert record.result["events"] == {str(event.pk): 1}
    assert client.post(f"/api/v1/contests/{contest.pk}/publish/", {}).status_code == 200
    data = api.get(f"/api/v1/events/{event.pk}/results/").data["results"]
    assert [(r["rank"], r["total"], r["tier"]) for r in data] == [
        (1, "100.00", "金牌"),
        (2, "81.50", "银牌"),
    ]
    awards = api.get(f"/api/v1/contests/{contest.pk}/awards/").data
    assert awards["lists"]["gold_worker"][0]["score"] == "100.00"


def _retiring_the_current_snapshot() -> bool:
    """Whether another session waits for a lock to update result snapshots: the last step
    of a computation, once all its rows are written."""
    with connection.cursor() as cursor:
        # inside a transaction the activity view is a snapshot taken at first use
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid() "
            "AND query LIKE %s",
            [f'UPDATE "{ResultSnapshot._meta.db_table}"%'],
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_computation_leaves_previous_snapshot_and_task_is_redelivered(
    event, judges
):
    from results import services

    regs = _scored(event, judges, n=3)
    first = services.compute_event(event_id=event.pk)
    # new marks: the next version would rank entry 2 first
    Mark.objects.filter(registration=regs[1]).update(value=Decimal(10))
    Mark.objects.filter(registration=regs[1], criterion__code="T").update(value=Decimal(100))
    worker = WorkerProcess(concurrency=1).start()
    try:
        worker.wait_ready()
        record = TaskRecord.objects.create(name="compute")
        with transaction.atomic():
            # The computation writes its rows, then retires the current snapshot: holding
            # that row stops the worker there, rows written and its transaction open.
            ResultSnapshot.objects.select_for_update().get(pk=first.pk)
            tasks.compute_event_results.apply_async((event.pk, str(record.pk)), queue=worker.queue)
            wait_for(_retiring_the_current_snapshot, message="worker held in its transaction")
            assert ResultSnapshot.objects.get(event=event, is_current=True).pk == first.pk
            assert not ResultSnapshot.objects.filter(event=event, version=2).exists()
            [child] = worker.child_pids()
            os.kill(child, signal.SIGKILL)
            wait_for(lambda: child not in worker.child_pids(), message="child gone")
        # the lock is released: the killed run's orphaned transaction can only roll back,
        # and the redelivered run goes straight through. Nothing of the killed run
        # survived: still version 1 current, unless the redelivered run already committed
        # its own complete snapshot; no snapshot without all its rows
        current = ResultSnapshot.objects.get(event=event, is_current=True)
        assert current.pk == first.pk or current.rows.count() == 3
        assert ResultRow.objects.exclude(snapshot=first).count() in (0, 3)
        assert all(s.rows.count() == 3 for s in ResultSnapshot.objects.filter(event=event))
        # late acknowledgement: the message is redelivered and the computation completes
        record = wait_for(
            lambda: TaskRecord.objects.filter(pk=record.pk, state="SUCCESS").first(),
            timeout=90,
            message="task redelivered and completed",
        )
        current = ResultSnapshot.objects.get(event=event, is_current=True)
        assert current.version == record.result["version"] >= 2
        assert current.rows.get(position=1).registration_id in (regs[0].pk, regs[1].pk)
        assert current.rows.count() == 3
        assert "WorkerLostError" in worker.log.read_text() or "SIGKILL" in worker.log.read_text()
    finally:
        worker.stop()
