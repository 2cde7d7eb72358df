"""Celery tasks of online tests: grading when a test's window closes (ids in, idempotent).

`schedule_grading` sends `grade_online_test` on commit for `closes_at` (a countdown: the outbox keeps options as JSON). A task run
early (eager mode, a clock skew) finds the window still open and does nothing; the sweep
`grade_closed_online_tests` (celery beat, e.g. every 5 minutes) grades any ready test whose
window has closed and was missed. `import_questions_task` reads an uploaded question file
into a bank (training.services.imports).
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox
from core.spreadsheets import SpreadsheetError
from core.taskbase import TaskFailedError, TrackedTask
from training import importing
from training.models import OnlineTest, QuestionImport
from training.services import grading


def schedule_grading(test: OnlineTest) -> None:
    """Send the grading of the test for when its window closes, once this transaction
    commits (through the outbox: a broker outage does not lose it)."""
    wait = max(int((test.closes_at - timezone.now()).total_seconds()) + 1, 0)
    outbox.send_on_commit(grade_online_test, (test.pk,), options={"countdown": wait})


@shared_task(name="training.grade_online_test", base=TrackedTask)
def grade_online_test(test_id: int, task_record_id: str | None = None) -> dict:
    test = OnlineTest.objects.filter(pk=test_id).first()
    if test is None or test.status == OnlineTest.Status.DRAFT:
        return {"test": test_id, "graded": False}
    if timezone.now() < test.closes_at:
        return {"test": test_id, "graded": False, "reason": "open"}
    return grading.grade_test(test_id=test_id)


@shared_task(name="training.grade_closed_online_tests", base=TrackedTask)
def grade_closed_online_tests(task_record_id: str | None = None) -> dict:
    return {"graded": grading.grade_closed_tests()}


class ImportTask(TrackedTask):
    max_retries = 3

    def failure_result(self, exc: BaseException) -> dict:
        # The report's readers look at `written` first.
        return {**super().failure_result(exc), "written": False}


@shared_task(name="training.import_questions", base=ImportTask, bind=True)
def import_questions_task(self, task_record_id: str) -> dict:
    """Run an uploaded question import. Idempotent: a question already in the bank with the
    same type and text is not added again, so a retry or a redelivery writes nothing twice
    (and a redelivery after the end returns the recorded report: see core.taskbase)."""
    job = QuestionImport.objects.select_related("union", "created_by").get(task_id=task_record_id)
    if job.created_by is None:
        raise TaskFailedError({"file": [_("The account that uploaded the file is gone.")]})
    try:
        report = importing.import_questions(
            actor=job.created_by,
            union=job.union,
            data=bytes(job.data),
            filename=job.filename,
            skip_invalid=job.skip_invalid,
            progress=self.progress,
        )
    except SpreadsheetError as exc:
        raise TaskFailedError({"file": [str(exc)], "written": False}) from None
    self.progress(report.rows, report.rows)
    # The file is no longer needed once its rows are in; keep the report, drop the bytes.
    QuestionImport.objects.filter(pk=job.pk).update(data=b"")
    return report.as_dict()
