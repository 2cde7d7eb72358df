"""Writes of the results app: compute snapshots and awards, publish, draws, promotions.

Keyword-only service functions, re-exported here so callers write
``services.compute_event(event_id=...)``; the machinery that reads, scores and writes an
event lives in ``results.engine``, the rules themselves in the pure ``scoring`` package.
"""

from results.services.awards import compute_awards
from results.services.computing import compute_event, prune_snapshots
from results.services.draws import record_draw
from results.services.promotions import apply_promotions
from results.services.publishing import publish_contest, publish_event

__all__ = [
    "apply_promotions",
    "compute_awards",
    "compute_event",
    "prune_snapshots",
    "publish_contest",
    "publish_event",
    "record_draw",
]
