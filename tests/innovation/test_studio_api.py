import pytest
from rest_framework.test import APIClient

from innovation.models.studios import Studio
from tests.conftest import client_for
from tests.factories import EmployerFactory, OfficerFactory, WorkerFactory
from tests.innovation.factories_studios import (
    AllianceFactory,
    StudioFactory,
    StudioMemberFactory,
    seven_haves,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/innovation/studios/"


def test_anyone_lists_studios_without_personal_data():
    studio = StudioFactory()
    StudioMemberFactory(studio=studio)
    response = APIClient().get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    row = response.json()["results"][0] if "results" in response.json() else response.json()[0]
    assert row["name"] == studio.name and row["member_count"] == 1
    assert studio.leader.name not in body and studio.leader.id_number not in body
    assert studio.leader.phone not in body


def test_anonymous_cannot_register():
    assert APIClient().post(URL, {}, format="json").status_code in (401, 403)


def test_officer_registers_and_gets_400_for_a_missing_field():
    officer = OfficerFactory()
    employer = EmployerFactory(union=officer.union)
    leader = WorkerFactory(employer=employer)
    client = client_for(officer.user)
    bad = client.post(URL, {"union": officer.union.pk, "name": "x"}, format="json")
    assert bad.status_code == 400 and "employer" in bad.json()
    data = {
        "union": officer.union.pk,
        "name": "工作室",
        "employer": employer.pk,
        "leader": leader.pk,
        "field": "焊接",
        "founded_on": "2020-01-01",
    }
    response = client.post(URL, data, format="json")
    assert response.status_code == 201 and Studio.objects.filter(name="工作室").exists()


def test_officer_of_another_union_cannot_edit():
    studio = StudioFactory()
    response = client_for(OfficerFactory().user).patch(
        f"{URL}{studio.pk}/", {"field": "x"}, format="json"
    )
    assert response.status_code == 404


def test_officer_opens_a_rating_and_a_bad_year_is_400():
    studio = StudioFactory()
    client = client_for(OfficerFactory(union=studio.union).user)
    data = {"standard": seven_haves().pk, "level_sought": "city", "year": 1900}
    assert client.post(f"{URL}{studio.pk}/ratings/", data, format="json").status_code == 400
    data["year"] = 2026
    assert client.post(f"{URL}{studio.pk}/ratings/", data, format="json").status_code == 201


def test_alliance_counts_are_public():
    studio = StudioFactory(level="city")
    alliance = AllianceFactory(convener=studio.union)
    alliance.memberships.create(studio=studio, joined_on="2020-01-01")
    body = APIClient().get(f"/api/v1/innovation/alliances/{alliance.slug}/").json()
    assert body["studio_count"] == 1 and body["member_count"] == 0


def test_anyone_reads_one_studio_of_any_union_without_personal_data():
    studio = StudioFactory()
    response = APIClient().get(f"{URL}{studio.pk}/")
    assert response.status_code == 200 and response.json()["name"] == studio.name
    assert studio.leader.name not in response.content.decode()


def test_an_officer_above_the_studio_edits_it_and_reads_it_back(union_tree, officer_a):
    studio = StudioFactory(union=union_tree[1])
    response = client_for(officer_a).patch(
        f"{URL}{studio.pk}/", {"field": "燃气管网", "reason": "更正"}, format="json"
    )
    assert response.status_code == 200 and response.json()["field"] == "燃气管网"


def test_an_officer_outside_the_studio_cannot_add_a_member(union_tree, officer_c):
    studio = StudioFactory(union=union_tree[1])
    worker = WorkerFactory(employer=studio.employer)
    response = client_for(officer_c).post(
        f"{URL}{studio.pk}/members/", {"worker": worker.pk, "role": "成员"}, format="json"
    )
    assert response.status_code == 404 and not studio.members.filter(worker=worker).exists()
