"""Reads of the judging app: completeness and divergence of an event's marks, judges' sheets.

`judging_status(event)` is also what the results engine asks before publishing: an event
with missing marks or open divergences is not `complete`.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from contests.models import Event, Registration
from core.models import User
from judging.models import Criterion, Judge, JudgeAssignment, Mark, MarkLog, Penalty, ScoringScheme
from scoring import validation

# A criterion as `judging.services.replace_scheme` takes it (`CriterionData`'s fields): every
# field of the model but its identity and its place in the list.
CRITERION_FIELDS = tuple(
    f.name for f in Criterion._meta.concrete_fields if f.name not in ("id", "event", "position")
)


def spread(values: list[Decimal], aggregation: str) -> Decimal | None:
    """Highest minus lowest mark; for a trimmed mean with at least 3 marks, of the marks
    kept after dropping the highest and lowest (a gymnastics-style tolerance: an outlier
    that is dropped anyway does not block the result). None with fewer than 2 marks."""
    if len(values) < 2:
        return None
    ordered = sorted(values)
    if aggregation == Criterion.Aggregation.TRIMMED_MEAN and len(ordered) >= 3:
        ordered = ordered[1:-1]
    return ordered[-1] - ordered[0]


def is_divergent(values: list[Decimal], criterion: Criterion) -> bool:
    """True when the panel disagrees by more than the criterion's limit (re-mark needed)."""
    if criterion.divergence_limit is None or criterion.kind != Criterion.Kind.JUDGEMENT:
        return False
    gap = spread(values, criterion.aggregation)
    return gap is not None and gap > criterion.divergence_limit


def _entries(event: Event) -> QuerySet[Registration]:
    """The entries that need marks: approved, with a bib, not disqualified."""
    return Registration.objects.filter(
        event=event,
        status=Registration.Status.APPROVED,
        bib__isnull=False,
        disqualified=False,
    ).order_by("bib")


def judging_status(event: Event) -> dict[str, Any]:
    """Per entry and criterion: marks present vs required and divergence; plus totals.

    `complete` is True when the event has a scheme, every entry has the required marks on
    every criterion and no divergence is open. Entries are identified by bib only (blind).
    """
    criteria = list(Criterion.objects.filter(event=event))
    entries = list(_entries(event).values_list("id", "bib"))
    values: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    unsubmitted = unconfirmed = 0
    for reg_id, crit_id, value, locked, confirmed in Mark.objects.filter(event=event).values_list(
        "registration_id", "criterion_id", "value", "locked", "confirmed"
    ):
        values[(reg_id, crit_id)].append(value)
        unsubmitted += not locked
        unconfirmed += not confirmed
    rows = []
    divergences = []
    missing_total = required_total = present_total = 0
    incomplete_entries = 0
    for reg_id, bib in entries:
        per_criterion = {}
        entry_missing = 0
        entry_divergent = []
        for c in criteria:
            marks = values.get((reg_id, c.pk), [])
            missing = max(0, c.judges_required - len(marks))
            divergent = is_divergent(marks, c)
            gap = spread(marks, c.aggregation)
            per_criterion[c.code] = {
                "marks": len(marks),
                "required": c.judges_required,
                "missing": missing,
                "divergent": divergent,
                "spread": None if gap is None else str(gap),
            }
            entry_missing += missing
            required_total += c.judges_required
            present_total += min(len(marks), c.judges_required)
            if divergent:
                entry_divergent.append(c.code)
                divergences.append(
                    {"registration": reg_id, "bib": bib, "criterion": c.code, "spread": str(gap)}
                )
        missing_total += entry_missing
        incomplete_entries += entry_missing > 0
        rows.append(
            {
                "registration": reg_id,
                "bib": bib,
                "complete": entry_missing == 0 and not entry_divergent,
                "missing": entry_missing,
                "divergent": entry_divergent,
                "criteria": per_criterion,
            }
        )
    return {
        "event": event.pk,
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "judges_required": c.judges_required,
                "divergence_limit": None if c.divergence_limit is None else str(c.divergence_limit),
                "aggregation": c.aggregation,
            }
            for c in criteria
        ],
        "entries": rows,
        "divergent": divergences,
        "summary": {
            "entries": len(entries),
            "marks_required": required_total,
            "marks_present": present_total,
            "missing_marks": missing_total,
            "incomplete_entries": incomplete_entries,
            "divergent_entries": len({d["registration"] for d in divergences}),
            "unsubmitted_marks": unsubmitted,
            "unconfirmed_marks": unconfirmed,
        },
        "has_scheme": bool(criteria),
        "confirmed": bool(criteria) and unconfirmed == 0 and missing_total == 0,
        "complete": bool(criteria) and missing_total == 0 and not divergences,
    }


