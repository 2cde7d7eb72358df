"""The scoring rules: pure scoring, ranking, award and scheme-validation rules.

The bottom layer of the project, below every Django app: nothing here imports Django, a
database or the clock.  Every function takes plain frozen dataclasses (or numbers) and
returns new ones, which keeps the rules that decide who wins a prize reviewable, testable
by property, and fast enough to recompute an event of 100,000 entries on every publish.
Judging validates the schemes it stores with ``validation``; the results app scores with
the rest, on two paths that write identical rows (its Python path calls
``compute_event``; its set-based path has PostgreSQL score with the SQL that
``aggregation`` defines next to each Python rule, then ranks with ``place_sorted``).

Modules, from the bottom up:

- ``arithmetic``: the exact decimal context, cents, half-up rounding (Python and SQL);
- ``records``: the input and output dataclasses, the reserved codes, the tier presets;
- ``aggregation``: mean, trimmed mean, median and the divergence check, Python next to SQL;
- ``validation``: the one scheme validator, returning structured ``Problem`` records;
- ``ranking``: the one ranking walk (places, draws, standardised scores, tiers, promotion);
- ``event``: an event's results from marks (``compute_event``) or known totals;
- ``awards``: the contest award lists, each award with a structured ``Reason``.

Text for people is not made here: problems and reasons are codes with parameters that the
apps word through gettext.  The exceptions raised for invalid input (``ValueError``,
``SchemeError``) are diagnostics for developers.

The names below are the package's public interface (``import scoring``).
"""

from scoring.aggregation import AGGREGATIONS, TEAM_AGGREGATIONS, aggregate, divergent, team_total
from scoring.arithmetic import CONTEXT, gc_paused, round2
from scoring.awards import (
    advanced_collectives,
    gold_teams_from_events,
    gold_teams_from_members,
    gold_workers,
    top_achievements,
)
from scoring.event import compute_event, rank_totals
from scoring.ranking import competition_rank, place_sorted, promote, standardise, tier_cutoffs
from scoring.records import (
    RESERVED_CODES,
    TIME,
    Award,
    AwardTier,
    CriterionSpec,
    EntryInput,
    EntryResult,
    EventRow,
    MarkSummary,
    PromotionRule,
    Reason,
    TotalInput,
    entry_input,
    preset_medals,
    preset_prizes_10_20_30,
    preset_promotion_top5,
)
from scoring.validation import Problem, SchemeError

__all__ = [
    "AGGREGATIONS",
    "CONTEXT",
    "RESERVED_CODES",
    "TEAM_AGGREGATIONS",
    "TIME",
    "Award",
    "AwardTier",
    "CriterionSpec",
    "EntryInput",
    "EntryResult",
    "EventRow",
    "MarkSummary",
    "Problem",
    "PromotionRule",
    "Reason",
    "SchemeError",
    "TotalInput",
    "advanced_collectives",
    "aggregate",
    "competition_rank",
    "compute_event",
    "divergent",
    "entry_input",
    "gc_paused",
    "gold_teams_from_events",
    "gold_teams_from_members",
    "gold_workers",
    "place_sorted",
    "preset_medals",
    "preset_prizes_10_20_30",
    "preset_promotion_top5",
    "promote",
    "rank_totals",
    "round2",
    "standardise",
    "team_total",
    "tier_cutoffs",
    "top_achievements",
]
