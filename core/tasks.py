"""Platform tasks. `ping_database` proves the production path end to end: a real worker
takes it from the Redis broker and writes its answer to the database."""

import os

from celery import shared_task
from django.db import connection

from core.models import TaskRecord


@shared_task(name="core.ping_database")
def ping_database(task_id: str) -> dict:
    result = {"vendor": connection.vendor, "pid": os.getpid()}
    TaskRecord.objects.filter(pk=task_id).update(state=TaskRecord.State.SUCCESS, result=result)
    return result
