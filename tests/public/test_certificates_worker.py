"""Certificates for a whole contest made by a real Celery worker (Redis broker, PostgreSQL),
written to a storage the web process reaches only through Django's storage API."""

import uuid

import pytest
from django.core.files.storage import default_storage

from core.models import TaskRecord
from public.tasks import certificates_name, generate_certificates
from results.models import Certificate, ResultSnapshot
from tests.conftest import client_for
from tests.factories import OfficerFactory
from tests.public.factories import long_ago

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture(scope="module")
def storage_prefix():
    return f"gj-test-storage-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def worker_with_redis_storage(django_db_setup, django_db_blocker, storage_prefix, tmp_path_factory):
    """A worker whose default storage is Redis (tests.storage) and whose MEDIA_ROOT is a
    folder of its own that the web process never reads."""
    from config.celery import app
    from tests.celery_worker import WorkerProcess

    env = {
        "GJ_STORAGE_BACKEND": "tests.storage.RedisStorage",
        "GJ_TEST_STORAGE_PREFIX": storage_prefix,
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("worker-media")),
    }
    with django_db_blocker.unblock():
        worker = WorkerProcess(concurrency=1, extra_env=env).start()
    old = (app.conf.task_default_queue, app.conf.task_always_eager)
    app.conf.task_default_queue, app.conf.task_always_eager = worker.queue, False
    try:
        worker.wait_ready()
        yield worker
    finally:
        app.conf.task_default_queue, app.conf.task_always_eager = old
        worker.stop()


@pytest.mark.django_db(transaction=True)
def test_worker_writes_the_certificate_book_to_shared_storage_and_the_web_serves_it(
    worker_with_redis_storage, published, settings, storage_prefix, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "web-media"  # the web's own disk: never written
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tests.storage.RedisStorage",
            "OPTIONS": {"prefix": storage_prefix},
        },
    }
    contest = published["contest"]
    ResultSnapshot.objects.filter(event__contest=contest).update(published_at=long_ago(30))
    record = TaskRecord.objects.create(name="public.generate_certificates")
    try:
        result = generate_certificates.delay(contest.pk, None, str(record.pk)).get(timeout=120)
        record.refresh_from_db()
        assert record.state == TaskRecord.State.SUCCESS
        assert result["pages"] == result["issued"] == 6
        assert Certificate.objects.filter(contest=contest, revoked_at__isnull=True).count() == 6
        assert default_storage.exists(certificates_name(contest.pk))
        assert not (tmp_path / "web-media").exists()
        officer = OfficerFactory(union=published["host"]).user
        response = client_for(officer).get(f"/api/v1/contests/{contest.pk}/certificates/")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    finally:
        default_storage.clear()
