"""Ties explained on the public leaderboard: the value that decided each place among equal
totals (issue 12.8), and a histogram whose last label is the best total."""

from decimal import Decimal

import pytest
from django.test import Client

from judging.models import Criterion
from public import selectors
from results.models import ResultRow
from tests.factories import EventFactory
from tests.public.factories import EntryFactory, ResultSnapshotFactory, row_for


@pytest.fixture
def tied_event(db):
    """Two entries tied at 90.00 told apart by the practical criterion, two at 80.00 told
    apart by completion time, one alone at 70.00; the best scores 100."""
    event = EventFactory()
    Criterion.objects.create(event=event, code="P", name="操作技能", weight=70, max_mark=100)
    snap = ResultSnapshotFactory(event=event, entries=6, ranked=6)
    plan = [
        (100, "total", {}, None),
        (90, "P", {"T": "27.00", "P": "63.00"}, None),
        (90, "P", {"T": "28.00", "P": "62.00"}, None),
        (80, "time", {"T": "25.00", "P": "55.00"}, 754),
        (80, "time", {"T": "25.00", "P": "55.00"}, 801),
        (70, "total", {"T": "20.00", "P": "50.00"}, None),
    ]
    for i, (total, decided, criteria, seconds) in enumerate(plan):
        reg = EntryFactory(event=event, completion_seconds=seconds)
        row = row_for(snap, reg, position=i + 1, total=total)
        ResultRow.objects.filter(pk=row.pk).update(decided_by=decided, criteria=criteria)
    return event, snap


def test_rows_tied_on_total_show_what_decided_their_place(tied_event):
    event, snap = tied_event
    page = selectors.leaderboard_page(selectors.rows_for(snap.pk), filtered=False)
    assert selectors.explain_ties(event.pk, page["rows"])
    cells = [r["tie_break"] for r in page["rows"]]
    assert cells[1:3] == ["操作技能 63.00", "操作技能 62.00"]
    assert "12:34" in cells[3] and "13:21" in cells[4]
    assert cells[0] == cells[5] == ""
    assert "decided_by" not in page["rows"][0] and "criteria" not in page["rows"][0]


def test_leaderboard_page_has_a_tie_break_column(tied_event):
    event, _snap = tied_event
    html = Client().get(f"/en/events/{event.pk}/leaderboard/").content.decode()
    assert "Tie-break" in html
    assert "操作技能 63.00" in html


def test_histogram_ends_at_the_best_total_not_one_above(tied_event):
    _event, snap = tied_event
    bins = selectors.distribution(snap.pk)
    assert bins[-1]["hi"] == 100
    assert bins[0]["lo"] == 70
    assert sum(b["count"] for b in bins) == 6


def test_histogram_of_equal_totals_has_a_width(db):
    event = EventFactory()
    snap = ResultSnapshotFactory(event=event, entries=2, ranked=2)
    for i in range(2):
        row_for(snap, EntryFactory(event=event), position=i + 1, total=Decimal("88.5"))
    bins = selectors.distribution(snap.pk)
    assert bins[0]["lo"] == 88 and bins[-1]["hi"] == 89
    assert sum(b["count"] for b in bins) == 2


def test_distinct_totals_without_a_recorded_decision_show_no_tie_break(db):
    event = EventFactory()
    snap = ResultSnapshotFactory(event=event, entries=3, ranked=3)
    for i in range(3):  # decided_by left blank, as on rows written before it was recorded
        row_for(snap, EntryFactory(event=event), position=i + 1, total=90 - i)
    page = selectors.leaderboard_page(selectors.rows_for(snap.pk), filtered=False)
    assert not selectors.explain_ties(event.pk, page["rows"])
    assert "Tie-break" not in Client().get(f"/en/events/{event.pk}/leaderboard/").content.decode()
