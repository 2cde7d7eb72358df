"""Tasks and debounced scheduling (eager mode; the real worker is in test_real_worker.py)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, transaction

from config.celery import app
from core.models import TaskRecord
from results import services, tasks
from results.models import ResultSnapshot
from results.scheduling import request_recompute
from tests.results.factories import EntryFactory, give_marks, make_scheme

GOOD = {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(event, judges):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    return event


def test_eager_recompute_runs_once_per_transaction(scored, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for _ in range(100):
            request_recompute(scored.pk)
    assert list(ResultSnapshot.objects.filter(event=scored).values_list("version", flat=True)) == [
        1
    ]


def test_burst_of_10000_marks_schedules_one_delayed_recompute(
    scored, django_capture_on_commit_callbacks
):
    cache.delete(tasks.recompute_key(scored.pk))
    old = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with (
            mock.patch.object(tasks.compute_event_results, "apply_async") as send,
            django_capture_on_commit_callbacks(execute=True),
        ):
            for _ in range(10_000):
                request_recompute(scored.pk)
        assert send.call_count == 1
        assert send.call_args.kwargs["countdown"] > 0
        # once the scheduled run starts (it clears the key), a new mark schedules another
        cache.delete(tasks.recompute_key(scored.pk))
        with (
            mock.patch.object(tasks.compute_event_results, "apply_async") as send,
            django_capture_on_commit_callbacks(execute=True),
        ):
            request_recompute(scored.pk)
            request_recompute(scored.pk)
        assert send.call_count == 1
    finally:
        app.conf.task_always_eager = old
        cache.delete(tasks.recompute_key(scored.pk))


def test_task_records_success_and_result(scored):
    record = TaskRecord.objects.create(name="compute")
    tasks.compute_event_results.delay(scored.pk, str(record.pk))
    record.refresh_from_db()
    snap = ResultSnapshot.objects.get(event=scored, is_current=True)
    assert record.state == "SUCCESS"
    assert record.result["snapshot"] == snap.pk and record.result["version"] == 1


def test_bad_scheme_fails_at_once_without_retry(event):
    record = TaskRecord.objects.create(name="compute")
    with mock.patch.object(services, "compute_event", wraps=services.compute_event) as compute:
        tasks.compute_event_results.delay(event.pk, str(record.pk))
    record.refresh_from_db()
    assert record.state == "FAILURE" and "scheme" in record.result["errors"]
    assert compute.call_count == 1


def test_transient_database_error_is_retried(scored):
    real = services.compute_event
    with mock.patch.object(
        services,
        "compute_event",
        side_effect=[OperationalError("server closed"), real(event_id=scored.pk)],
    ) as compute:
        # throw=False: in eager mode Celery re-applies a retried task only when the Retry is
        # not propagated to the caller (a real worker requeues it; see test_real_worker.py)
        result = tasks.compute_event_results.apply((scored.pk,), throw=False)
    assert compute.call_count == 2
    assert result.get()["version"] == 1


def test_other_errors_are_not_retried(scored):
    with (
        mock.patch.object(services, "compute_event", side_effect=KeyError("bug")) as compute,
        pytest.raises(KeyError),
    ):
        tasks.compute_event_results.delay(scored.pk)
    assert compute.call_count == 1


def test_eager_recompute_failure_does_not_break_the_caller(
    scored, django_capture_on_commit_callbacks, caplog
):
    with (
        mock.patch.object(services, "compute_event", side_effect=KeyError("bug")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        request_recompute(scored.pk)
    assert "recompute of event" in caplog.text
