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
