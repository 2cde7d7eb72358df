"""The production path for real: a Celery worker process, the Redis broker, PostgreSQL."""

import pytest

from core.models import TaskRecord
from core.tasks import ping_database

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.mark.django_db(transaction=True)
def test_task_sent_through_redis_runs_in_a_worker_process_and_writes_to_postgres(
    celery_worker_process,
):
    import os

    record = TaskRecord.objects.create(name="ping")
    result = ping_database.delay(str(record.pk)).get(timeout=60)
    record.refresh_from_db()
    assert record.state == TaskRecord.State.SUCCESS
    assert record.result["vendor"] == "postgresql"
    assert result["pid"] != os.getpid()
    assert record.result["pid"] in celery_worker_process.child_pids()
