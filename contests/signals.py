"""What contests announce to the layers above it. Contests knows nothing of results: the
results app listens (results/receivers.py) and schedules a recomputation."""

from django.dispatch import Signal

# Sent inside the transaction that changed whether or how an entry counts in its event's
# results (disqualified, reinstated, withdrawn, its completion time recorded), with
# `event_id`. A receiver that starts work must itself
# wait for the commit.
registration_changed = Signal()
