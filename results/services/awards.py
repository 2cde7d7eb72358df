"""The contest's award lists, computed from its events' current snapshots."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from contests.models import Contest, Event
from results.models import AwardRow, AwardSnapshot, ResultRow, ResultSnapshot
from scoring import (
    Award,
    EventRow,
    advanced_collectives,
    gold_teams_from_events,
    gold_teams_from_members,
    gold_workers,
    top_achievements,
)
from scoring.records import PRESET_POINTS
from unions.models import Employer
from workers.models import Team


def _dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _award_config(contest: Contest) -> dict:
    config = dict(contest.awards_config or {})
    defaults = {
        "gold_workers": {"mode": "per_event", "k": 1},
        "gold_teams": {"k": 1, "min_members": 3, "top_n": 50},
        "advanced_collectives": {"points": PRESET_POINTS, "participation_points": 0, "top_n": 51},
        "top_achievements": {"top_n": 10},
    }
    return {key: {**value, **(config.get(key) or {})} for key, value in defaults.items()}


def compute_awards(*, contest_id: int) -> AwardSnapshot:
    """The contest's award lists from its events' current snapshots, as a new current
    award snapshot (version n+1) written in one transaction."""
    with transaction.atomic():
        contest = Contest.objects.select_for_update().filter(pk=contest_id).first()
        if contest is None:
            raise ValidationError({"contest": [_("No such contest.")]})
        config = _award_config(contest)
        # The current snapshots first, then their rows by snapshot id: one index range per
        # snapshot whatever the planner believes about freshly loaded tables (a join
        # planned on stale statistics scanned every result row once per event: 40 s).
        events = {
            snapshot_id: (name, kind)
            for snapshot_id, name, kind in ResultSnapshot.objects.filter(
                is_current=True, event__contest_id=contest_id
            ).values_list("pk", "event__name", "event__kind")
        }
        raw = [
            (*events[row[0]], *row[1:])
            for row in ResultRow.objects.filter(snapshot_id__in=list(events)).values_list(
                "snapshot_id",
                "registration_id",
                "rank",
                "total",
                "standardised",
                "tier",
                "worker_id",
                "team_id",
                "employer_id",
                "display_name",
                "masked_name",
                "employer_name",
            )
        ]
        by_reg = {r[2]: r for r in raw}
        rows = [
            EventRow(
                r[0],
                r[2],
                kind=r[1],
                rank=r[3],
                total=r[4],
                standardised=r[5],
                tier=r[6] or None,
                person_id=r[7],
                team_id=r[8],
                employer_id=r[9],
            )
            for r in raw
        ]
        try:
            lists = _award_lists(rows, config)
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise ValidationError({"awards_config": [str(exc)]}) from None
        last = AwardSnapshot.objects.filter(contest=contest).aggregate(v=Max("version"))["v"] or 0
        snapshot = AwardSnapshot.objects.create(contest=contest, version=last + 1)
        AwardRow.objects.bulk_create(_award_rows(snapshot, lists, by_reg), batch_size=2000)
        AwardSnapshot.objects.filter(contest=contest, is_current=True).update(is_current=False)
        snapshot.is_current = True
        snapshot.save(update_fields=["is_current"])
    return snapshot


def _award_rows(
    snapshot: AwardSnapshot, lists: list[tuple[str, list[Award]]], by_reg: dict[int, tuple]
) -> list[AwardRow]:
    """The rows of the award lists, each with the names and work unit of its subject."""
    team_ids = {a.subject_id for kind, awards in lists for a in awards if kind == "team"}
    teams = {
        t[0]: t[1:]
        for t in Team.objects.filter(pk__in=team_ids).values_list(
            "id", "name", "employer_id", "employer__name"
        )
    }
    employer_ids = {a.subject_id for kind, awards in lists for a in awards if kind == "unit"}
    employers = dict(Employer.objects.filter(pk__in=employer_ids).values_list("id", "name"))
    objs = []
    for subject, (kind, awards) in zip(
        (AwardRow.Kind.GOLD_WORKER, AwardRow.Kind.GOLD_TEAM, AwardRow.Kind.ADVANCED_COLLECTIVE,
         AwardRow.Kind.TOP_ACHIEVEMENT),
        lists,
        strict=True,
    ):  # fmt: skip
        for a in awards:
            row = AwardRow(
                snapshot=snapshot,
                kind=subject,
                rank=a.rank,
                score=a.score,
                reason_code=a.reason.code,
                reason_params=a.reason.params,
            )
            if kind == "entry":
                r = by_reg[a.subject_id]
                row.registration_id, row.worker_id, row.team_id = r[2], r[7], r[8]
                row.employer_id, row.employer_name = r[9], r[12]
                row.display_name, row.masked_name = r[10], r[11]
            elif kind == "team":
                name, employer_id, employer_name = teams.get(a.subject_id, ("", None, ""))
                row.team_id, row.employer_id, row.employer_name = (
                    a.subject_id,
                    employer_id,
                    employer_name,
                )
                row.display_name = row.masked_name = name
            else:
                name = employers.get(a.subject_id, "")
                row.employer_id, row.employer_name = a.subject_id, name
                row.display_name = row.masked_name = name
            objs.append(row)
    return objs


def _award_lists(rows: list[EventRow], config: dict) -> list[tuple[str, list[Award]]]:
    gw = config["gold_workers"]
    workers = gold_workers(
        rows,
        mode=gw.get("mode", "per_event"),
        k=int(gw.get("k", 1)),
        min_total=_dec(gw.get("min_total")),
        top_n=int(gw.get("top_n", 50)),
    )
    gt = config["gold_teams"]
    if any(r.kind == Event.Kind.TEAM for r in rows):
        teams = gold_teams_from_events(
            rows, k=int(gt.get("k", 1)), min_total=_dec(gt.get("min_total"))
        )
        # team-event awards name the entry (it carries the team's names and employer)
        team_kind = "entry"
        entry_of_team = {
            r.team_id: r.entry_id for r in rows if r.kind == Event.Kind.TEAM and r.rank
        }
        teams = [
            Award(entry_of_team.get(a.subject_id, a.subject_id), a.rank, a.score, a.reason)
            for a in teams
        ]
    else:
        teams = gold_teams_from_members(
            rows, min_members=int(gt.get("min_members", 3)), top_n=int(gt.get("top_n", 50))
        )
        team_kind = "team"
    ac = config["advanced_collectives"]
    collectives = advanced_collectives(
        rows,
        points={k: Decimal(str(v)) for k, v in (ac.get("points") or {}).items()},
        participation_points=Decimal(str(ac.get("participation_points") or 0)),
        top_n=int(ac.get("top_n", 51)),
    )
    achievements = top_achievements(rows, top_n=int(config["top_achievements"]["top_n"]))
    return [
        ("entry", workers),
        (team_kind, teams),
        ("unit", collectives),
        ("entry", achievements),
    ]
