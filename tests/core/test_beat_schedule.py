"""celery beat's schedule: every entry names a task the workers have registered."""

from django.conf import settings

from config.celery import app


def test_every_scheduled_entry_names_a_registered_task():
    app.loader.import_default_modules()
    missing = {
        name: entry["task"]
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] not in app.tasks
    }
    assert missing == {}


def test_the_schedule_keeps_the_outbox_flush_the_certificates_and_the_grading_sweep():
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["core.flush_outbox"] == 30.0
    assert tasks["public.issue_final_certificates"] >= 60
    assert tasks["training.grade_closed_online_tests"] == 300.0
