"""Shared fixtures: API clients for each role of the permission matrix."""

import os

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from tests.factories import OfficerFactory, UnionFactory, UserFactory, WorkerFactory

# In CI both services are configured; a test that needs them must run there, never skip.
REQUIRE_SERVICES = os.environ.get("CI") == "true" and bool(os.environ.get("DATABASE_URL"))


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL); runs in .ci/run")
    skip_redis = pytest.mark.skip(reason="needs REDIS_URL and a real worker; runs in .ci/run")
    for item in items:
        if "postgres" in item.keywords and not settings.IS_POSTGRES:
            if REQUIRE_SERVICES:
                raise pytest.UsageError("PostgreSQL tests would be skipped in CI")
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not settings.REDIS_URL:
            if REQUIRE_SERVICES:
                raise pytest.UsageError("Redis tests would be skipped in CI")
            item.add_marker(skip_redis)


@pytest.fixture(autouse=True)
def _celery_mode(request):
    """Tasks run in-process in every test but those with a real worker process.

    With REDIS_URL set the settings send tasks to the broker; a test that does not start a
    worker would then wait for nobody. Tests using `celery_worker_process` get the broker.
    """
    from config.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = "celery_worker_process" not in request.fixturenames
    yield
    app.conf.task_always_eager = old


@pytest.fixture
def api():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def union_tree(db):
    """A → B (below A), and C unrelated: the unions of the permission matrix."""
    a = UnionFactory(code="A", name="甲工会")
    b = UnionFactory(code="A-B", name="乙工会", parent=a)
    c = UnionFactory(code="C", name="丙工会")
    return a, b, c


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def officer_a(union_tree):
    return OfficerFactory(union=union_tree[0], user__username="officer_a").user


@pytest.fixture
def officer_b(union_tree):
    return OfficerFactory(union=union_tree[1], user__username="officer_b").user


@pytest.fixture
def officer_c(union_tree):
    return OfficerFactory(union=union_tree[2], user__username="officer_c").user


@pytest.fixture
def worker_user(union_tree):
    return WorkerFactory(employer__union=union_tree[1], user__username="worker").user


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker process on the real Redis and the test database (PostgreSQL).

    Tests using it need `@pytest.mark.django_db(transaction=True, serialized_rollback=True)`
    so what they write is committed and visible to the worker, and the reference data
    (regions) that an earlier transactional test flushed is loaded again; and the `redis`
    and `postgres` markers.
    """
    from config.celery import app
    from tests.celery_worker import WorkerProcess

    with django_db_blocker.unblock():
        worker = WorkerProcess(concurrency=2).start()
    old = (app.conf.task_default_queue, app.conf.task_always_eager)
    app.conf.task_default_queue = worker.queue
    app.conf.task_always_eager = False
    try:
        worker.wait_ready()
        yield worker
    finally:
        app.conf.task_default_queue, app.conf.task_always_eager = old
        worker.stop()
