"""What the results engine announces to the layers above it (public listens:
public/receivers.py, and drops its cached pages)."""

from django.dispatch import Signal

# Sent after the commit that changed what the public may see of an event's or a contest's
# results (publication, withdrawal of a publication), with `event_id` (or None) and
# `contest_id`.
results_published = Signal()
