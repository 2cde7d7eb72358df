"""The import on the production path: the upload is queued on Redis, a real Celery worker
process imports it into PostgreSQL with COPY, and the task record shows the report."""

import datetime as dt
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import TaskRecord
from core.validators import make_id_number
from tests.conftest import client_for
from workers.models import Worker

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def wait_for(record_id, timeout: float = 60) -> TaskRecord:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record = TaskRecord.objects.get(pk=record_id)
        if record.state in (TaskRecord.State.SUCCESS, TaskRecord.State.FAILURE):
            return record
        time.sleep(0.2)
    raise AssertionError(f"task still {record.state} after {timeout}s")


@pytest.mark.django_db(transaction=True)
def test_upload_is_imported_by_a_worker_process(celery_worker_process, world, officer_b):
    numbers = [make_id_number("320102", dt.date(1980, 1, 1), n) for n in range(500)]
    body = "name,id_number,phone,employer,occupation,skill_grade\n" + "".join(
        f"工人{n},{number},,{world['employer_b'].name},焊工,3\n" for n, number in enumerate(numbers)
    )
    response = client_for(officer_b).post(
        "/api/v1/workers/import/",
        {"file": SimpleUploadedFile("w.csv", body.encode())},
        format="multipart",
    )
    assert response.status_code == 202
    # Queued, not run in this process (which would answer SUCCESS): the worker may already
    # have taken it in the moment between the commit that sends it and the answer.
    assert response.data["state"] in ("PENDING", "STARTED")
    record = wait_for(response.data["id"])
    assert record.state == TaskRecord.State.SUCCESS, record.result
    assert (record.result["created"], record.progress, record.total) == (500, 500, 500)
    assert Worker.objects.filter(id_number__in=numbers).count() == 500
