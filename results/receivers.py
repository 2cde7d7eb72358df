"""What the results app does when the layers below announce something.

Connected in ``ResultsConfig.ready``.
"""

from __future__ import annotations

from results import scheduling


def recompute_on_marks_changed(sender, *, event_id: int, **kwargs) -> None:
    """Marks, penalties or a scheme changed (judging.signals.marks_changed, sent inside the
    changing transaction): recompute the event's results once that transaction commits."""
    scheduling.request_recompute(event_id)


def recompute_on_registration_changed(sender, *, event_id: int, **kwargs) -> None:
    """An entry was disqualified or reinstated (contests.signals.registration_changed, sent
    inside the changing transaction): its event's ranking changes, so recompute it too."""
    scheduling.request_recompute(event_id)
