"""Platform tasks. `ping_database` proves the production path end to end: a real worker
takes it from the Redis broker and writes its answer to the database (the TaskRecord the
base class keeps)."""

import os

from celery import shared_task
from django.db import connection

from core.taskbase import TrackedTask


@shared_task(name="core.ping_database", base=TrackedTask)
def ping_database(task_record_id: str | None = None) -> dict:
    return {"vendor": connection.vendor, "pid": os.getpid()}


@shared_task(name="core.flush_outbox", base=TrackedTask)
def flush_outbox() -> int:
    """Send the task sends a broker outage left waiting (core.outbox); Celery beat runs it."""
    from core import outbox

    return outbox.flush()


@shared_task(name="core.sweep_media", base=TrackedTask)
def sweep_media() -> int:
    """Remove stored files no row names (core.media); Celery beat runs it daily."""
    from core import media

    return len(media.sweep())
