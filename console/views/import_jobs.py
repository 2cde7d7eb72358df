"""What an import job's page shows of its task record: shared by the worker import and the
question-bank import (their tasks report in the same shapes: the import report, or
{"file": [...]}, {"errors": {...}} or {"error": ...} on failure)."""

from __future__ import annotations

from typing import Any

from core.models import TaskRecord


def import_report(task: TaskRecord, *, shown: int) -> dict[str, Any]:
    """The job's progress and outcome, with at most `shown` rows with problems (the download
    has every reported row)."""
    result = task.result or {}
    done = task.state in (TaskRecord.State.SUCCESS, TaskRecord.State.FAILURE)
    percent = 100 if done else (100 * task.progress // task.total if task.total else 0)
    rows = result.get("errors") if isinstance(result.get("errors"), list) else []
    problems = [*result.get("file", [])]
    if isinstance(result.get("errors"), dict):  # a rule broken by the whole job
        problems += [m for messages in result["errors"].values() for m in messages]
    return {
        "done": done,
        "failed": task.state == TaskRecord.State.FAILURE,
        "percent": percent,
        "result": result,
        "problems": problems,
        "crashed": bool(result.get("error")),
        "rows": rows[:shown],
        "more_rows": max(0, len(rows) - shown),
        # A task may keep only its first rows with problems (workers.importing.ImportReport).
        "unlisted": max(0, result.get("invalid", 0) - len(rows)),
    }
