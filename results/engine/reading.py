"""Reading an event for the results engine, set-based: one query per kind of row."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from contests.models import Event, Registration, RegistrationMember
from judging.models import Criterion, Mark, ScoringScheme
from results.models import ResultRow, ResultSnapshot
from scoring import AwardTier, CriterionSpec, MarkSummary, PromotionRule, aggregation, validation
from workers.models import Team

#: Columns of a registration row (``registrations``), by position.
REG_ID, REG_BIB, REG_SECONDS, REG_DISQUALIFIED, REG_WORKER, REG_TEAM = range(6)
REG_WORKER_NAME, REG_GRADE, REG_TEAM_NAME, REG_TITLE, REG_WORKER_TEAM = range(13, 18)
#: Employer, region and union columns of a registration row (they repeat across entries).
REG_PLACE = slice(7, 13)


class SchemeRules(NamedTuple):
    """An event's scheme as the scoring rules take it."""

    criteria: list[CriterionSpec]
    tie_break: list[str]
    tiers: list[AwardTier]
    promotion: PromotionRule | None


def scheme_rules(scheme: ScoringScheme, criteria: list[Criterion]) -> SchemeRules:
    """The stored scheme, parsed and checked by the one scheme validator; a scheme written
    past the scheme API (presets, data loads) with problems is refused per section."""
    specs = [
        CriterionSpec(
            c.code, c.weight, c.max_mark, c.aggregation, c.judges_required, c.divergence_limit
        )
        for c in criteria
    ]
    tie_break = list(scheme.tie_break or [])
    tiers, problems = validation.parse_tiers(scheme.award_tiers)
    promotion, promotion_problems = validation.parse_promotion(scheme.promotion)
    problems += promotion_problems
    problems += validation.criteria_problems(specs)
    problems += validation.tie_break_problems(tie_break, [c.code for c in criteria])
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.section, []).append(str(problem))
        raise ValidationError(errors)
    return SchemeRules(specs, tie_break, tiers, promotion)


def lock_event(event_id: int) -> Event:
    """The event, its row locked until the transaction ends (computations of one event
    run one after the other)."""
    event = Event.objects.select_for_update().select_related("contest").filter(pk=event_id).first()
    if event is None:
        raise ValidationError({"event": [_("No such event.")]})
    return event


class _DecimalCache(dict):
    """Mark text -> Decimal, parsed once per distinct text."""

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = Decimal(text)
        return value


def read_marks(
    event_id: int, criteria: list[Criterion]
) -> dict[int, dict[str, list[Decimal] | MarkSummary]]:
    """All marks of the event by entry and criterion code, read in one statement.

    On PostgreSQL the database groups them: one row per entry, and per criterion either a
    summary (count, sum, min, max: exact numeric sums, so the same figures the rules would
    add up) or, where the marks themselves are needed, a comma-separated list (a million
    marks become 100,000 short rows). Each distinct text is parsed to a Decimal once (a
    million marks have a few hundred distinct values, their sums a few thousand).
    """
    marks: dict[int, dict[str, list[Decimal] | MarkSummary]] = defaultdict(dict)
    if connection.vendor == "postgresql":
        listed = [
            (c.code, aggregation.needs_marks(c.aggregation, c.divergence_limit)) for c in criteria
        ]
        columns = []
        for c, (_code, values) in zip(criteria, listed, strict=True):
            only = f"FILTER (WHERE criterion_id = {int(c.pk)})"
            if values:
                columns.append(f"string_agg(value::text, ',') {only}")
            else:
                columns += [
                    f"count(*) {only}",
                    f"sum(value) {only}::text",
                    f"min(value) {only}::text",
                    f"max(value) {only}::text",
                ]
        parse = _DecimalCache().__getitem__
        new_tuple = tuple.__new__

        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT registration_id, {', '.join(columns)} FROM {Mark._meta.db_table} "
                "WHERE event_id = %s GROUP BY registration_id",
                [event_id],
            )
            for row in cursor.fetchall():
                entry = marks[row[0]]
                i = 1
                for code, values in listed:
                    if values:
                        text = row[i]
                        i += 1
                        if text is not None:
                            entry[code] = list(map(parse, text.split(",")))
                    else:
                        n = row[i]
                        if n:
                            # MarkSummary(...) without its Python-level __new__
                            entry[code] = new_tuple(
                                MarkSummary,
                                (n, parse(row[i + 1]), parse(row[i + 2]), parse(row[i + 3])),
                            )
                        i += 4
        return marks
    code_of = {c.pk: c.code for c in criteria}
    for reg_id, crit_id, value in Mark.objects.filter(event_id=event_id).values_list(
        "registration_id", "criterion_id", "value"
    ):
        marks[reg_id].setdefault(code_of[crit_id], []).append(value)
    return marks


def registrations(event_id: int) -> list[tuple]:
    """The approved entries with everything a result row shows, in one query (columns:
    the REG_* positions above); the last column is the worker's team (班组; the lowest id
    when a worker belongs to several)."""
    first_team = (
        Team.members.through.objects.filter(worker_id=OuterRef("worker_id"))
        .order_by("team_id")
        .values("team_id")[:1]
    )
    rows = (
        Registration.objects.filter(event_id=event_id, status=Registration.Status.APPROVED)
        .annotate(worker_team=Subquery(first_team))
        .order_by("id")
        .values_list(
            "id",
            "bib",
            "completion_seconds",
            "disqualified",
            "worker_id",
            "team_id",
            "achievement_id",
            "employer_id",
            "employer__name",
            "employer__kind",
            "employer__region__name",
            "employer__region__path",
            "employer__union__path",
            "worker__name",
            "worker__skill_grade",
            "team__name",
            "achievement__title",
            "worker_team",
        )
    )
    if connection.vendor == "postgresql":
        # Same statement, fetched in one go: the ORM's chunked row iteration costs more than
        # the query at 100,000 rows, and psycopg already returns the right Python types.
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    return list(rows)


def member_totals(event: Event, reg_ids: list[int]) -> dict[int, list[Decimal | None]]:
    """Team entries scored by their members: each member's best total in the contest's
    individual events (current snapshots); None for a member without a total."""
    members: dict[int, list[int]] = defaultdict(list)
    for reg_id, worker_id in RegistrationMember.objects.filter(
        registration_id__in=reg_ids
    ).values_list("registration_id", "worker_id"):
        members[reg_id].append(worker_id)
    workers = {w for ws in members.values() for w in ws}
    best: dict[int, Decimal] = {}
    current = ResultSnapshot.objects.filter(
        is_current=True, event__contest_id=event.contest_id, event__kind=Event.Kind.INDIVIDUAL
    ).values_list("pk", flat=True)
    for worker_id, total in ResultRow.objects.filter(
        snapshot_id__in=list(current),  # ids first: see compute_awards
        worker_id__in=workers,
        rank__isnull=False,
    ).values_list("worker_id", "total"):
        if worker_id not in best or total > best[worker_id]:
            best[worker_id] = total
    return {reg: [best.get(w) for w in ws] for reg, ws in members.items()}


def team_by_members(event: Event, scheme: ScoringScheme) -> bool:
    """A team event scored by its members' totals (those come from other events)."""
    return (
        event.kind == Event.Kind.TEAM
        and scheme.team_aggregation != ScoringScheme.TeamAggregation.TEAM
    )
