"""A small contest for judging: host union A (officer_a), one event with the vocational
scheme (theory 30 + practical 70), three judges (one of them chief) and four entries."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from judging import services
from judging.models import Judge
from judging.signals import marks_changed
from tests.factories import EmployerFactory, EventFactory
from tests.judging.factories import AssignmentFactory, EntryFactory, JudgeFactory

VOCATIONAL = [
    services.CriterionData(
        code="T",
        name="理论知识",
        weight=Decimal(30),
        max_mark=Decimal(100),
        kind="measurement",
        aggregation="mean",
        judges_required=1,
    ),
    services.CriterionData(
        code="P",
        name="操作技能",
        weight=Decimal(70),
        max_mark=Decimal(100),
        kind="judgement",
        aggregation="trimmed_mean",
        judges_required=3,
        divergence_limit=Decimal(10),
        step=Decimal("0.5"),
    ),
]


@dataclass
class Contest:
    event: object
    entries: list
    judges: list[Judge]
    chief: Judge
    own_entry: object  # an entry from judges[0]'s own work unit


@pytest.fixture
def contest(union_tree, officer_a) -> Contest:
    a, b, _c = union_tree
    event = EventFactory(contest__host_union=b)
    services.replace_scheme(actor=officer_a, event=event, criteria=VOCATIONAL)
    judges = [JudgeFactory(union=a, user__username=f"judge{i}") for i in range(3)]
    for i, judge in enumerate(judges):
        AssignmentFactory(event=event, judge=judge, chief=i == 2)
    entries = [EntryFactory(event=event, worker__employer__union=b) for _ in range(3)]
    own = EntryFactory(event=event, worker__employer=judges[0].employer)
    return Contest(event, entries, judges, judges[2], own)


def mark(judge: Judge, entry, code: str, value) -> object:
    return services.record_mark(
        actor=judge.user, registration=entry, criterion_code=code, value=Decimal(str(value))
    )


@pytest.fixture
def announced():
    """The event ids judging announces through `marks_changed`: its contract with results."""
    events: list[int] = []

    def receiver(sender, event_id, **kwargs):
        events.append(event_id)

    marks_changed.connect(receiver, weak=False, dispatch_uid="tests.judging.announced")
    yield events
    marks_changed.disconnect(dispatch_uid="tests.judging.announced")


@pytest.fixture
def outside_employer(union_tree):
    return EmployerFactory(union=union_tree[2])
