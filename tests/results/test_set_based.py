"""The set-based path of compute_event (PostgreSQL scores, sorts and renders; rules ranks
the stream) writes exactly the rows of the general path (rules scores everything).

Each test builds an event with ties, incomplete, disqualified and penalised entries,
computes it on the set-based path, then again with that path switched off, and compares
every column of every row, the fingerprints and the snapshot statistics.
"""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from contests.models import Achievement
from core.validators import mask_name, mask_name_sql
from judging.models import Criterion
from results import services
from results.engine import set_based, sql
from results.models import DrawLot, ResultRow
from tests.factories import EventFactory, TeamFactory, WorkerFactory
from tests.results.factories import EntryFactory, give_marks, make_scheme, penalise

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

FIELDS = [f.name for f in ResultRow._meta.fields if f.name not in ("id", "snapshot")]
#: Few distinct marks, so that totals, criterion scores and times tie often.
MARKS = {100: [70, 80, 85, 90, 100], 10: [6, 7, 8, 8.5, 10], 20: [10, 12.5, 15, 20]}
ODD_NAMES = ["王\t五\\六\n", "李", "欧阳", "A\\B\rC", "司马相如"]


@pytest.fixture
def set_based_runs(monkeypatch):
    """Record whether the set-based path produced each snapshot."""
    runs = []
    original = set_based.compute_set_based

    def spy(*args, **kwargs):
        snapshot = original(*args, **kwargs)
        runs.append(snapshot is not None)
        return snapshot

    monkeypatch.setattr(set_based, "compute_set_based", spy)
    return runs


def build(event, judges, seed, *, criteria=None, entries=30, **scheme):
    """A varied event: random marks from a small set, some entries short of marks, some
    disqualified, penalised, timed; odd names; a team entry and an achievement entry."""
    rng = random.Random(seed)
    _, crits = (
        make_scheme(event, **scheme)
        if criteria is None
        else make_scheme(event, criteria=criteria, **scheme)
    )
    regs = []
    for i in range(entries):
        worker = WorkerFactory(skill_grade=rng.randint(1, 5))
        if i < len(ODD_NAMES):
            worker.name = ODD_NAMES[i]
            worker.save()
        regs.append(
            EntryFactory(
                event=event,
                worker=worker,
                employer=worker.employer,
                completion_seconds=rng.choice([None, 300, 300, 420]),
                disqualified=rng.random() < 0.08,
            )
        )
    team = TeamFactory()
    regs.append(EntryFactory(event=event, worker=None, team=team, employer=team.employer))
    work = Achievement.objects.create(title="燃气\t检漏仪", employer=team.employer)
    regs.append(EntryFactory(event=event, worker=None, achievement=work, employer=team.employer))
    for reg in regs:
        marks = {}
        for code, crit in crits.items():
            count = crit.judges_required - (1 if rng.random() < 0.07 else 0)
            values = MARKS[int(crit.max_mark)]
            marks[code] = [rng.choice(values) for _ in range(count)]
        give_marks(reg, crits, marks, judges)
        if rng.random() < 0.15:
            penalise(reg, rng.choice(["0.5", "1", "2.25", "200"]))
    return regs


def both_paths(event, monkeypatch):
    fast = services.compute_event(event_id=event.pk)
    monkeypatch.setattr(set_based, "is_set_based", lambda *args: False)
    slow = services.compute_event(event_id=event.pk)
    return fast, slow


def assert_same(fast, slow):
    fast_rows = list(fast.rows.order_by("position").values_list(*FIELDS))
    slow_rows = list(slow.rows.order_by("position").values_list(*FIELDS))
    assert fast_rows == slow_rows
    assert (fast.entries, fast.ranked, fast.complete, fast.stats) == (
        slow.entries,
        slow.ranked,
        slow.complete,
        slow.stats,
    )
    assert fast.fingerprint == slow.fingerprint


SCHEMES = {
    "plain": {},
    "prizes, promotion, criterion then time tie-break": {
        "award_tiers": "prizes_10_20_30",
        "promotion": "top5",
        "tie_break": ["P", "time"],
    },
    "medals, time tie-break": {"award_tiers": "medals", "tie_break": ["time"]},
    "tiers with floors": {
        "award_tiers": [
            {"name": "金奖", "count": 2, "min_total": "75"},
            {"name": "银奖", "share": "0.2", "min_standardised": "705"},
            {"name": "优胜\t奖", "until_share": "0.6"},
        ],
        "promotion": {"within_rank": 8, "min_total": "60"},
    },
}


