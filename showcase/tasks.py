"""Celery tasks of the showcase: the hot order's score follows the likes (beat)."""

from __future__ import annotations

from celery import shared_task

from core.taskbase import TrackedTask
from showcase.services import hot


@shared_task(name="showcase.refresh_hot_scores", base=TrackedTask)
def refresh_hot_scores(task_record_id: str | None = None) -> dict:
    return {"changed": hot.refresh_scores()}
