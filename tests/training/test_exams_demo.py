"""The demo's finished online test: its scores become the theory marks; run twice, once."""

from __future__ import annotations

import io

import pytest

from judging.models import Mark, MarkLog
from tests.factories import ContestFactory, EventFactory, OfficerFactory, RegistrationFactory
from tests.training.exams_fixtures import make_event
from training import demo_tests
from training.models import Attempt, OnlineTest

pytestmark = pytest.mark.django_db


def test_demo_test_is_graded_into_the_theory_marks_once(union_tree):
    OfficerFactory(union=union_tree[0])
    event, theory, _p = make_event(union_tree[1])
    event.contest.name = "航天杯·电子设备装接工技能竞赛"
    event.contest.save(update_fields=["name"])
    event.name = demo_tests.EVENT
    event.save(update_fields=["name"])
    regs = [RegistrationFactory(event=event) for _ in range(8)]
    out = io.StringIO()
    demo_tests.load(out=out, options={})
    test = OnlineTest.objects.get()
    assert test.status == OnlineTest.Status.GRADED
    sat = Attempt.objects.filter(test=test).count()
    assert 0 < sat < len(regs)
    # Every entrant has a mark: those who never sat score 0.
    assert Mark.objects.filter(criterion=theory).count() == len(regs)
    assert MarkLog.objects.filter(criterion_code="T").count() == len(regs)
    sitters = Attempt.objects.filter(test=test).values("registration_id")
    absent = Mark.objects.filter(criterion=theory).exclude(registration_id__in=sitters)
    assert absent.count() == len(regs) - sat
    assert set(absent.values_list("value", flat=True)) == {0}
    demo_tests.load(out=out, options={})
    assert OnlineTest.objects.count() == 1
    assert Mark.objects.filter(criterion=theory).count() == len(regs)
    assert "already there" in out.getvalue()


def test_demo_leaves_an_event_without_it_alone(union_tree):
    ContestFactory()
    EventFactory()
    out = io.StringIO()
    demo_tests.load(out=out, options={})
    assert not OnlineTest.objects.exists()