def judge_assignments(judge: Judge) -> QuerySet[JudgeAssignment]:
    return (
        JudgeAssignment.objects.filter(judge=judge)
        .select_related("event", "event__contest")
        .order_by("-event__contest__contest_date", "event__name")
    )


def judge_sheet(judge: Judge, event: Event) -> dict[str, Any]:
    """What one judge marks on one event: criteria, entries by bib with their own marks and
    the criteria they still miss (the chief's measurements left out for the others).

    Blind: only registration id and bib, never the entrant's name or work unit; entries of
    the judge's own work unit are left out (the judge may not mark them).
    """
    assignment = JudgeAssignment.objects.filter(judge=judge, event=event).first()
    if assignment is None:
        return {"criteria": [], "entries": [], "assignment": None}
    criteria = [
        c
        for c in Criterion.objects.filter(event=event)
        if not assignment.criteria or c.code in assignment.criteria
    ]
    expected = _criteria_marked_by(assignment, criteria)
    entries = _entries(event)
    if judge.employer_id is not None:
        entries = entries.exclude(employer_id=judge.employer_id)
    own: dict[int, dict[str, Mark]] = defaultdict(dict)
    for mark in Mark.objects.filter(event=event, judge=judge).select_related("criterion"):
        own[mark.registration_id][mark.criterion.code] = mark
    rows = []
    for reg_id, bib in entries.values_list("id", "bib"):
        marks = own.get(reg_id, {})
        rows.append(
            {
                "registration": reg_id,
                "bib": bib,
                "marks": {code: marks[code] for code in marks},
                "missing": [c.code for c in expected if c.code not in marks],
            }
        )
    return {"criteria": criteria, "entries": rows, "assignment": assignment}


def _criteria_marked_by(assignment: JudgeAssignment, criteria: list[Criterion]) -> list[Criterion]:
    """Of the judge's criteria, those they are expected to mark (what their sheet misses).

    A measurement taken once (one mark required) is the chief judge's, when the event has
    one: the other judges may still record it, but a blank there is not theirs to fill. A
    judge whose assignment names the criteria marks exactly those."""
    if assignment.criteria or assignment.chief:
        return criteria
    if not JudgeAssignment.objects.filter(event_id=assignment.event_id, chief=True).exists():
        return criteria
    return [
        c for c in criteria if not (c.kind == Criterion.Kind.MEASUREMENT and c.judges_required == 1)
    ]


def entries_missing_marks(judge: Judge, event: Event) -> int:
    """How many of the judge's entries still miss one of their marks (the sheet's blanks)."""
    return sum(1 for row in judge_sheet(judge, event)["entries"] if row["missing"])


def mark_log(event: Event) -> QuerySet[MarkLog]:
    return MarkLog.objects.filter(event=event).select_related("actor", "judge").order_by("id")


def penalties_of(registration: Registration) -> QuerySet[Penalty]:
    return Penalty.objects.filter(registration=registration).order_by("id")


def marks_visible_to(user: User) -> QuerySet[Mark]:
    """A judge sees their own marks; an officer those of events their subtree hosts."""
    own = Mark.objects.filter(judge__user_id=user.pk)
    return own | Mark.objects.restrict(user)


