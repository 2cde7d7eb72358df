"""The outbox and the fail-open cache on their own (no Redis needed: a dead port stands in)."""

import socket
from datetime import timedelta

import pytest
from django.db import transaction

from config.celery import app
from core import outbox
from core.cache import FailOpenRedisCache
from core.models import OutboxMessage
from core.tasks import ping_database


def _dead_redis_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def broker():
    """Non-eager sends to a broker the test switches between dead and an in-memory one."""
    old = (app.conf.broker_url, app.conf.task_always_eager)

    def use(url: str) -> None:
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.task_always_eager = False
    yield use
    use(old[0])
    app.conf.task_always_eager = old[1]


def test_fail_open_cache_answers_as_an_empty_cache_when_redis_is_down():
    cache = FailOpenRedisCache(_dead_redis_url(), {"OPTIONS": {"socket_connect_timeout": 1}})
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is True  # a debounce lets the work through
    assert cache.set("k", 1) is None
    assert cache.incr("k", 3) == 3
    assert cache.has_key("k") is False
    cache.delete("k")
    cache.set_many({"a": 1})
    cache.delete_many(["a"])


@pytest.mark.django_db(transaction=True)
def test_a_send_the_broker_refuses_is_kept_and_sent_by_the_next_flush(broker):
    broker(_dead_redis_url())
    with transaction.atomic():
        outbox.send_on_commit(ping_database, (), {"task_record_id": None})
        assert OutboxMessage.objects.count() == 1  # written with the caller's transaction
    [kept] = OutboxMessage.objects.all()
    assert kept.attempts == 1 and "connect" in kept.last_error.lower()
    assert outbox.flush(older_than=timedelta(0)) == 0  # still down: still kept
    broker("memory://")
    assert outbox.flush(older_than=timedelta(0)) == 1
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_send_whose_transaction_rolls_back_is_never_made(broker):
    broker("memory://")
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.send_on_commit(ping_database)
        raise RuntimeError
    assert not OutboxMessage.objects.exists()
    assert outbox.flush(older_than=timedelta(0)) == 0
