"""Contest awards from the events' published results: gold workers, gold teams, advanced
collectives and the top-ten innovation achievements.

Each award carries a ``Reason``: a code below and the figures it cites, which the results
app words in the reader's language.

================= ======================================================================
``event_rank``    rank ``rank`` of event ``event`` with total ``total``
``standardised``  rank ``rank`` of event ``event``, standardised score ``standardised``,
                  place ``overall`` of the whole contest's list
``top_achievement`` the same for the top-ten innovation achievements (place ``overall``)
``team_members``  the mean ``score`` of ``members`` members' best totals, team rank ``rank``
``award_points``  ``points`` award points (``tiers``: [tier, count] pairs), ``entries``
                  entries earning ``entry_points``, ``total`` in all
================= ======================================================================

Scores in the params are text as printed on certificates: 2 decimals for totals and
standardised scores (``"95.50"``), points without useless decimals (``"13"``, ``"2.5"``).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from scoring.arithmetic import CONTEXT, ZERO, is_int, is_number, round2
from scoring.ranking import competition_rank
from scoring.records import Award, EventRow, Reason

EVENT_RANK = "event_rank"
STANDARDISED = "standardised"
TOP_ACHIEVEMENT = "top_achievement"
TEAM_MEMBERS = "team_members"
AWARD_POINTS = "award_points"
REASONS = (EVENT_RANK, STANDARDISED, TOP_ACHIEVEMENT, TEAM_MEMBERS, AWARD_POINTS)


def score_text(value: Decimal | int) -> str:
    """A score with 2 decimals, as printed on certificates (95.50)."""
    return f"{round2(Decimal(value)):.2f}"


def points_text(value: Decimal | int) -> str:
    """Points without useless decimals (13, 2.5)."""
    if isinstance(value, int):
        return str(value)
    return f"{value.normalize():f}"


def _top(
    candidates: Sequence[Any],
    key: Callable[[Any], Hashable],
    top_n: int,
) -> list[tuple[int, Any]]:
    """Competition-rank ``candidates`` by ``key`` (smaller is better) and keep rank <= N,
    so every candidate tied at the cut-off is included."""
    if not is_int(top_n) or top_n < 1:
        raise ValueError(f"top_n must be an integer >= 1, got {top_n!r}")
    ranks = competition_rank([key(c) for c in candidates])
    kept = [(r, c) for r, c in zip(ranks, candidates, strict=True) if r <= top_n]
    kept.sort(key=lambda rc: (rc[0], key(rc[1])))
    return kept


def _event_winners(
    rows: Iterable[EventRow], kind: str, k: int, min_total: Decimal | None, subject: str
) -> list[Award]:
    if not is_int(k) or k < 1:
        raise ValueError(f"k must be an integer >= 1, got {k!r}")
    winners = [
        r
        for r in rows
        if r.kind == kind
        and r.rank is not None
        and r.total is not None
        and r.rank <= k
        and (min_total is None or r.total >= min_total)
    ]
    winners.sort(key=lambda r: (r.event, r.rank, r.entry_id))
    awards = []
    for r in winners:
        subject_id = r.team_id if subject == "team" and r.team_id is not None else r.entry_id
        total = score_text(r.total)  # type: ignore[arg-type]
        reason = Reason(EVENT_RANK, {"event": r.event, "rank": r.rank, "total": total})
        awards.append(Award(subject_id, r.rank, r.total, reason, r.event))  # type: ignore[arg-type]
    return awards


def _on_standardised(r: EventRow, code: str, overall: int) -> Award:
    """An award from a contest-wide list ranked by standardised score."""
    params = {
        "event": r.event,
        "rank": r.rank,
        "standardised": score_text(r.standardised),  # type: ignore[arg-type]
        "overall": overall,
    }
    return Award(r.entry_id, overall, r.standardised, Reason(code, params), r.event)  # type: ignore[arg-type]


def gold_workers(
    rows: Iterable[EventRow],
    *,
    mode: str = "per_event",
    k: int = 1,
    min_total: Decimal | None = None,
    top_n: int = 50,
) -> list[Award]:
    """金牌职工.

    ``mode="per_event"``: the top ``k`` ranks of every individual event (ties included),
    optionally only with ``total >= min_total``; one award per winning entry, listed by
    event then rank, and the award's rank is the event rank.

    ``mode="standardised"``: the best ``top_n`` of the whole contest by standardised score,
    so that winners of a harshly judged event are not crowded out by a lenient one.  A
    worker counts once, with their best entry (a person is awarded, not an entry); equal
    standardised scores are separated by the higher total, then share the rank, and
    everyone tied at the cut-off is included.
    """
    with decimal.localcontext(CONTEXT):
        if mode == "per_event":
            return _event_winners(rows, "individual", k, min_total, "entry")
        if mode != "standardised":
            raise ValueError(
                f"unknown gold worker mode {mode!r}; expected per_event or standardised"
            )
        best: dict[tuple[str, int], EventRow] = {}
        for r in rows:
            if r.kind != "individual" or r.rank is None or r.standardised is None:
                continue
            if min_total is not None and (r.total is None or r.total < min_total):
                continue
            who = ("person", r.person_id) if r.person_id is not None else ("entry", r.entry_id)
            current = best.get(who)
            if current is None or _std_key(r) < _std_key(current):
                best[who] = r
        kept = _top(list(best.values()), _std_rank_key, top_n)
        kept.sort(key=lambda rc: (rc[0], rc[1].entry_id))
        return [_on_standardised(r, STANDARDISED, rank) for rank, r in kept]


def _std_key(r: EventRow) -> tuple[Decimal, Decimal, int]:
    """Higher standardised first, then higher total (decides among a MAD = 0 event's
    all-700 scores), then entry id only for a stable order of true ties."""
    return (-r.standardised, -(r.total or ZERO), r.entry_id)  # type: ignore[operator]


def _std_rank_key(r: EventRow) -> tuple[Decimal, Decimal]:
    return (-r.standardised, -(r.total or ZERO))  # type: ignore[operator]


def gold_teams_from_events(
    rows: Iterable[EventRow], *, k: int = 1, min_total: Decimal | None = None
) -> list[Award]:
    """金牌班组 from team events: the top ``k`` ranks of each team event (ties included).

    ``subject_id`` is the row's ``team_id`` when given, else its entry id.
    """
    with decimal.localcontext(CONTEXT):
        return _event_winners(rows, "team", k, min_total, "team")


def gold_teams_from_members(
    rows: Iterable[EventRow], *, min_members: int = 3, top_n: int = 50
) -> list[Award]:
    """金牌班组 in individually scored contests: teams ranked by their members' best totals.

    Each member counts once, with their best total across the contest's individual events
    (entering more events cannot inflate a team), only ranked entries count, and only teams
    with at least ``min_members`` such members qualify so that one star cannot carry a team.
    The team score is the mean of those best totals, 2 dp half-up.
    """
    if not is_int(min_members) or min_members < 1:
        raise ValueError(f"min_members must be an integer >= 1, got {min_members!r}")
    with decimal.localcontext(CONTEXT):
        best: dict[int, dict[tuple[str, int], Decimal]] = {}
        for r in rows:
            if r.kind != "individual" or r.team_id is None or r.rank is None or r.total is None:
                continue
            who = ("person", r.person_id) if r.person_id is not None else ("entry", r.entry_id)
            members = best.setdefault(r.team_id, {})
            if who not in members or r.total > members[who]:
                members[who] = r.total
        teams = [
            (team_id, round2(sum(m.values(), ZERO) / len(m)), len(m))
            for team_id, m in best.items()
            if len(m) >= min_members
        ]
        kept = _top(teams, lambda t: (-t[1],), top_n)
        return [
            Award(
                team_id,
                rank,
                score,
                Reason(TEAM_MEMBERS, {"members": count, "score": score_text(score), "rank": rank}),
            )
            for rank, (team_id, score, count) in sorted(kept, key=lambda rc: (rc[0], rc[1][0]))
        ]


def advanced_collectives(
    rows: Iterable[EventRow],
    *,
    points: Mapping[str, Decimal | int],
    participation_points: Decimal | int = 0,
    top_n: int = 51,
) -> list[Award]:
    """先进集体: work units ranked by award points.

    Each entry's tier earns ``points[tier]``; every approved entry earns
    ``participation_points`` (rewarding units that mobilise their workers, as the
    Chongqing contest counted participation).  Units with no points at all are not ranked.
    """
    for name, value in points.items():
        if not is_number(value) or value < 0:
            raise ValueError(f"points for {name!r} must be a number >= 0, got {value!r}")
    if not is_number(participation_points) or participation_points < 0:
        raise ValueError("participation_points must be a number >= 0")
    with decimal.localcontext(CONTEXT):
        tallies: dict[int, dict[str, int]] = {}
        entries: dict[int, int] = {}
        for r in rows:
            if r.employer_id is None:
                continue
            tally = tallies.setdefault(r.employer_id, {})
            entries.setdefault(r.employer_id, 0)
            if r.approved:
                entries[r.employer_id] += 1
            if r.tier is not None and r.tier in points:
                tally[r.tier] = tally.get(r.tier, 0) + 1
        units = []
        for employer_id, tally in tallies.items():
            award_points = sum((points[t] * c for t, c in tally.items()), ZERO)
            entry_points = participation_points * entries[employer_id]
            score = award_points + entry_points
            if score > 0:
                units.append((employer_id, score, award_points, entry_points, tally))
        kept = _top(units, lambda u: (-u[1],), top_n)
        awards = []
        for rank, (employer_id, score, award_points, entry_points, tally) in sorted(
            kept, key=lambda rc: (rc[0], rc[1][0])
        ):
            params = {
                "points": points_text(award_points),
                "tiers": [[t, tally[t]] for t in points if tally.get(t)],
                "entries": entries[employer_id],
                "entry_points": points_text(entry_points),
                "total": points_text(score),
            }
            awards.append(Award(employer_id, rank, score, Reason(AWARD_POINTS, params)))
        return awards


def top_achievements(rows: Iterable[EventRow], *, top_n: int = 10) -> list[Award]:
    """十佳职工创新成果: the best ``top_n`` ranked achievement entries of the contest.

    Ranked by standardised score because achievements are usually judged in several
    categories by different panels whose raw totals are not comparable; the standardised
    score puts each category on the same 700 scale.  Equal standardised scores are
    separated by the higher total (which also orders a single category whose MAD is 0),
    then share the rank; all tied at the cut-off are included.
    """
    with decimal.localcontext(CONTEXT):
        candidates = [
            r
            for r in rows
            if r.kind == "achievement" and r.rank is not None and r.standardised is not None
        ]
        kept = _top(candidates, _std_rank_key, top_n)
        kept.sort(key=lambda rc: (rc[0], rc[1].entry_id))
        return [_on_standardised(r, TOP_ACHIEVEMENT, rank) for rank, r in kept]