CRITERIA = {
    "median of 4 and divergence limits": [
        ("T", 30, 100, "median", 4, "12"),
        ("P", 70, 10, "trimmed_mean", 5, "1.5"),
    ],
    "a trimmed mean with a limit": [
        ("T", 30, 100, "mean", 3),
        ("P", 70, 10, "trimmed_mean", 5, "2"),
    ],
    "median of 3, a mean with a limit": [
        ("T", 40, 100, "mean", 3, "15"),
        ("P", 60, 10, "median", 3),
    ],
}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("criteria", CRITERIA.values(), ids=CRITERIA.keys())
def test_medians_and_divergence_limits_are_scored_by_the_database_as_rules_scores_them(
    event, judges, monkeypatch, set_based_runs, criteria, seed
):
    build(event, judges, seed, criteria=criteria, award_tiers="medals", tie_break=["P"])
    fast, slow = both_paths(event, monkeypatch)
    assert set_based_runs == [True]
    assert 0 < fast.stats["divergent"] < fast.entries
    assert_same(fast, slow)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_set_based_path_writes_the_rows_rules_writes(
    event, judges, monkeypatch, set_based_runs, scheme, seed
):
    build(event, judges, seed, **scheme)
    fast, slow = both_paths(event, monkeypatch)
    assert set_based_runs == [True]
    assert_same(fast, slow)


def test_set_based_path_places_by_recorded_draws_and_flags_missing_ones(
    event, judges, monkeypatch, set_based_runs
):
    regs = build(event, judges, 3, shared_places=False, tie_break=["time"])
    rng = random.Random(3)
    for reg in rng.sample(regs, len(regs) // 2):
        DrawLot.objects.create(event=event, registration=reg, lot=rng.randint(1, 1000))
    fast, slow = both_paths(event, monkeypatch)
    assert set_based_runs == [True]
    assert fast.stats["needs_draw"] > 0
    assert fast.rows.filter(decided_by="draw").exists()
    assert_same(fast, slow)


def test_many_criteria_are_scored_in_exact_numeric_where_bigint_could_overflow(
    event, judges, monkeypatch, set_based_runs
):
    criteria = [
        ("A", "33.33", 100, "mean", 3),
        ("B", "33.33", 10, "trimmed_mean", 5),
        ("C", "33.34", 20, "trimmed_mean", 4),
    ]
    build(event, judges, 4, criteria=criteria, tie_break=["C", "A"])
    assert not sql.fits_bigint(list(Criterion.objects.filter(event=event)))
    fast, slow = both_paths(event, monkeypatch)
    assert set_based_runs == [True]
    assert_same(fast, slow)


def test_marks_out_of_range_go_to_rules_for_its_message(event, judges, set_based_runs):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, {"T": [80, 90, 101], "P": [8] * 5}, judges)
    with pytest.raises(ValidationError) as err:
        services.compute_event(event_id=event.pk)
    assert "marks must lie in 0..100" in str(err.value)
    assert set_based_runs == [False]


def test_exact_half_cent_totals_round_up_on_both_paths(event, judges, monkeypatch):
    # T (weight 30, max 100, mean of 3): 30 x (85.5 + 85.5 + 85.55) / 300 = 25.655
    # P (weight 70, max 10, trimmed mean of 5): 70 x (3 x 8.45) / (10 x 3) = 59.15
    # total 84.805 -> 84.81 and T shown as 25.66: exact halves, rounded up.
    _, crits = make_scheme(event)
    reg = EntryFactory(event=event)
    give_marks(reg, crits, {"T": [85.5, 85.5, 85.55], "P": [8.45] * 5}, judges)
    fast, slow = both_paths(event, monkeypatch)
    [row] = fast.rows.all()
    assert row.total == Decimal("84.81")
    assert row.criteria == {"T": "25.66", "P": "59.15"}
    assert_same(fast, slow)


@pytest.mark.django_db(transaction=True)
def test_concurrent_reader_shares_the_computing_transactions_snapshot(
    contest, judges, monkeypatch, set_based_runs
):
    # Outside any transaction compute_event reads through a second connection that imports
    # its snapshot; its rows must be those of the general path all the same.
    event = EventFactory(contest=contest)
    build(event, judges, 5, award_tiers="prizes_10_20_30", tie_break=["time"])
    fast, slow = both_paths(event, monkeypatch)
    assert set_based_runs == [True]
    assert_same(fast, slow)


@pytest.mark.parametrize("name", ["", "李", "欧阳", "司马相如", "A\\B\rC", "王\t五\\六\n"])
def test_names_are_masked_in_the_database_as_mask_name_masks_them(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {mask_name_sql('n')} FROM (SELECT %s::text AS n) t", [name])
        assert cursor.fetchone()[0] == mask_name(name)
