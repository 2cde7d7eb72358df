"""What contests announce to the layers above it. Contests knows nothing of results: the
results app listens (results/receivers.py) and schedules a recomputation."""

from django.dispatch import Signal

# Sent inside the transaction that changed whether or how an entry counts in its event's
# results (disqualified, reinstated, withdrawn, its completion time recorded), with
# `event_id`. A receiver that starts work must itself
# wait for the commit.
registration_changed = Signal()

# Sent inside the transaction that changed what the public pages show of a series, a
# division, a contest or an event (names, status, dates, notice period, events listed, the
# counts of entries: an entry decided or withdrawn, once per event of a batch), with
# `contest_id`, `event_id` and `series_id` (None when not that kind of change). Listeners
# that drop cached pages must wait for the commit (public/receivers.py does).
contest_changed = Signal()
