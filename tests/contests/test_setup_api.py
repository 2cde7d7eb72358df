"""Officers set up series, divisions, contests and events; who may read and write what."""

import datetime as dt

import pytest
from django.utils import timezone

from contests.models import Contest, ContestSeries, Division, Event
from tests.conftest import client_for
from tests.factories import ContestFactory, EventFactory, SeriesFactory, region

pytestmark = pytest.mark.django_db


def _contest_body(series, host, **extra):
    now = timezone.now()
    return {
        "series": series.pk,
        "host_union": host.pk,
        "name": "长三角燃气行业职业技能晋级赛",
        "registration_opens": (now + dt.timedelta(days=1)).isoformat(),
        "registration_closes": (now + dt.timedelta(days=30)).isoformat(),
        **extra,
    }


def test_officer_creates_a_series_with_organisers(officer_a, union_tree):
    body = {
        "name": "长三角地区职工劳动和技能竞赛",
        "year": 2019,
        "organisers": [union_tree[0].pk, union_tree[2].pk],
        "description": "四省市总工会联合举办",
    }
    response = client_for(officer_a).post("/api/v1/series/", body, format="json")
    assert response.status_code == 201, response.content
    assert set(response.json()["organisers"]) == {union_tree[0].pk, union_tree[2].pk}


def test_series_needs_an_organiser_in_the_officers_subtree(officer_b, union_tree):
    body = {"name": "x", "year": 2019, "organisers": [union_tree[2].pk]}
    assert client_for(officer_b).post("/api/v1/series/", body, format="json").status_code == 403
    assert not ContestSeries.objects.exists()


def test_worker_cannot_create_a_series(worker_user, union_tree):
    body = {"name": "x", "year": 2019, "organisers": [union_tree[0].pk]}
    assert client_for(worker_user).post("/api/v1/series/", body, format="json").status_code == 403


def test_division_with_lead_unions(officer_a, union_tree):
    series = SeriesFactory()
    body = {
        "series": series.pk,
        "name": "G60科创走廊",
        "lead_unions": [union_tree[0].pk],
        "regions": [region("310000").pk],
    }
    response = client_for(officer_a).post("/api/v1/divisions/", body, format="json")
    assert response.status_code == 201, response.content
    assert Division.objects.get().lead_unions.get() == union_tree[0]


