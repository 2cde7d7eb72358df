import io

import pytest

from contests.models import Contest
from results import demo
from results.models import AwardSnapshot, ResultSnapshot
from tests.results.factories import EntryFactory, give_marks, make_scheme

pytestmark = pytest.mark.django_db


def test_demo_without_marks_does_nothing_gracefully(event):
    make_scheme(event)
    out = io.StringIO()
    demo.load(out=out, options={})
    assert "no contest with marks" in out.getvalue()
    assert not ResultSnapshot.objects.exists()


def test_demo_computes_and_publishes_each_contest_once(contest, event, judges, officer_a):
    _, crits = make_scheme(event, award_tiers="prizes_10_20_30")
    give_marks(EntryFactory(event=event), crits, {"T": [90] * 3, "P": [9] * 5}, judges)
    give_marks(EntryFactory(event=event), crits, {"T": [90] * 2}, judges)  # incomplete
    demo.load(out=io.StringIO(), options={})
    contest.refresh_from_db()
    assert contest.status == Contest.Status.PUBLISHED
    snap = ResultSnapshot.objects.get(event=event, is_public=True)
    assert snap.override_reason == demo.OVERRIDE
    assert AwardSnapshot.objects.get(contest=contest, is_public=True)
    demo.load(out=io.StringIO(), options={})  # idempotent
    assert ResultSnapshot.objects.filter(event=event).count() == 1
