"""Tasks and debounced scheduling (eager mode; the real worker is in test_real_worker.py)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, transaction

from config.celery import app
from core.models import TaskRecord
from judging.models import ScoringScheme
from results import services, tasks
from results.models import ResultSnapshot
from results.scheduling import request_recompute

pytestmark = pytest.mark.django_db


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
            mock.patch.object(app, "send_task") as send,
            django_capture_on_commit_callbacks(execute=True),
        ):
            for _ in range(10_000):
                request_recompute(scored.pk)
        assert send.call_count == 1
        assert send.call_args.kwargs["countdown"] > 0
        # once the scheduled run starts (it clears the key), a new mark schedules another
        cache.delete(tasks.recompute_key(scored.pk))
        with (
            mock.patch.object(app, "send_task") as send,
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


def test_two_requests_in_one_transaction_run_one_computation(
    scored, officer_a, django_capture_on_commit_callbacks
):
    # a draw recorded and a mark changed in the same transaction: one computation, after
    # the commit
    from judging.signals import marks_changed

    ScoringScheme.objects.filter(event=scored).update(shared_places=False)
    entry = scored.registrations.first()
    with (
        mock.patch.object(services, "compute_event", wraps=services.compute_event) as compute,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        services.record_draw(
            actor=officer_a, event=scored, lots=[{"registration": entry.pk, "lot": 1}]
        )
        marks_changed.send(sender=None, event_id=scored.pk)
        assert compute.call_count == 0
    assert compute.call_count == 1


def test_a_request_rolled_back_with_its_transaction_is_not_run(
    scored, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            request_recompute(scored.pk)
            raise RuntimeError("rolled back")
        assert not ResultSnapshot.objects.filter(event=scored).exists()
        with transaction.atomic():
            request_recompute(scored.pk)
    assert ResultSnapshot.objects.filter(event=scored).count() == 1
