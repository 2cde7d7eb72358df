"""Certificates for a whole contest made by a real Celery worker (Redis broker, PostgreSQL)."""

import pytest

from core.models import TaskRecord
from public.tasks import certificates_path, generate_certificates
from results.models import ResultSnapshot
from tests.public.factories import long_ago

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.mark.django_db(transaction=True)
def test_certificate_task_runs_in_a_worker_and_writes_the_pdf(celery_worker_process, published):
    contest = published["contest"]
    ResultSnapshot.objects.filter(event__contest=contest).update(published_at=long_ago(30))
    record = TaskRecord.objects.create(name="public.generate_certificates")
    path = certificates_path(contest.pk)
    path.unlink(missing_ok=True)
    result = generate_certificates.delay(contest.pk, str(record.pk)).get(timeout=120)
    record.refresh_from_db()
    assert record.state == TaskRecord.State.SUCCESS
    assert result["pages"] == record.result["pages"] == 6
    assert path.read_bytes().startswith(b"%PDF")
    path.unlink()
