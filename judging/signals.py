"""What judging announces to the layers above it. Judging knows nothing of results: the
results app listens (results/receivers.py) and schedules a recomputation."""

from django.dispatch import Signal

# Sent inside the transaction that changed an event's marks, penalties or scoring scheme,
# with `event_id`. A receiver that starts work must itself wait for the commit.
marks_changed = Signal()
