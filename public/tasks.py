"""Certificates for a whole contest: a Celery task (large contests have thousands of winners).

Idempotent: it rewrites the same file from the published results; progress in TaskRecord.
"""

from pathlib import Path

from celery import shared_task
from django.conf import settings

from contests.models import Contest
from core.models import TaskRecord
from public import documents


def certificates_path(contest_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "certificates" / f"contest-{contest_id}.pdf"


@shared_task(name="public.generate_certificates")
def generate_certificates(contest_id: int, task_record_id: str | None = None) -> dict:
    contest = Contest.objects.select_related("host_union").get(pk=contest_id)
    entries = documents.certificate_entries(contest)
    records = TaskRecord.objects.filter(pk=task_record_id) if task_record_id else None
    if records is not None:
        records.update(state=TaskRecord.State.STARTED, total=len(entries), progress=0)

    def progress(n: int) -> None:
        if records is not None and (n % 200 == 0 or n == len(entries)):
            records.update(progress=n)

    body = documents.certificates_pdf(contest, entries, progress)
    path = certificates_path(contest_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(body)
    tmp.replace(path)  # readers never see a half-written file
    result = {"pages": len(entries), "bytes": len(body)}
    if records is not None:
        records.update(state=TaskRecord.State.SUCCESS, result=result)
    return result
