"""Celery tasks of online tests: grading when a test's window closes (ids in, idempotent).

`schedule_grading` sends `grade_online_test` on commit for `closes_at` (a countdown: the outbox keeps options as JSON). A task run
early (eager mode, a clock skew) finds the window still open and does nothing; the sweep
`grade_closed_online_tests` (celery beat, e.g. every 5 minutes) grades any ready test whose
window has closed and was missed.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from core import outbox
from core.taskbase import TrackedTask
from training.models import OnlineTest
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
