"""Who reads which entries, masking of personal data, and the list filters."""

import pytest

from contests import services
from core.validators import mask_name
from tests.conftest import client_for
from tests.factories import EmployerFactory, EventFactory, UnionFactory, WorkerFactory, region

pytestmark = pytest.mark.django_db

URL = "/api/v1/registrations/"


def ids(response):
    assert response.status_code == 200, response.content
    return {r["id"] for r in response.json()["results"]}


@pytest.fixture
def entries(event, worker, union_tree):
    other = WorkerFactory(employer=EmployerFactory(union=union_tree[0]))
    return (
        services.register(actor=worker.user, event=event, worker=worker),
        services.register(actor=other.user, event=event, worker=other),
    )


def test_anonymous_cannot_list_entries(api, entries):
    assert api.get(URL).status_code in (401, 403)


def test_host_officer_sees_all_entries_with_masked_names(officer_a, entries, worker):
    response = client_for(officer_a).get(URL)
    assert ids(response) == {e.pk for e in entries}
    names = {r["entrant_name"] for r in response.json()["results"]}
    assert mask_name(worker.name) in names and worker.name not in names
    assert "id_number" not in response.content.decode() and worker.phone not in (
        response.content.decode()
    )


def test_officer_sees_entries_of_own_workers_only(officer_b, entries):
    assert ids(client_for(officer_b).get(URL)) == {entries[0].pk}


def test_unrelated_officer_sees_nothing(officer_c, entries):
    assert ids(client_for(officer_c).get(URL)) == set()


def test_worker_sees_own_entries_unmasked(worker, entries):
    response = client_for(worker.user).get(URL)
    assert ids(response) == {entries[0].pk}
    assert response.json()["results"][0]["entrant_name"] == worker.name


def test_team_member_sees_the_team_entry(team_event, team):
    reg = services.register(actor=team.leader.user, event=team_event, team=team)
    member = team.members.exclude(pk=team.leader_id).first()
    assert ids(client_for(member.user).get(URL)) == {reg.pk}


def test_filter_by_status_and_event(officer_a, entries, event):
    services.approve_registration(actor=officer_a, registration=entries[0])
    client = client_for(officer_a)
    assert ids(client.get(URL, {"status": "approved"})) == {entries[0].pk}
    assert ids(client.get(URL, {"event": event.pk, "status": "pending"})) == {entries[1].pk}
    assert ids(client.get(URL, {"event": EventFactory(contest=event.contest).pk})) == set()


def test_filter_by_contest_series_division(officer_a, entries, event):
    client = client_for(officer_a)
    assert ids(client.get(URL, {"contest": event.contest_id})) == {e.pk for e in entries}
    assert ids(client.get(URL, {"series": event.contest.series_id})) == {e.pk for e in entries}
    assert ids(client.get(URL, {"division": 999999})) == set()


def test_filter_by_employer_and_union_subtree(officer_a, entries, worker, union_tree):
    client = client_for(officer_a)
    assert ids(client.get(URL, {"employer": worker.employer_id})) == {entries[0].pk}
    assert ids(client.get(URL, {"union": union_tree[1].code})) == {entries[0].pk}
    assert ids(client.get(URL, {"union": union_tree[0].code})) == {e.pk for e in entries}


def test_filter_by_region_subtree(officer_a, event, union_tree):
    js = region("320000")
    suzhou = js.children.first() or js
    local = WorkerFactory(
        employer=EmployerFactory(union=UnionFactory(parent=union_tree[0]), region=suzhou)
    )
    reg = services.register(actor=local.user, event=event, worker=local)
    client = client_for(officer_a)
    assert ids(client.get(URL, {"region": "320000"})) == {reg.pk}