def divergence_marks(event: Event, divergences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The divergences of a `judging_status` report, each with who gave which mark
    (`marks`, by judge name), so an officer sees whom to ask for a re-mark."""
    by_pair: dict[tuple[int, str], list[Mark]] = {}
    if divergences:
        marks = Mark.objects.filter(
            event=event, registration_id__in={d["registration"] for d in divergences}
        ).select_related("judge", "criterion")
        for m in marks.order_by("judge__name"):
            by_pair.setdefault((m.registration_id, m.criterion.code), []).append(m)
    for d in divergences:
        d["marks"] = by_pair.get((d["registration"], d["criterion"]), [])
    return divergences


def criterion_coverage(status: dict[str, Any]) -> list[dict[str, Any]]:
    """Per criterion of a `judging_status` report: marks present against marks required
    (over every entry), and the number of entries whose marks on it diverge."""
    rows = {
        c["code"]: {
            "code": c["code"],
            "name": c["name"],
            "present": 0,
            "required": 0,
            "divergent": 0,
        }
        for c in status["criteria"]
    }
    for entry in status["entries"]:
        for code, cell in entry["criteria"].items():
            row = rows[code]
            row["required"] += cell["required"]
            row["present"] += cell["required"] - cell["missing"]
            row["divergent"] += cell["divergent"]
    return list(rows.values())


def judge_progress(event: Event) -> list[dict[str, Any]]:
    """Per judge of the event's panel: marks given against marks to give, how many are
    submitted and confirmed, and whether the judge has handed the sheet in.

    A judge marks every entry that needs marks, except those of their own work unit, on
    each criterion assigned to them (all when none are named). Counted with two grouped
    queries, whatever the number of entries.
    """
    codes = list(Criterion.objects.filter(event=event).values_list("code", flat=True))
    entries = _entries(event)
    per_unit = dict(
        entries.order_by()
        .values("employer_id")
        .annotate(n=Count("id"))
        .values_list("employer_id", "n")
    )
    counted: dict[tuple[int, str], tuple[int, int, int]] = {
        (judge_id, code): (n, locked, confirmed)
        for judge_id, code, n, locked, confirmed in Mark.objects.filter(
            event=event, registration__in=entries.order_by().values("id")
        )
        .values("judge_id", "criterion__code")
        .annotate(
            n=Count("id"),
            locked=Count("id", filter=Q(locked=True)),
            confirmed=Count("id", filter=Q(confirmed=True)),
        )
        .values_list("judge_id", "criterion__code", "n", "locked", "confirmed")
    }
    total = sum(per_unit.values())
    rows = []
    panel = JudgeAssignment.objects.filter(event=event).select_related("judge")
    for assignment in panel.order_by("-chief", "judge__name", "id"):
        judge = assignment.judge
        own = [c for c in codes if not assignment.criteria or c in assignment.criteria]
        to_mark = total - per_unit.get(judge.employer_id, 0) if judge.employer_id else total
        given, locked, confirmed = (
            sum(counted.get((judge.pk, c), (0, 0, 0))[i] for c in own) for i in range(3)
        )
        required = to_mark * len(own)
        rows.append(
            {
                "assignment": assignment,
                "judge": judge,
                "criteria": own,
                "required": required,
                "marks": given,
                "missing": max(0, required - given),
                "locked": locked,
                "confirmed": confirmed,
                "submitted_at": assignment.submitted_at,
            }
        )
    return rows


def scheme_of(event: Event) -> dict[str, Any]:
    """The event's scoring scheme in the shape `replace_scheme` takes: criteria as dicts of
    `CRITERION_FIELDS`, award tiers as a list (a stored preset name expanded to its tiers)
    and the promotion rule as a dict or None. An event without a scheme has no criteria."""
    scheme = ScoringScheme.objects.filter(event=event).first()
    tiers, _problems = validation.parse_tiers(scheme.award_tiers if scheme else [])
    rule, _problems = validation.parse_promotion(scheme.promotion if scheme else None)
    return {
        "criteria": list(Criterion.objects.filter(event=event).values(*CRITERION_FIELDS)),
        "tie_break": list(scheme.tie_break) if scheme else [],
        "shared_places": scheme.shared_places if scheme else True,
        "award_tiers": validation.tiers_config(tiers),
        "promotion": validation.promotion_config(rule),
        "team_aggregation": scheme.team_aggregation if scheme else None,
    }


def own_unit_entries(event: Event, judges: list[Judge]) -> dict[int, int]:
    """Per judge id: the event's active entries (pending or approved) from the judge's own
    work unit, which that judge is never shown and may not mark (judging.services.marks);
    judges without such entries are left out."""
    per_unit = dict(
        Registration.objects.filter(event=event, status__in=Registration.ACTIVE)
        .values("employer_id")
        .annotate(n=Count("id"))
        .values_list("employer_id", "n")
    )
    return {
        judge.pk: per_unit[judge.employer_id]
        for judge in judges
        if judge.employer_id is not None and judge.employer_id in per_unit
    }
