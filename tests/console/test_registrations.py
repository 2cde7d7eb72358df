"""The registrations queue: the officer's subtree only, filters, team members, bulk
decisions all or nothing, and names masked outside the officer's subtree."""

import pytest
from django.urls import reverse

from contests.models import Registration
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    RegistrationFactory,
    TeamFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("console:registrations")


@pytest.fixture
def world(union_tree):
    """A contest hosted by B (run by officer_a and officer_b) with two pending entries, an
    approved one, a team entry and an entry from union C's work unit; and a contest of C."""
    _a, b, c = union_tree
    event = EventFactory(contest=ContestFactory(host_union=b, name="乙竞赛"), name="焊工")
    team_event = EventFactory(contest=event.contest, kind="team", name="班组赛")
    employer = EmployerFactory(union=b, name="乙机械厂")
    pending = [
        RegistrationFactory(event=event, worker=w, status="pending", bib=None)
        for w in WorkerFactory.create_batch(2, employer=employer)
    ]
    approved = RegistrationFactory(event=event, worker__employer=employer, bib=9001)
    members = WorkerFactory.create_batch(2, employer=employer)
    team = TeamFactory(employer=employer, name="青年突击队", leader=members[0])
    team_entry = Registration.objects.create(
        event=team_event, contest=event.contest, team=team, employer=employer, status="pending"
    )
    for m in members:
        team_entry.members.create(event=team_event, worker=m)
    foreign = RegistrationFactory(
        event=event, worker__employer=EmployerFactory(union=c), status="pending", bib=None
    )
    other = RegistrationFactory(
        event=EventFactory(contest=ContestFactory(host_union=c, name="丙竞赛")),
        worker__name="丙职工",
        status="pending",
        bib=None,
    )
    return {
        "pending": pending,
        "approved": approved,
        "team_entry": team_entry,
        "members": members,
        "foreign": foreign,
        "other": other,
    }


def rows(response) -> set[int]:
    return {row["entry"].pk for row in response.context["rows"]}


def test_a_worker_is_refused(page_client, worker_user):
    assert page_client(worker_user).get(URL).status_code == 403


def test_an_officer_sees_only_the_entries_of_contests_in_their_subtree(
    page_client, officer_a, world
):
    response = page_client(officer_a).get(URL)
    assert response.status_code == 200
    assert world["other"].pk not in rows(response)
    assert len(rows(response)) == 5
    assert "丙职工" not in response.content.decode()


def test_an_officer_of_another_subtree_sees_none_of_them(page_client, officer_c, world):
    response = page_client(officer_c).get(URL)
    assert rows(response) == {world["other"].pk}
    body = response.content.decode()
    assert "乙竞赛" not in body and world["pending"][0].worker.name not in body


def test_names_are_full_in_the_subtree_and_masked_outside_it(page_client, officer_b, world):
    body = page_client(officer_b).get(URL).content.decode()
    own = world["pending"][0].worker
    assert own.name in body
    assert reverse("console:worker", args=[own.pk]) in body
    outsider = world["foreign"].worker
    assert outsider.name not in body
    assert reverse("console:worker", args=[outsider.pk]) not in body
    assert own.id_number not in body


def test_team_entries_show_their_members(page_client, officer_a, world):
    body = page_client(officer_a).get(URL, {"q": "突击"}).content.decode()
    assert "青年突击队" in body
    for member in world["members"]:
        assert member.name in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "approved"}, ["approved"]),
        ({"q": "9001"}, ["approved"]),
        ({"status": "pending", "event": "team"}, ["team_entry"]),
    ],
)
def test_filters(page_client, officer_a, world, query, expected):
    if query.get("event") == "team":
        query["event"] = world["team_entry"].event_id
    assert rows(page_client(officer_a).get(URL, query)) == {world[k].pk for k in expected}


def test_searching_by_name_finds_own_workers_but_not_others(page_client, officer_b, world):
    own = world["pending"][0]
    assert rows(page_client(officer_b).get(URL, {"q": own.worker.name})) == {own.pk}
    outsider = world["foreign"].worker.name
    assert rows(page_client(officer_b).get(URL, {"q": outsider})) == set()


def test_a_filter_outside_the_subtree_is_a_form_error_not_a_leak(page_client, officer_a, world):
    response = page_client(officer_a).get(URL, {"contest": world["other"].contest_id})
    assert response.status_code == 200
    assert rows(response) == set()
    assert response.context["filters"].errors["contest"]
    assert "丙竞赛" not in response.content.decode()


def test_bulk_approve_decides_every_ticked_entry(page_client, officer_a, world):
    ids = [r.pk for r in world["pending"]] + [world["team_entry"].pk]
    response = page_client(officer_a).post(
        URL + "?status=pending", {"registrations": ids, "action": "approve"}
    )
    assert response.status_code == 302 and response["Location"] == URL + "?status=pending"
    assert set(Registration.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "approved"
    }


def test_bulk_approve_is_all_or_nothing_and_names_the_refused_entry(page_client, officer_a, world):
    ids = [world["pending"][0].pk, world["approved"].pk]
    response = page_client(officer_a).post(URL, {"registrations": ids, "action": "approve"})
    assert response.status_code == 200
    (error,) = response.context["bulk"].errors["registrations"]
    assert f"#{world['approved'].pk} " in error and f"#{world['pending'][0].pk} " not in error
    assert error in response.content.decode()
    assert Registration.objects.get(pk=world["pending"][0].pk).status == "pending"


def test_bulk_reject_needs_a_reason_on_its_field(page_client, officer_a, world):
    ids = [r.pk for r in world["pending"]]
    response = page_client(officer_a).post(URL, {"registrations": ids, "action": "reject"})
    assert response.context["bulk"].errors["reason"]
    assert set(Registration.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "pending"
    }
    response = page_client(officer_a).post(
        URL, {"registrations": ids, "action": "reject", "reason": "材料不全"}
    )
    assert response.status_code == 302
    assert set(Registration.objects.filter(pk__in=ids).values_list("reject_reason", flat=True)) == {
        "材料不全"
    }


def test_bulk_decisions_on_another_subtrees_entries_are_refused(page_client, officer_c, world):
    ids = [r.pk for r in world["pending"]]
    response = page_client(officer_c).post(URL, {"registrations": ids, "action": "approve"})
    assert response.status_code == 200
    assert response.context["bulk"].errors["registrations"]
    assert Registration.objects.get(pk=ids[0]).status == "pending"
