"""The demo step: the seed's series, divisions and contests, entries with bibs, idempotent."""

import io

import pytest
from django.db.models import Count

from contests import demo
from contests.models import Contest, ContestSeries, Registration, RegistrationMember
from unions import demo as unions_demo
from workers import demo as workers_demo

pytestmark = pytest.mark.django_db

OPTIONS = {"workers": 400, "seed": 2019}


def _load():
    out = io.StringIO()
    for step in (unions_demo, workers_demo, demo):
        step.load(out=out, options=OPTIONS)
    return out.getvalue()


def test_demo_builds_the_seed_series_with_approved_entries():
    _load()
    series = ContestSeries.objects.get(name="长三角地区职工劳动和技能竞赛", year=2019)
    assert series.organisers.count() == 4
    assert {d.name for d in series.divisions.all()} == {
        "G60科创走廊",
        "环淀山湖战略协同区",
        "燃气行业",
    }
    assert series.divisions.get(name="G60科创走廊").regions.count() == 9
    gas = Contest.objects.get(name__contains="燃气")
    assert gas.host_union.name == "上海航天工会" and gas.status == "judging"
    kinds = set(Registration.objects.values_list("event__kind", flat=True))
    assert kinds == {"individual", "team", "achievement"}
    statuses = dict(Registration.objects.values_list("status").annotate(n=Count("id")).order_by())
    assert statuses["approved"] > 0.8 * sum(statuses.values()) and statuses.get("pending")
    approved = Registration.objects.filter(status="approved")
    assert not approved.filter(bib__isnull=True).exists()
    for contest in Contest.objects.all():
        bibs = list(approved.filter(contest=contest).values_list("bib", flat=True))
        assert len(bibs) == len(set(bibs)) and max(bibs, default=0) <= contest.last_bib


def test_demo_respects_quotas_and_single_entries():
    _load()
    for event_id, quota in Registration.objects.values_list(
        "event_id", "event__quota_per_employer"
    ).distinct():
        if quota is None:
            continue
        per_employer = (
            Registration.objects.filter(event_id=event_id, status__in=Registration.ACTIVE)
            .values("employer")
            .annotate(n=Count("id"))
        )
        assert max(r["n"] for r in per_employer) <= quota
    dupes = (
        RegistrationMember.objects.filter(active=True)
        .values("event", "worker")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not dupes.exists()


def test_demo_is_idempotent():
    _load()
    before = (Registration.objects.count(), ContestSeries.objects.count(), Contest.objects.count())
    output = _load()
    after = (Registration.objects.count(), ContestSeries.objects.count(), Contest.objects.count())
    assert before == after and "0 new entries" in output
