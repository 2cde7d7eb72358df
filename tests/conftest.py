"""Shared fixtures: API clients for each role of the permission matrix."""

import os
import sys
import time

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from core.cache import moved
from tests.factories import OfficerFactory, UnionFactory, UserFactory, WorkerFactory

# In CI both services are configured; a test that needs them must run there, never skip.
REQUIRE_SERVICES = os.environ.get("CI") == "true" and bool(os.environ.get("DATABASE_URL"))


def pytest_configure(config):
    # PBKDF2 costs ~50 ms a user; tests create thousands. One cheap hasher, in one place.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate limits and lockouts count across tests (one address, one cache): off, except in
    # the tests of them (tests/core/test_throttling.py turns them on with a clean cache).
    settings.GJ_RATE_LIMITS = settings.GJ_RATE_LIMITS | {"enabled": False}
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and "KEY_PREFIX" in settings.CACHES["default"]:
        # Parallel test processes (pytest -n) each get their own database from pytest-django
        # but share one Redis: keep each one's cache keys (event ids repeat between their
        # databases) apart, for the Celery worker processes they start too.
        prefix = f"{settings.CACHES['default']['KEY_PREFIX']}-{worker}"
        settings.CACHES["default"]["KEY_PREFIX"] = os.environ["CACHE_KEY_PREFIX"] = prefix


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
def _no_local_copies():
    """Copies kept by id belong to the test that made them: SQLite hands out the ids of
    rolled-back rows again, so the next test's attempt 1 or event 1 is another one. Moving
    the process's invalidation count drops public.fastpath's copies; on SQLite (its cache is
    this process's own memory) the cached answer sheets of online tests go too."""
    moved()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        from training.selectors import sheets

        sheets.forget_local()
        clear_cache("training:sheet:*")


@pytest.fixture(autouse=True)
def _celery_mode(request):
    """Tasks run in-process in every test but those with a real worker process.

    With REDIS_URL set the settings send tasks to the broker; a test that does not start a
    worker would then wait for nobody. Tests using `celery_worker_process`, or marked
    `redis` (they start workers of their own), get the broker.
    """
    from celery._state import _set_task_join_will_block

    from config.celery import app

    # Eager tasks run under a process-global "joins would block" flag that Celery sets and
    # restores around each call; eager tasks in concurrent threads (the concurrency tests)
    # can restore it in the wrong order and leave it set, so start every test clean.
    _set_task_join_will_block(False)
    old = app.conf.task_always_eager
    real_worker = "celery_worker_process" in request.fixturenames
    app.conf.task_always_eager = not (real_worker or request.node.get_closest_marker("redis"))
    yield
    app.conf.task_always_eager = old


_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Regions and the seven-haves standard are reference data that migrations load. A
    transactional test ends by flushing every table, those included, so any test that uses
    the database after one gets them back here (two EXISTS queries; `serialized_rollback`
    would clash with content types)."""
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        _DB_FIXTURES & set(request.fixturenames)
    )
    if uses_db:
        request.getfixturevalue("db")  # set up now (transactional if the test asks for it)
        ensure_reference_data()
    yield


def ensure_reference_data() -> None:
    """Load the reference data migrations seed (regions; the seven-haves rating standard) if
    a transactional test's flush took them (module-scoped fixtures call this too: they run
    before any test's own fixtures). Each is reloaded by its own migration's function."""
    import importlib

    from django.apps import apps

    from innovation.models import RatingStandard
    from unions.models import Region

    if not Region.objects.exists():
        importlib.import_module("unions.migrations.0002_load_regions").load(apps, None)
    if not RatingStandard.objects.filter(code="seven-haves").exists():
        importlib.import_module("innovation.migrations.0003_studios_seven_haves").seed(apps, None)


def clear_cache(pattern: str = "*") -> None:
    """Drop this test process's cache keys (those matching `pattern`). Never `cache.clear()`
    on Redis: that is a FLUSHDB, which takes the other parallel test processes' keys (each has
    its own key prefix on the same database) and the Celery broker's queues with them."""
    from django.core.cache import cache

    backend = getattr(cache, "_cache", None)
    if backend is not None and hasattr(backend, "get_client"):
        client = backend.get_client(write=True)
        for key in client.scan_iter(match=cache.make_key(pattern), count=1000):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture
def english(settings):
    """For tests that assert on English message text: the site speaks Chinese by default
    (LocaleMiddleware falls back to LANGUAGE_CODE), so these switch the default."""
    from django.urls import clear_url_caches
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    # The URL resolver keeps each language's reverse table, its prefix worked out from
    # LANGUAGE_CODE when first built: built while the default is "en", Chinese links get a
    # /zh-hans/ prefix (a 404) in every later test of the process. So the tables are
    # dropped on entering and on leaving.
    clear_url_caches()
    try:
        with translation.override("en"):
            yield
    finally:
        clear_url_caches()


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

    Tests using it need `@pytest.mark.django_db(transaction=True)` so what they write is
    committed and visible to the worker, and the `redis` and `postgres` markers.
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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, with one more step before it is dropped: sessions that
    other processes left on it (a stopped Celery worker's prefork children, a killed gunicorn)
    end a moment after those processes do, and DROP DATABASE refuses while one lingers. Each is
    named on stderr, then ended."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    others = (
        "SELECT pid, application_name, state, left(query, 80) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(others)
        for pid, name, state, query in cursor.fetchall():
            sys.stderr.write(f"ending a lingering session {pid} ({name!r}, {state}): {query}\n")
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 5  # pg_terminate_backend only signals: wait for the end
        while time.monotonic() < deadline:
            cursor.execute(others)
            if not cursor.fetchall():
                break
            time.sleep(0.05)
