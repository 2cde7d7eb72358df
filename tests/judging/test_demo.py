import io
import statistics
from collections import Counter

import pytest

from judging import demo
from judging.models import Criterion, Judge, JudgeAssignment, Mark, MarkLog, ScoringScheme
from judging.selectors import judging_status
from results.services import compute_event
from tests.factories import EmployerFactory, EventFactory, UnionFactory
from tests.judging.factories import EntryFactory

pytestmark = pytest.mark.django_db


def run():
    demo.load(out=io.StringIO(), options={"seed": 2019})


def test_demo_without_events_does_nothing(union_tree):
    run()
    assert not Judge.objects.exists()
    assert not ScoringScheme.objects.exists()


@pytest.fixture
def small_contest(union_tree):
    EmployerFactory.create_batch(12, union=union_tree[0])  # work units for the judges
    individual = EventFactory(contest__host_union=union_tree[1])
    team = EventFactory(contest=individual.contest, kind="team")
    for event in (individual, team):
        EntryFactory.create_batch(40, event=event, worker__employer__union=union_tree[1])
    EntryFactory(event=individual, status="pending", bib=None)
    return individual, team


def test_demo_judges_every_event_completely_with_a_few_divergences(small_contest):
    individual, team = small_contest
    run()
    assert list(Criterion.objects.filter(event=individual).values_list("code", "weight")) == [
        ("T", 30),
        ("P", 70),
    ]
    assert Criterion.objects.get(event=team, code="Q").max_mark == 10
    assert ScoringScheme.objects.get(event=individual).tie_break == ["time", "P", "T"]
    for event, panel in ((individual, 5), (team, 3)):
        assert JudgeAssignment.objects.filter(event=event).count() == panel
        assert JudgeAssignment.objects.filter(event=event, chief=True).count() == 1
        status = judging_status(event)
        assert status["summary"]["missing_marks"] == 0
        assert status["summary"]["unconfirmed_marks"] == 0
    divergent = sum(len(judging_status(e)["divergent"]) for e in small_contest)
    assert divergent >= 1
    assert MarkLog.objects.count() == 3 * Mark.objects.count()
    judge_units = set(Judge.objects.values_list("employer_id", flat=True))
    entrant_units = set(Mark.objects.values_list("registration__employer_id", flat=True).distinct())
    assert not judge_units & entrant_units


def test_demo_is_idempotent(small_contest):
    run()
    counts = (Judge.objects.count(), Mark.objects.count(), MarkLog.objects.count())
    run()
    assert (Judge.objects.count(), Mark.objects.count(), MarkLog.objects.count()) == counts


def test_demo_judges_belong_to_the_lowest_union_above_every_host(small_contest, union_tree):
    _a, b, _c = union_tree
    run()  # both events are hosted by B
    assert set(Judge.objects.values_list("union", flat=True)) == {b.pk}


def test_demo_judges_of_hosts_in_two_subtrees_belong_to_their_common_ancestor(union_tree):
    a, b, _c = union_tree
    below_b = UnionFactory(code="A-B-D", parent=b)
    EmployerFactory.create_batch(12, union=a)
    for host in (b, below_b):
        EntryFactory.create_batch(3, event=EventFactory(contest__host_union=host))
    sibling = UnionFactory(code="A-E", parent=a)
    EntryFactory.create_batch(3, event=EventFactory(contest__host_union=sibling))
    run()
    assert set(Judge.objects.values_list("union", flat=True)) == {a.pk}


@pytest.fixture
def big_event(union_tree):
    EmployerFactory.create_batch(12, union=union_tree[0])
    event = EventFactory(contest__host_union=union_tree[1], kind="team")
    EntryFactory.create_batch(300, event=event, worker__employer__union=union_tree[1])
    return event


def test_demo_marks_spread_like_a_real_contest_with_few_perfect_scores_and_few_ties(big_event):
    run()
    totals = [
        row.total
        for row in compute_event(event_id=big_event.pk).rows.all()
        if row.total is not None
    ]
    assert len(totals) == 300
    assert 74 <= statistics.mean(totals) <= 82 and 5 <= statistics.pstdev(totals) <= 11
    assert sum(t == 100 for t in totals) <= 6  # 2 %
    assert max(Counter(totals).values()) <= 6
    assert len(set(totals)) >= 0.75 * len(totals)
