"""Redis down: marks and registrations save, public pages come from the database, and the
task sends wait in the outbox until Redis is back; nothing is lost.

The machine's Redis is shared, so it is not stopped: this process's cache and broker are
pointed at a port nothing listens on, then back at the real Redis.
"""

import contextlib
import socket
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from config.celery import app
from contests import services as contests
from contests.models import Registration
from core import outbox
from core.models import OutboxMessage, TaskRecord
from judging import services as judging
from results import scheduling
from results import services as results
from results.models import ResultSnapshot
from tests.conftest import client_for
from tests.factories import ContestFactory, EventFactory, WorkerFactory
from tests.judging.conftest import VOCATIONAL
from tests.judging.factories import AssignmentFactory, EntryFactory, JudgeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def wait_for(predicate, timeout=30.0, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(message)


def _dead_redis_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"  # closed again: connections are refused


def _use_broker(url: str) -> None:
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def redis_down(settings):
    """The cache (Django's and the public pages' own client) and the broker unreachable."""
    import public.cache

    real = (settings.REDIS_URL, settings.CACHES["default"], public.cache._redis)
    dead = _dead_redis_url()
    settings.CACHES = {"default": {**real[1], "LOCATION": dead}}
    settings.REDIS_URL, public.cache._redis = dead, None
    _use_broker(dead)
    try:
        yield
    finally:
        _use_broker(real[0])
        settings.CACHES = {"default": real[1]}
        settings.REDIS_URL, public.cache._redis = real[0], real[2]


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_writes_save_pages_answer_and_tasks_go_out_when_it_is_back(
    celery_worker_process, union_tree, officer_a, settings, monkeypatch
):
    monkeypatch.setattr(scheduling, "DEBOUNCE_SECONDS", 1)
    app.conf.task_always_eager = True  # the set-up's recomputes run here and now
    event = EventFactory(contest__host_union=union_tree[1], contest__status="judging")
    judging.replace_scheme(actor=officer_a, event=event, criteria=VOCATIONAL)
    judges = [JudgeFactory(union=union_tree[0]) for _ in range(3)]
    for judge in judges:
        AssignmentFactory(event=event, judge=judge)
    entries = [EntryFactory(event=event, worker__employer__union=union_tree[1]) for _ in range(2)]
    for entry, practical in zip(entries, (90, 80), strict=True):
        for judge in judges:
            judging.record_mark(actor=judge.user, registration=entry, criterion_code="P",
                                value=Decimal(practical))  # fmt: skip
        judging.record_mark(actor=judges[0].user, registration=entry, criterion_code="T",
                            value=Decimal(90))  # fmt: skip
    app.conf.task_always_eager = False
    first = ResultSnapshot.objects.get(event=event, is_current=True)
    results.publish_event(actor=officer_a, event=event, override_reason="test")
    open_event = EventFactory(contest=ContestFactory(host_union=union_tree[0]))
    worker = WorkerFactory(employer__union=union_tree[1])

    with redis_down(settings):
        # a judge's change and a sign-up save
        judging.record_mark(actor=judges[0].user, registration=entries[1], criterion_code="T",
                            value=Decimal(100))  # fmt: skip
        registration = contests.register(actor=worker.user, event=open_event, worker=worker)
        # the recompute waits as a pending send; so does an officer's compute
        [pending] = OutboxMessage.objects.all()
        assert (pending.task, pending.args, pending.attempts) == (
            "results.compute_event_results",
            [event.pk],
            1,
        )
        response = client_for(officer_a).post(f"/api/v1/events/{event.pk}/compute/")
        assert response.status_code == 202, response.content
        record = TaskRecord.objects.get(pk=response.data["task"])
        assert record.state == TaskRecord.State.PENDING
        assert OutboxMessage.objects.count() == 2
        # the public pages answer from the database
        api = Client().get(f"/api/v1/public/events/{event.pk}/leaderboard/")
        assert api.status_code == 200
        assert [r["total"] for r in api.json()["results"]] == [
            str(row.total) for row in first.rows.order_by("position")
        ]
        page = Client().get(f"/en/events/{event.pk}/leaderboard/")
        assert page.status_code == 200
        assert str(first.rows.get(position=1).total).encode() in page.content
        assert ResultSnapshot.objects.get(event=event, is_current=True).pk == first.pk

    assert Registration.objects.filter(pk=registration.pk).exists()
    # Redis is back: the flush (beat, `manage.py flush_outbox` or the next send) sends both
    assert outbox.flush(older_than=timedelta(0)) == 2
    assert not OutboxMessage.objects.exists()
    wait_for(
        lambda: TaskRecord.objects.filter(pk=record.pk, state="SUCCESS").exists(),
        message="the officer's compute ran",
    )
    wait_for(
        lambda: ResultSnapshot.objects.filter(event=event, version__gt=first.version).count() == 2,
        message="the recompute ran too",
    )
    # the mark made while Redis was down counts
    latest = ResultSnapshot.objects.get(event=event, is_current=True)
    before, after = (s.rows.get(registration=entries[1]).total for s in (first, latest))
    assert after > before
