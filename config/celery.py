"""The Celery application.

With no REDIS_URL the settings turn on `task_always_eager`, so tasks run in-process (the
embedded default, as pretix does); with REDIS_URL they go through the Redis broker to real
worker processes (`make worker`).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("gongjiang")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
