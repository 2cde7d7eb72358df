"""PostgreSQL lost mid-computation: the task retries and finishes, nothing partial is current.

The machine's PostgreSQL is shared, so it is not restarted: the worker reaches it through a
TCP proxy that the test takes down (every connection dropped, new ones refused, as during a
restart) for a few seconds, then brings back; or one server process of the worker's is
terminated (`pg_terminate_backend`), as a restart or an administrator does.
"""

import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from core.models import TaskRecord
from judging.models import Mark
from results import services, tasks
from results.models import ResultRow, ResultSnapshot
from tests.celery_worker import WorkerProcess
from tests.core.faults_proxy import TcpProxy
from tests.factories import ContestFactory, EventFactory
from tests.results.factories import EntryFactory, JudgeFactory, give_marks, make_scheme

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

BEST = {"T": [100, 100, 100], "P": [10, 10, 10, 10, 10]}
GOOD = {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}


def wait_for(predicate, timeout=30.0, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(message)


def _worker_backends_waiting(query_start: str) -> list[int]:
    """Server processes (the worker's) waiting for a lock in a statement that starts so."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND query LIKE %s",
            [query_start + "%"],
        )
        return [row[0] for row in cursor.fetchall()]


def _hold_marks(first) -> str:
    """Stop the computation while the database scores the marks (on its second connection,
    outside Django's: the set-based engine's reader)."""
    with connection.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{Mark._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
    return "CREATE TEMP TABLE gj_scored"


def _hold_current_snapshot(first) -> str:
    """Stop the computation with its rows written, about to make its snapshot current."""
    ResultSnapshot.objects.select_for_update().get(pk=first.pk)
    return f'UPDATE "{ResultSnapshot._meta.db_table}"'


@pytest.mark.parametrize(
    ("hold", "restart"),
    [
        # one connection lost (the set-based engine's own, outside Django's) while scoring
        (_hold_marks, False),
        # the server restarting (all connections dropped, new ones refused for seconds)
        # while the computation makes its snapshot current
        (_hold_current_snapshot, True),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_database_lost_mid_computation_the_task_retries_and_finishes(union_tree, hold, restart):
    event = EventFactory(contest=ContestFactory(host_union=union_tree[0], status="judging"))
    judges = [JudgeFactory() for _ in range(5)]
    _, crits = make_scheme(event, award_tiers="medals")
    regs = [EntryFactory(event=event) for _ in range(3)]
    for reg, marks in zip(regs, (BEST, GOOD, GOOD), strict=True):
        give_marks(reg, crits, marks, judges)
    first = services.compute_event(event_id=event.pk)
    Mark.objects.filter(registration=regs[1]).update(value=Decimal(10))
    Mark.objects.filter(registration=regs[1], criterion__code="T").update(value=Decimal(100))

    db = connection.settings_dict
    proxy = TcpProxy(db.get("HOST") or "127.0.0.1", int(db.get("PORT") or 5432))
    through_proxy = f"postgres://{db['USER'] or 'postgres'}@127.0.0.1:{proxy.port}/{db['NAME']}"
    if db.get("PASSWORD"):
        through_proxy = through_proxy.replace("@", f":{db['PASSWORD']}@", 1)
    worker = WorkerProcess(concurrency=1, extra_env={"DATABASE_URL": through_proxy}).start()
    try:
        worker.wait_ready()
        record = TaskRecord.objects.create(name="compute")
        with transaction.atomic():
            waiting_in = hold(first)
            tasks.compute_event_results.apply_async((event.pk, str(record.pk)), queue=worker.queue)
            pids = wait_for(lambda: _worker_backends_waiting(waiting_in), message="worker held")
            if restart:
                proxy.down()  # the restart begins: the worker's connections are gone
            else:
                with connection.cursor() as cursor:
                    for pid in pids:
                        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            # the cut run's rows went with its transaction: nothing partial, nothing current
            assert ResultSnapshot.objects.get(event=event, is_current=True).pk == first.pk
            assert not ResultRow.objects.exclude(snapshot=first).exists()
            assert TaskRecord.objects.get(pk=record.pk).state != TaskRecord.State.FAILURE
        if restart:
            # The server stays away long enough for the first retry to find it still down.
            time.sleep(3)
            assert ResultSnapshot.objects.get(event=event, is_current=True).pk == first.pk
            proxy.up()
        record = wait_for(
            lambda: TaskRecord.objects.filter(pk=record.pk).exclude(state="STARTED").first(),
            message="task retried and finished",
        )
        assert record.state == TaskRecord.State.SUCCESS, record.result
        current = ResultSnapshot.objects.get(event=event, is_current=True)
        assert current.version == record.result["version"] >= 2
        assert current.rows.count() == 3
        assert {r.registration_id for r in current.rows.filter(rank=1)} == {regs[0].pk, regs[1].pk}
        assert all(s.rows.count() == 3 for s in ResultSnapshot.objects.filter(event=event))
        log = worker.log.read_text()
        assert "Retry in" in log, log[-3000:]
    finally:
        worker.stop()
        proxy.close()
