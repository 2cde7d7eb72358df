"""The results API: compute (202 + task), publish, results with masking, awards, draws,
promotions, and the command line."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.models import TaskRecord
from results import services
from results.models import ResultSnapshot
from tests.conftest import client_for
from tests.results.factories import EntryFactory, give_marks, make_scheme

GOOD = {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}  # 81.50
BEST = {"T": [100, 100, 100], "P": [10, 10, 10, 10, 10]}  # 100.00

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(event, judges):
    _, crits = make_scheme(event, award_tiers="prizes_10_20_30")
    a = EntryFactory(event=event, worker__name="李建兵")
    b = EntryFactory(event=event, worker__name="王芳")
    give_marks(a, crits, GOOD, judges)
    give_marks(b, crits, BEST, judges)
    return a, b


def test_compute_returns_202_with_a_task_that_ran(
    scored, event, officer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(f"/api/v1/events/{event.pk}/compute/")
    assert response.status_code == 202
    record = TaskRecord.objects.get(pk=response.data["task"])
    assert record.state == TaskRecord.State.SUCCESS and record.owner == officer_a
    assert ResultSnapshot.objects.get(event=event, is_current=True).version == 1
    task = client_for(officer_a).get(response.data["url"])
    assert task.status_code == 200 and task.data["state"] == "SUCCESS"


def test_contest_compute_computes_events_and_awards(
    scored, contest, officer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(f"/api/v1/contests/{contest.pk}/compute/")
    assert response.status_code == 202
    record = TaskRecord.objects.get(pk=response.data["task"])
    assert (record.state, record.progress, record.total) == ("SUCCESS", 2, 2)
    assert contest.award_snapshots.get(is_current=True)


@pytest.mark.parametrize("who", ["anonymous", "worker", "other_officer"])
def test_compute_is_refused_to_others(scored, event, who, api, worker_user, officer_c):
    client = {
        "anonymous": api,
        "worker": client_for(worker_user),
        "other_officer": client_for(officer_c),
    }[who]
    response = client.post(f"/api/v1/events/{event.pk}/compute/")
    assert response.status_code in (401, 403, 404)
    assert not TaskRecord.objects.exists()


def test_public_sees_only_published_results_with_masked_names(scored, event, officer_a, api):
    services.compute_event(event_id=event.pk)
    assert api.get(f"/api/v1/events/{event.pk}/results/").data["results"] == []
    services.publish_event(actor=officer_a, event=event)
    data = api.get(f"/api/v1/events/{event.pk}/results/").data
    first, second = data["results"]
    # 2 ranked entries: 10 % -> round(0.2) = 0 places, 20 % -> 0, 30 % -> round(0.6) = 1:
    # cut-offs 0, 0, 1, so the winner's tier is 三等奖 and the second gets none
    assert (first["rank"], first["total"], first["name"], first["tier"]) == (
        1,
        "100.00",
        "王*",
        "三等奖",
    )
    assert second["tier"] is None
    assert (second["rank"], second["total"], second["name"]) == (2, "81.50", "李*兵")
    assert second["criteria"] == {"T": "25.50", "P": "56.00"}
    assert set(first) >= {
        "registration", "bib", "rank", "total", "standardised", "criteria", "penalties",
        "tier", "promotion", "name", "employer", "region",
    }  # fmt: skip


def test_officer_sees_provisional_results_with_full_names(scored, event, officer_a, api):
    services.compute_event(event_id=event.pk)
    data = client_for(officer_a).get(f"/api/v1/events/{event.pk}/results/?provisional=1").data
    assert [r["name"] for r in data["results"]] == ["王芳", "李建兵"]
    # the public asking for provisional results still gets the published ones (none)
    assert api.get(f"/api/v1/events/{event.pk}/results/?provisional=1").data["results"] == []


def test_publish_refuses_incomplete_without_reason_with_400(event, judges, officer_a):
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, {"T": [90]}, judges)
    services.compute_event(event_id=event.pk)
    client = client_for(officer_a)
    response = client.post(f"/api/v1/events/{event.pk}/publish/", {})
    assert response.status_code == 400 and "override_reason" in response.data
    response = client.post(f"/api/v1/events/{event.pk}/publish/", {"override_reason": "一人缺考"})
    assert response.status_code == 200 and response.data["override_reason"] == "一人缺考"


def test_contest_publish_and_awards(scored, contest, event, officer_a, api):
    services.compute_event(event_id=event.pk)
    assert api.get(f"/api/v1/contests/{contest.pk}/awards/").data["version"] is None
    response = client_for(officer_a).post(f"/api/v1/contests/{contest.pk}/publish/", {})
    assert response.status_code == 200
    data = api.get(f"/api/v1/contests/{contest.pk}/awards/").data
    [gold] = data["lists"]["gold_worker"]
    assert (gold["name"], gold["score"], gold["rank"]) == ("王*", "100.00", 1)


def test_draw_endpoint_records_lots(event, judges, officer_a, django_capture_on_commit_callbacks):
    _, crits = make_scheme(event, shared_places=False)
    a, b = EntryFactory(event=event), EntryFactory(event=event)
    give_marks(a, crits, GOOD, judges)
    give_marks(b, crits, GOOD, judges)
    lots = [{"registration": a.pk, "lot": 1}, {"registration": b.pk, "lot": 2}]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(f"/api/v1/events/{event.pk}/draw/", {"lots": lots})
    assert response.status_code == 201
    snap = ResultSnapshot.objects.get(event=event, is_current=True)
    assert [(r.registration_id, r.rank) for r in snap.rows.order_by("position")] == [
        (a.pk, 1),
        (b.pk, 2),
    ]


def test_draw_with_a_foreign_entry_is_a_400(event, judges, officer_a):
    make_scheme(event, shared_places=False)
    other = EntryFactory()
    response = client_for(officer_a).post(
        f"/api/v1/events/{event.pk}/draw/", {"lots": [{"registration": other.pk, "lot": 1}]}
    )
    assert response.status_code == 400 and "lots" in response.data


def test_promotion_apply_endpoint(event, judges, officer_a):
    _, crits = make_scheme(event, promotion={"within_rank": 1})
    reg = EntryFactory(event=event, worker__skill_grade=2)
    give_marks(reg, crits, GOOD, judges)
    services.compute_event(event_id=event.pk)
    services.publish_event(actor=officer_a, event=event)
    response = client_for(officer_a).post(f"/api/v1/events/{event.pk}/promotions/apply/")
    assert response.status_code == 200
    assert response.data["applied"] == [{"worker": reg.worker_id, "from_grade": 2, "to_grade": 1}]


def test_compute_results_command(scored, contest, event):
    out, err = StringIO(), StringIO()
    call_command("compute_results", "--contest", str(contest.pk), stdout=out, stderr=err)
    assert "version 1, 2/2 ranked" in out.getvalue()
    assert contest.award_snapshots.get(is_current=True)
