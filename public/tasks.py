"""Certificates for a whole contest: a Celery task (large contests have thousands of winners).

Idempotent: it rewrites the same file from the published results; state and progress are
kept in the TaskRecord by the base class (core.taskbase).
"""

from pathlib import Path

from celery import shared_task
from django.conf import settings

from contests.models import Contest
from core.taskbase import TrackedTask
from public import documents

PROGRESS_EVERY = 200  # certificates between two progress writes


def certificates_path(contest_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "certificates" / f"contest-{contest_id}.pdf"


@shared_task(name="public.generate_certificates", base=TrackedTask, bind=True)
def generate_certificates(self, contest_id: int, task_record_id: str | None = None) -> dict:
    contest = Contest.objects.select_related("host_union").get(pk=contest_id)
    entries = documents.certificate_entries(contest)
    self.progress(0, len(entries))

    def progress(n: int) -> None:
        if n % PROGRESS_EVERY == 0 or n == len(entries):
            self.progress(n)

    body = documents.certificates_pdf(contest, entries, progress)
    path = certificates_path(contest_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(body)
    tmp.replace(path)  # readers never see a half-written file
    return {"pages": len(entries), "bytes": len(body)}
