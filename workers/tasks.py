"""Background jobs of the workers app."""

from celery import shared_task

from core.spreadsheets import SpreadsheetError
from core.taskbase import TaskFailedError, TrackedTask
from workers.importing import import_workers
from workers.models import WorkerImport


class ImportTask(TrackedTask):
    max_retries = 3

    def failure_result(self, exc: BaseException) -> dict:
        # The import report's readers look at `written` first.
        return {**super().failure_result(exc), "written": False}


@shared_task(name="workers.import_workers", base=ImportTask, bind=True)
def import_workers_task(self, task_record_id: str) -> dict:
    """Run an uploaded import. Idempotent: the rows are upserted by ID number, so a retry
    or a redelivery after a worker crash writes the same result again (and a redelivery
    after the end returns the recorded report: see core.taskbase)."""
    job = WorkerImport.objects.select_related("union").get(task_id=task_record_id)
    try:
        report = import_workers(
            data=bytes(job.data),
            filename=job.filename,
            union=job.union,
            skip_invalid=job.skip_invalid,
            progress=self.progress,
        )
    except SpreadsheetError as exc:
        raise TaskFailedError({"file": [str(exc)], "written": False}) from None
    self.progress(report.rows, report.rows)
    # The file is no longer needed once its rows are in; keep the report, drop the bytes.
    WorkerImport.objects.filter(pk=job.pk).update(data=b"")
    return report.as_dict()
