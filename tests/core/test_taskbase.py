"""The Celery base task keeps the TaskRecord: start, progress, success, failure, retries."""

from unittest import mock

import pytest
from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import OperationalError

from core.models import TaskRecord
from core.services import start_task
from core.taskbase import TaskFailedError, TrackedTask

pytestmark = pytest.mark.django_db

calls = mock.Mock()  # each test tells the task what to do through this


@shared_task(name="tests.core.tracked", base=TrackedTask, bind=True, retry_jitter=False)
def tracked(self, steps: int, task_record_id: str | None = None) -> dict:
    self.progress(0, steps)
    for done in range(1, steps + 1):
        calls.step(done)
        self.progress(done)
    return {"steps": steps}


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.reset_mock(side_effect=True, return_value=True)
    yield


def record() -> TaskRecord:
    return TaskRecord.objects.create(name="tests.core.tracked")


def test_success_records_the_result_and_full_progress():
    job = record()
    tracked.delay(3, str(job.pk))
    job.refresh_from_db()
    assert (job.state, job.result, job.progress, job.total) == ("SUCCESS", {"steps": 3}, 3, 3)


def test_progress_is_recorded_while_running():
    job = record()
    seen = []
    calls.step.side_effect = lambda done: seen.append(
        TaskRecord.objects.values_list("state", "progress", "total").get(pk=job.pk)
    )
    tracked.delay(2, task_record_id=str(job.pk))
    assert seen == [("STARTED", 0, 2), ("STARTED", 1, 2)]


def test_a_crash_is_recorded_as_failure_with_its_message_and_raised():
    job = record()
    calls.step.side_effect = KeyError("no such criterion")
    with pytest.raises(KeyError):
        tracked.delay(1, str(job.pk))
    job.refresh_from_db()
    assert job.state == "FAILURE"
    assert job.result == {"error": "KeyError: 'no such criterion'"}
    assert calls.step.call_count == 1  # not retried


def test_a_validation_error_is_a_recorded_failure_not_a_crash():
    job = record()
    calls.step.side_effect = ValidationError({"scheme": ["No criteria."]})
    result = tracked.delay(1, str(job.pk)).get()
    job.refresh_from_db()
    assert job.state == "FAILURE"
    assert job.result == result == {"errors": {"scheme": ["No criteria."]}}


def test_task_failed_records_the_report_it_carries():
    job = record()
    calls.step.side_effect = TaskFailedError({"file": ["The file is empty."]})
    tracked.delay(1, str(job.pk))
    job.refresh_from_db()
    assert (job.state, job.result) == ("FAILURE", {"file": ["The file is empty."]})


def test_a_transient_database_error_is_retried():
    job = record()
    calls.step.side_effect = [OperationalError("server closed the connection"), None]
    # throw=False: in eager mode Celery re-applies a retried task only when the Retry is
    # not propagated to the caller (a real worker requeues it)
    result = tracked.apply((1,), {"task_record_id": str(job.pk)}, throw=False)
    assert result.get() == {"steps": 1}
    assert calls.step.call_count == 2
    job.refresh_from_db()
    assert job.state == "SUCCESS"


def test_a_transient_error_that_persists_ends_as_a_failure():
    job = record()
    calls.step.side_effect = OperationalError("server closed the connection")
    last_try = TrackedTask.max_retries  # as a worker runs it after the last retry
    tracked.apply((1,), {"task_record_id": str(job.pk)}, retries=last_try, throw=False)
    assert calls.step.call_count == 1
    job.refresh_from_db()
    assert job.state == "FAILURE" and "server closed" in job.result["error"]


def test_a_finished_record_is_not_run_again():
    job = record()
    tracked.delay(1, str(job.pk))
    tracked.delay(5, str(job.pk))  # a redelivered message
    job.refresh_from_db()
    assert calls.step.call_count == 1
    assert job.result == {"steps": 1}


def test_without_a_record_the_task_runs_unrecorded():
    assert tracked.delay(1).get() == {"steps": 1}
    assert not TaskRecord.objects.exists()


def test_start_task_sends_the_task_once_the_transaction_commits(
    officer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start_task(name="tests.core.tracked", owner=officer_a, task=tracked, args=(2,))
        assert calls.step.call_count == 0
        assert TaskRecord.objects.get(pk=job.pk).state == "PENDING"
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.state, job.owner, job.result) == ("SUCCESS", officer_a, {"steps": 2})


def test_every_task_of_the_apps_keeps_its_record_through_the_base():
    from config.celery import app

    app.loader.import_default_modules()  # every app's tasks module, as a worker does
    apps = ("core.", "results.", "public.", "workers.")
    ours = {name: task for name, task in app.tasks.items() if name.startswith(apps)}
    assert {"results.compute_event_results", "public.generate_certificates"} <= set(ours)
    assert [name for name, task in ours.items() if not isinstance(task, TrackedTask)] == []


def test_a_task_runs_in_the_language_of_whoever_started_it(
    officer_a, django_capture_on_commit_callbacks
):
    from django.utils import translation

    seen = []
    calls.step.side_effect = lambda done: seen.append(translation.get_language())
    for language in ("en", "zh-hans"):
        with (
            translation.override(language),
            django_capture_on_commit_callbacks(execute=True),
        ):
            start_task(name="tests.core.tracked", owner=officer_a, task=tracked, args=(1,))
    assert seen == ["en", "zh-hans"]
