"""Entry point other apps call when marks change: `request_recompute(event_id)`.

Owned by the results engine work (issue 5), which replaces this body with the debounced
scheduling of `compute_event_results`. Until then a change schedules nothing.
"""


def request_recompute(event_id: int) -> None:
    return None
