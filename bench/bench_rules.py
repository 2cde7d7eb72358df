"""Benchmark of scoring.compute_event: 100,000 entries x 2 criteria x 5 marks.

Run: ``.venv/bin/python bench/bench_rules.py``; prints one line
``bench: rules_compute_event_100k NNN ms`` (process CPU time of the call only; the random
data is built before the clock starts).
"""

from __future__ import annotations

import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import (
    CriterionSpec,
    EntryInput,
    compute_event,
    preset_prizes_10_20_30,
    preset_promotion_top5,
)

ENTRIES = 100_000


def build(seed: int = 20190101) -> tuple[list[CriterionSpec], list[EntryInput], dict[int, int]]:
    rng = random.Random(seed)
    criteria = [
        CriterionSpec("theory", Decimal(30), Decimal(100), "mean", 5),
        CriterionSpec("practical", Decimal(70), Decimal(10), "trimmed_mean", 5),
    ]
    # Marks in half points / tenths, as judges give them; a pool avoids 1M Decimal parses.
    theory_pool = [Decimal(n) / 2 for n in range(80, 201)]  # 40.0 .. 100.0
    practical_pool = [Decimal(n) / 10 for n in range(50, 101)]  # 5.0 .. 10.0
    entries = []
    grades = {}
    for entry_id in range(1, ENTRIES + 1):
        marks = {
            "theory": [rng.choice(theory_pool) for _ in range(5)],
            "practical": [rng.choice(practical_pool) for _ in range(5)],
        }
        entries.append(
            EntryInput(
                entry_id,
                marks,
                completion_seconds=rng.randint(1200, 3600),
                draw=entry_id,
            )
        )
        grades[entry_id] = rng.randint(1, 5)
    return criteria, entries, grades


def main() -> None:
    criteria, entries, grades = build()
    start = time.process_time()
    results = compute_event(
        criteria,
        entries,
        tie_break=("practical", "time"),
        shared_places=False,
        tiers=preset_prizes_10_20_30(),
        promotion=preset_promotion_top5(),
        grades=grades,
    )
    elapsed = time.process_time() - start
    assert len(results) == ENTRIES
    print(f"bench: rules_compute_event_100k {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
