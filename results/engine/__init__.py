"""The results engine: an event's marks in, a snapshot of result rows out.

Two paths write identical rows (tested: tests/results/test_set_based.py):

- on PostgreSQL the database scores every entry with the exact integer arithmetic of the
  scoring rules (``sql``, built from the SQL that ``scoring.aggregation`` defines next to
  each Python rule) and sorts them; ``scoring.place_sorted`` ranks the sorted stream and
  each row is COPYed as soon as it is placed, so the database writes while Python ranks
  (``set_based``);
- otherwise (SQLite, teams scored by their members' totals) an event's registrations,
  marks, penalties and draws are each read with one query, never one per entry
  (``reading``), and ``scoring.compute_event`` scores and ranks them (``general``).

Both render each row once as a line of COPY text (``snapshots``), which is also hashed
into the snapshot's fingerprint. The service that runs a computation is
``results.services.compute_event``.
"""
