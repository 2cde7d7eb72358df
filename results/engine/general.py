"""compute_event anywhere: the rules score and rank what ``reading`` read (SQLite, team
events scored by their members, and marks the set-based path leaves to the rules)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum

from contests.models import Event
from core.validators import mask_name
from judging.models import Criterion, Penalty, ScoringScheme
from results.engine import reading, snapshots
from results.engine.reading import (
    REG_BIB,
    REG_DISQUALIFIED,
    REG_GRADE,
    REG_ID,
    REG_PLACE,
    REG_SECONDS,
    REG_TEAM,
    REG_TEAM_NAME,
    REG_TITLE,
    REG_WORKER,
    REG_WORKER_NAME,
    REG_WORKER_TEAM,
)
from results.engine.snapshots import COPY_ESCAPES, NULL, EscapeCache, Tally, json_key
from results.models import DrawLot, ResultSnapshot
from scoring import (
    TIME,
    EntryResult,
    TotalInput,
    compute_event,
    divergent,
    entry_input,
    rank_totals,
    team_total,
)

_NO_PENALTY = Decimal(0)


def score(
    event: Event,
    scheme: ScoringScheme,
    criteria: list[Criterion],
    rules: reading.SchemeRules,
    regs: list[tuple],
) -> tuple[list[EntryResult], int, dict[int, Decimal]]:
    """The ranked results of the event's entries, how many have divergent marks, and the
    penalties of each entry."""
    draws = dict(DrawLot.objects.filter(event_id=event.pk).values_list("registration_id", "lot"))
    penalties = dict(
        Penalty.objects.filter(registration__event_id=event.pk)
        .values("registration_id")
        .annotate(s=Sum("marks"))
        .values_list("registration_id", "s")
    )
    grades = {r[REG_ID]: r[REG_GRADE] for r in regs if r[REG_GRADE] is not None}
    options = {
        "shared_places": scheme.shared_places,
        "tiers": rules.tiers,
        "promotion": rules.promotion,
        "grades": grades,
    }
    try:
        if reading.team_by_members(event, scheme):
            member_totals = reading.member_totals(event, [r[REG_ID] for r in regs])
            entries = [
                TotalInput(
                    r[REG_ID],
                    team_total(member_totals[r[REG_ID]], scheme.team_aggregation)
                    if member_totals.get(r[REG_ID])
                    else None,
                    completion_seconds=r[REG_SECONDS],
                    eligible=not r[REG_DISQUALIFIED],
                    draw=draws.get(r[REG_ID]),
                )
                for r in regs
            ]
            tie_break = [t for t in rules.tie_break if t == TIME]
            return rank_totals(entries, tie_break=tie_break, **options), 0, penalties
        marks = reading.read_marks(event.pk, criteria)
        limited = [
            (c.code, c.divergence_limit, c.aggregation)
            for c in criteria
            if c.divergence_limit is not None
        ]
        diverging = 0
        if limited:
            for r in regs:
                entry = marks.get(r[REG_ID], {})
                if any(divergent(entry.get(code, ()), limit, agg) for code, limit, agg in limited):
                    diverging += 1
        no_marks: dict = {}
        entries = [
            entry_input(
                r[REG_ID],
                marks.get(r[REG_ID], no_marks),
                penalties.get(r[REG_ID]) or _NO_PENALTY,
                r[REG_SECONDS],
                not r[REG_DISQUALIFIED],
                draws.get(r[REG_ID]),
            )
            for r in regs
        ]
        results = compute_event(rules.criteria, entries, tie_break=rules.tie_break, **options)
    except ValueError as exc:
        raise ValidationError({"scheme": [str(exc)]}) from None
    return results, diverging, penalties


def _display(r: tuple) -> tuple[str, str]:
    """Full and public names of an entrant: a worker's name is personal data (masked in
    public), a team's or an achievement's title is not."""
    if r[REG_WORKER] is not None:
        return r[REG_WORKER_NAME], mask_name(r[REG_WORKER_NAME])
    name = r[REG_TEAM_NAME] if r[REG_TEAM] is not None else r[REG_TITLE]
    return name or "", name or ""


def write_snapshot(
    event: Event,
    criteria: list[Criterion],
    scheme: ScoringScheme,
    results: list[EntryResult],
    regs: list[tuple],
    divergent: int,
    penalties: dict[int, Decimal],
) -> ResultSnapshot:
    """Write the rows of a new snapshot and make it current.

    Each row is rendered once as a line of COPY text (without the snapshot id): on
    PostgreSQL those lines are the COPY stream, everywhere they are hashed into the
    snapshot's fingerprint, so two computations on the same marks are visibly identical.
    """
    info = {r[REG_ID]: r for r in regs}
    snapshot = snapshots.new_snapshot(event)
    order = [c.code for c in criteria]
    keys = [(code, json_key(code)) for code in order]
    all_keys = (
        "{{"
        + ",".join(key.replace("{", "{{").replace("}", "}}") + ':"{}"' for _code, key in keys)
        + "}}"
    )
    tally = Tally()

    def lines() -> Iterator[str]:
        incomplete = ranked = needs_draw = 0
        esc = EscapeCache().__getitem__
        # The employer, region and union columns repeat across entries: rendered once each.
        places: dict[tuple, str] = {}
        for position, res in enumerate(results, 1):
            entry_id = res.entry_id
            r = info[entry_id]
            if r[REG_WORKER] is not None:
                # a worker's name is personal data (masked in public); names rarely repeat
                name = r[REG_WORKER_NAME] or ""
                names = (
                    name.translate(COPY_ESCAPES) + "\t" + mask_name(name).translate(COPY_ESCAPES)
                )
            else:
                display, masked = _display(r)
                names = esc(display) + "\t" + esc(masked)
            place_key = r[REG_PLACE]
            place = places.get(place_key)
            if place is None:
                employer_id, employer, kind, region, region_path, union_path = place_key
                place = places[place_key] = "\t".join(
                    (
                        NULL if employer_id is None else str(employer_id),
                        esc(employer or ""),
                        kind or "",
                        esc(region or ""),
                        esc(region_path or ""),
                        esc(union_path or ""),
                    )
                )
            crit = res.criteria
            if len(crit) == len(keys):
                criteria_json = all_keys.format(*[crit[code] for code, _key in keys])
            else:
                criteria_json = (
                    "{"
                    + ",".join(f'{key}:"{crit[code]}"' for code, key in keys if code in crit)
                    + "}"
                )
            rank = res.rank
            if rank is not None:
                ranked += 1
            if res.tier is not None:
                tally.tier(res.tier, position)
            complete = res.complete
            if not complete:
                incomplete += 1
            decided = res.decided_by or ""
            if res.needs_draw:
                needs_draw += 1
                decided = "needs_draw"
            team = r[REG_TEAM] if r[REG_TEAM] is not None else r[REG_WORKER_TEAM]
            total = res.total
            standardised = res.standardised
            promotion = res.promotion
            bib = r[REG_BIB]
            # totals, scores and penalties are quantized to 2 places: str() prints "81.50"
            yield (
                f"{position}\t{NULL if rank is None else rank}"
                f"\t{NULL if total is None else total}"
                f"\t{NULL if standardised is None else standardised}\t{esc(res.tier or '')}"
                f"\t{NULL if promotion is None else promotion}\t{decided}\t{'t' if complete else 'f'}"
                f"\t{entry_id}\t{NULL if bib is None else bib}\t{criteria_json}"
                f"\t{penalties.get(entry_id) or '0.00'}"
                f"\t{names}\t{place}\t{NULL if r[REG_WORKER] is None else r[REG_WORKER]}"
                f"\t{NULL if team is None else team}"
            )
        tally.ranked, tally.incomplete, tally.needs_draw = ranked, incomplete, needs_draw

    entries, fingerprint = snapshots.insert_rows(snapshot.pk, lines())
    snapshots.make_current(
        snapshot,
        scheme,
        order,
        entries=entries,
        fingerprint=fingerprint,
        divergent=divergent,
        tally=tally,
    )
    return snapshot