def test_contest_created_as_draft_by_host_officer(officer_a, union_tree):
    series = SeriesFactory()
    response = client_for(officer_a).post(
        "/api/v1/contests/", _contest_body(series, union_tree[1]), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"


def test_contest_host_outside_subtree_refused(officer_b, union_tree):
    series = SeriesFactory()
    response = client_for(officer_b).post(
        "/api/v1/contests/", _contest_body(series, union_tree[0]), format="json"
    )
    assert response.status_code == 403
    assert not Contest.objects.exists()


def test_contest_window_must_close_after_opening(officer_a, union_tree):
    series = SeriesFactory()
    body = _contest_body(series, union_tree[0])
    body["registration_closes"] = body["registration_opens"]
    response = client_for(officer_a).post("/api/v1/contests/", body, format="json")
    assert response.status_code == 400 and "registration_closes" in response.json()


def test_contest_division_of_another_series_refused(officer_a, union_tree):
    other = Division.objects.create(series=SeriesFactory(), name="燃气行业")
    body = _contest_body(SeriesFactory(), union_tree[0], division=other.pk)
    response = client_for(officer_a).post("/api/v1/contests/", body, format="json")
    assert response.status_code == 400 and "division" in response.json()


def test_status_moves_forward(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="draft")
    client = client_for(officer_a)
    for status in ["open", "closed", "judging"]:
        response = client.patch(f"/api/v1/contests/{contest.pk}/", {"status": status})
        assert response.status_code == 200, response.content
    contest.refresh_from_db()
    assert contest.status == "judging"


def test_status_step_back_refused(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="closed")
    response = client_for(officer_a).patch(f"/api/v1/contests/{contest.pk}/", {"status": "open"})
    assert response.status_code == 400 and "status" in response.json()
    contest.refresh_from_db()
    assert contest.status == "closed"


def test_officer_below_host_cannot_change_contest(officer_b, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="open")
    response = client_for(officer_b).patch(f"/api/v1/contests/{contest.pk}/", {"name": "x"})
    assert response.status_code == 403


def test_draft_contest_hidden_from_the_public(api, officer_a, officer_c, union_tree):
    draft = ContestFactory(host_union=union_tree[0], status="draft")
    shown = ContestFactory(host_union=union_tree[0], status="open")
    ids = {c["id"] for c in api.get("/api/v1/contests/").json()["results"]}
    assert ids == {shown.pk}
    ids = {c["id"] for c in client_for(officer_c).get("/api/v1/contests/").json()["results"]}
    assert ids == {shown.pk}
    ids = {c["id"] for c in client_for(officer_a).get("/api/v1/contests/").json()["results"]}
    assert ids == {draft.pk, shown.pk}


def test_event_created_with_eligibility(officer_a, contest, union_tree):
    body = {
        "contest": contest.pk,
        "name": "燃气管网运行工",
        "kind": "individual",
        "eligible_unions": [union_tree[0].pk],
        "eligible_regions": [region("310000").pk],
        "employer_kinds": ["state_owned", "non_public"],
        "min_skill_grade": 4,
        "max_skill_grade": 2,
        "min_age": 18,
        "max_age": 55,
        "quota_per_employer": 3,
    }
    response = client_for(officer_a).post("/api/v1/events/", body, format="json")
    assert response.status_code == 201, response.content
    event = Event.objects.get()
    assert event.employer_kinds == ["state_owned", "non_public"]
    assert event.eligible_regions.get().code == "310000"
    public = client_for(officer_a).get(f"/api/v1/events/{event.pk}/").json()
    assert public["quota_per_employer"] == 3 and public["min_skill_grade"] == 4


def test_event_grade_range_backwards_refused(officer_a, contest):
    body = {"contest": contest.pk, "name": "x", "min_skill_grade": 2, "max_skill_grade": 4}
    response = client_for(officer_a).post("/api/v1/events/", body, format="json")
    assert response.status_code == 400 and "max_skill_grade" in response.json()


def test_event_age_range_backwards_refused(officer_a, contest):
    body = {"contest": contest.pk, "name": "x", "min_age": 50, "max_age": 30}
    response = client_for(officer_a).post("/api/v1/events/", body, format="json")
    assert response.status_code == 400 and "max_age" in response.json()


def test_team_sizes_backwards_refused(officer_a, contest):
    body = {
        "contest": contest.pk,
        "name": "x",
        "kind": "team",
        "min_team_size": 5,
        "max_team_size": 3,
    }
    response = client_for(officer_a).post("/api/v1/events/", body, format="json")
    assert response.status_code == 400 and "max_team_size" in response.json()


def test_unknown_employer_kind_refused(officer_a, contest):
    body = {"contest": contest.pk, "name": "x", "employer_kinds": ["pirate"]}
    response = client_for(officer_a).post("/api/v1/events/", body, format="json")
    assert response.status_code == 400 and "employer_kinds" in response.json()


def test_event_in_a_contest_outside_subtree_refused(officer_c, contest):
    response = client_for(officer_c).post(
        "/api/v1/events/", {"contest": contest.pk, "name": "x"}, format="json"
    )
    assert response.status_code == 403


def test_events_are_public_to_read(api, contest):
    event = EventFactory(contest=contest)
    response = api.get("/api/v1/events/", {"contest": contest.pk})
    assert [e["id"] for e in response.json()["results"]] == [event.pk]


@pytest.mark.parametrize("path", ["series", "divisions", "contests", "events"])
def test_anonymous_cannot_write(api, path):
    assert api.post(f"/api/v1/{path}/", {}, format="json").status_code in (401, 403)


def test_put_is_not_offered(officer_a, contest):
    response = client_for(officer_a).put(f"/api/v1/contests/{contest.pk}/", {}, format="json")
    assert response.status_code == 405


def test_event_eligibility_updated_with_patch(officer_a, contest, union_tree):
    event = EventFactory(contest=contest)
    response = client_for(officer_a).patch(
        f"/api/v1/events/{event.pk}/",
        {"eligible_unions": [union_tree[1].pk], "quota_per_employer": 2},
        format="json",
    )
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert list(event.eligible_unions.all()) == [union_tree[1]]
    assert event.quota_per_employer == 2


def test_event_kind_fixed_once_entries_exist(officer_a, event, worker):
    from contests import services

    services.register(actor=worker.user, event=event, worker=worker)
    response = client_for(officer_a).patch(
        f"/api/v1/events/{event.pk}/", {"kind": "team"}, format="json"
    )
    assert response.status_code == 400 and "kind" in response.json()


def test_contest_filters(api, union_tree):
    series = SeriesFactory()
    mine = ContestFactory(series=series, host_union=union_tree[1], status="open")
    ContestFactory(host_union=union_tree[2], status="closed")
    ids = {c["id"] for c in api.get("/api/v1/contests/", {"series": series.pk}).json()["results"]}
    assert ids == {mine.pk}
    ids = {c["id"] for c in api.get("/api/v1/contests/", {"host_union": "A"}).json()["results"]}
    assert ids == {mine.pk}
    ids = {c["id"] for c in api.get("/api/v1/contests/", {"status": "closed"}).json()["results"]}
    assert mine.pk not in ids and len(ids) == 1


def test_series_update_by_an_organiser(officer_b, union_tree):
    from contests import services

    series = services.create_series(
        actor=officer_b, name="旧名称", year=2019, organisers=[union_tree[1]]
    )
    response = client_for(officer_b).patch(
        f"/api/v1/series/{series.pk}/", {"name": "新名称"}, format="json"
    )
    assert response.status_code == 200
    series.refresh_from_db()
    assert series.name == "新名称"


def test_series_update_by_a_stranger_refused(officer_b, officer_c, union_tree):
    from contests import services

    series = services.create_series(
        actor=officer_b, name="系列", year=2019, organisers=[union_tree[1]]
    )
    response = client_for(officer_c).patch(
        f"/api/v1/series/{series.pk}/", {"name": "x"}, format="json"
    )
    assert response.status_code == 403
    series.refresh_from_db()
    assert series.name == "系列"


def test_division_update_by_lead_union_officer(officer_a, officer_c, union_tree):
    division = Division.objects.create(series=SeriesFactory(), name="燃气行业")
    division.lead_unions.set([union_tree[0]])
    url = f"/api/v1/divisions/{division.pk}/"
    assert client_for(officer_c).patch(url, {"name": "x"}, format="json").status_code == 403
    assert client_for(officer_a).patch(url, {"name": "燃气"}, format="json").status_code == 200
    division.refresh_from_db()
    assert division.name == "燃气"
