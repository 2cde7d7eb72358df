from decimal import Decimal

import pytest

from judging import services
from judging.selectors import judging_status
from tests.conftest import client_for
from tests.factories import EventFactory
from tests.judging.conftest import mark
from tests.judging.factories import AssignmentFactory, EntryFactory, JudgeFactory

pytestmark = pytest.mark.django_db


def scheme(officer, event, *criteria):
    services.replace_scheme(
        actor=officer, event=event, criteria=[services.CriterionData(**c) for c in criteria]
    )


@pytest.fixture
def panel(union_tree, officer_a):
    """An event in union B with five judges of union A and two entries."""

    def build(*criteria, judges=5, entries=2):
        event = EventFactory(contest__host_union=union_tree[1])
        scheme(officer_a, event, *criteria)
        panel = [JudgeFactory(union=union_tree[0]) for _ in range(judges)]
        for j in panel:
            AssignmentFactory(event=event, judge=j)
        regs = [
            EntryFactory(event=event, worker__employer__union=union_tree[1]) for _ in range(entries)
        ]
        return event, panel, regs

    return build


def give(panel, entry, code, values):
    for judge, value in zip(panel, values, strict=False):
        mark(judge, entry, code, value)


WORLDSKILLS = {
    "code": "J",
    "name": "评判",
    "weight": Decimal(100),
    "max_mark": Decimal(3),
    "kind": "judgement",
    "aggregation": "mean",
    "judges_required": 3,
    "divergence_limit": Decimal(1),
    "step": Decimal(1),
}


def test_worldskills_marks_differing_by_more_than_one_diverge(panel):
    event, judges, (a, b) = panel(WORLDSKILLS, judges=3)
    give(judges, a, "J", [3, 2, 2])
    give(judges, b, "J", [3, 1, 2])
    status = judging_status(event)
    assert [(d["bib"], d["criterion"], d["spread"]) for d in status["divergent"]] == [
        (b.bib, "J", "2.00")
    ]
    rows = {r["bib"]: r for r in status["entries"]}
    assert rows[a.bib]["complete"] and not rows[b.bib]["complete"]
    assert rows[b.bib]["divergent"] == ["J"]
    assert status["complete"] is False
    assert status["summary"]["divergent_entries"] == 1


def test_re_marking_closes_the_divergence(panel, officer_a):
    event, judges, (a, b) = panel(WORLDSKILLS, judges=3)
    give(judges, a, "J", [3, 2, 2])
    give(judges, b, "J", [3, 1, 2])
    mark(judges[1], b, "J", 2)
    assert judging_status(event)["complete"] is True


def test_missing_marks_are_counted_per_entry_and_criterion(panel):
    event, judges, (a, b) = panel(WORLDSKILLS, judges=3)
    give(judges, a, "J", [2, 2])
    status = judging_status(event)
    rows = {r["bib"]: r for r in status["entries"]}
    assert rows[a.bib]["criteria"]["J"] | {"spread": None} == {
        "marks": 2,
        "required": 3,
        "missing": 1,
        "divergent": False,
        "spread": None,
    }
    assert rows[b.bib]["missing"] == 3
    assert status["summary"]["missing_marks"] == 4
    assert status["summary"]["incomplete_entries"] == 2
    assert status["complete"] is False


def test_vocational_five_judges_trimmed_mean_complete(panel):
    theory = {
        "code": "T",
        "name": "理论",
        "weight": Decimal(30),
        "max_mark": Decimal(100),
        "kind": "measurement",
        "judges_required": 1,
    }
    practical = {
        "code": "P",
        "name": "实操",
        "weight": Decimal(70),
        "max_mark": Decimal(100),
        "aggregation": "trimmed_mean",
        "judges_required": 5,
    }
    event, judges, entries = panel(theory, practical)
    for e in entries:
        mark(judges[0], e, "T", 88)
        give(judges, e, "P", [90, 85, 80, 20, 99])
    status = judging_status(event)
    assert status["complete"] is True
    assert status["divergent"] == []  # no limit given: wide spreads are the panel's call
    assert status["summary"]["marks_present"] == status["summary"]["marks_required"] == 12


def test_gymnastics_tolerance_ignores_the_trimmed_outliers(panel):
    execution = {
        "code": "E",
        "name": "完成",
        "weight": Decimal(100),
        "max_mark": Decimal(10),
        "aggregation": "trimmed_mean",
        "judges_required": 5,
        "divergence_limit": Decimal("0.3"),
        "step": Decimal("0.1"),
    }
    event, judges, (a, b) = panel(execution)
    give(judges, a, "E", ["9.1", "9.2", "9.3", "5.0", "10"])  # kept 9.1..9.3: spread 0.2
    give(judges, b, "E", ["9.0", "9.5", "9.3", "5.0", "10"])  # kept 9.0..9.5: spread 0.5
    status = judging_status(event)
    assert [(d["bib"], d["spread"]) for d in status["divergent"]] == [(b.bib, "0.50")]


def test_status_without_a_scheme_is_not_complete(union_tree):
    event = EventFactory(contest__host_union=union_tree[1])
    EntryFactory(event=event)
    assert judging_status(event)["complete"] is False


def test_unapproved_and_disqualified_entries_need_no_marks(panel):
    event, judges, (a, b) = panel(WORLDSKILLS, judges=3)
    give(judges, a, "J", [2, 2, 2])
    EntryFactory(event=event, status="pending", bib=None)
    b.disqualified = True
    b.save()
    assert judging_status(event)["complete"] is True


def test_status_api_for_officer_and_chief_judge_only(contest, officer_a, officer_c):
    url = f"/api/v1/events/{contest.event.pk}/judging-status/"
    body = client_for(officer_a).get(url).json()
    assert body["complete"] is False
    assert {r["bib"] for r in body["entries"]} == {
        e.bib for e in [*contest.entries, contest.own_entry]
    }
    assert client_for(contest.chief.user).get(url).status_code == 200
    assert client_for(contest.judges[1].user).get(url).status_code == 403
    assert client_for(officer_c).get(url).status_code == 403
    worker = contest.entries[0].worker
    assert worker.name not in client_for(officer_a).get(url).content.decode()
