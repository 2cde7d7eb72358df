"""Background jobs of the workers app."""

from celery import shared_task
from django.db import OperationalError

from core.models import TaskRecord
from workers.importing import ImportFileError, import_workers
from workers.models import WorkerImport


@shared_task(
    name="workers.import_workers",
    autoretry_for=(OperationalError,),  # a dropped database connection: try again
    retry_backoff=True,
    max_retries=3,
)
def import_workers_task(import_id: int) -> dict:
    """Run an uploaded import. Idempotent: the rows are upserted by ID number, so a retry
    or a redelivery after a worker crash writes the same result again."""
    job = WorkerImport.objects.select_related("union", "task").get(pk=import_id)
    record = job.task
    if record.state in (TaskRecord.State.SUCCESS, TaskRecord.State.FAILURE):
        return record.result  # a redelivered message: the work is already done
    TaskRecord.objects.filter(pk=record.pk).update(state=TaskRecord.State.STARTED)

    def progress(done: int, total: int) -> None:
        TaskRecord.objects.filter(pk=record.pk).update(progress=done, total=total)

    try:
        report = import_workers(
            data=bytes(job.data),
            filename=job.filename,
            union=job.union,
            skip_invalid=job.skip_invalid,
            progress=progress,
        )
    except ImportFileError as exc:
        result = {"file": [str(exc)], "written": False}
        TaskRecord.objects.filter(pk=record.pk).update(
            state=TaskRecord.State.FAILURE, result=result
        )
        return result
    except OperationalError:
        raise  # retried
    except Exception as exc:
        TaskRecord.objects.filter(pk=record.pk).update(
            state=TaskRecord.State.FAILURE, result={"error": repr(exc), "written": False}
        )
        raise
    result = report.as_dict()
    TaskRecord.objects.filter(pk=record.pk).update(
        state=TaskRecord.State.SUCCESS, result=result, progress=report.rows, total=report.rows
    )
    # The file is no longer needed once its rows are in; keep the report, drop the bytes.
    WorkerImport.objects.filter(pk=job.pk).update(data=b"")
    return result
