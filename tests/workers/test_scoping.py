"""What each role sees of workers and teams, and the masking of personal data.

Who may call which endpoint (the status codes) is the permission matrix,
tests/test_permission_matrix.py; these tests check the rows and fields a permitted call
returns. A worker or team outside an officer's subtree is invisible to them.
"""

import pytest

from core.validators import mask_id_number, mask_phone
from workers.models import Team, Worker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,sees_worker",
    [("officer_a", True), ("officer_b", True), ("officer_c", False), ("superuser", True)],
)
def test_worker_list_is_scoped_to_the_union_subtree(world, as_role, role, sees_worker):
    response = as_role(role).get("/api/v1/workers/")
    ids = [w["id"] for w in response.data["results"]]
    assert (world["worker"].pk in ids) == sees_worker


@pytest.mark.parametrize("role", ["officer_a", "officer_b", "superuser"])
def test_officers_see_id_number_and_phone_masked(world, as_role, role):
    worker = world["worker"]
    data = as_role(role).get(f"/api/v1/workers/{worker.pk}/").data
    assert data["id_number"] == mask_id_number(worker.id_number) != worker.id_number
    assert data["phone"] == mask_phone(worker.phone) != worker.phone
    listed = as_role(role).get("/api/v1/workers/").data["results"]
    assert worker.id_number not in str(listed) and worker.phone not in str(listed)


def test_officer_b_cannot_move_a_worker_to_a_work_unit_of_union_a(world, as_role):
    worker = world["worker"]
    response = as_role("officer_b").patch(
        f"/api/v1/workers/{worker.pk}/", {"employer": world["employer_a"].pk}
    )
    assert response.status_code == 400
    assert "employer" in response.data


def test_officer_cannot_change_an_id_number(world, as_role):
    worker = world["worker"]
    response = as_role("officer_a").patch(
        f"/api/v1/workers/{worker.pk}/", {"id_number": "110101199001011237"}
    )
    assert response.status_code == 400 and "id_number" in response.data


def test_a_worker_reads_their_own_record_in_full(world, as_role):
    response = as_role("worker_user").get("/api/v1/workers/me/")
    assert response.data["id_number"] == world["worker"].id_number


def test_workers_filter_by_union_subtree_and_skill_grade(world, as_role):
    client = as_role("superuser")
    by_union = client.get("/api/v1/workers/", {"union": world["a"].code}).data["results"]
    assert [w["id"] for w in by_union] == [world["worker"].pk]
    none = client.get("/api/v1/workers/", {"union": world["c"].code}).data["results"]
    assert none == []
    graded = client.get("/api/v1/workers/", {"skill_grade": [1, 2]}).data["results"]
    assert all(w["skill_grade"] in (1, 2) for w in graded)


# --- Teams ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,sees",
    [
        ("worker_user", True),  # the worker leads team B
        ("officer_a", True),
        ("officer_b", True),
        ("officer_c", False),
        ("superuser", True),
    ],
)
def test_team_list_is_scoped(world, as_role, role, sees):
    response = as_role(role).get("/api/v1/teams/")
    assert (world["team_b"].pk in [t["id"] for t in response.data["results"]]) == sees


def test_team_member_from_another_work_unit_is_refused(world, as_role):
    stranger = Worker.objects.create(
        name="外人",
        id_number="11010119900101123X",
        birth_date="1990-01-01",
        sex="M",
        employer=world["employer_a"],
    )
    response = as_role("officer_a").post(
        "/api/v1/teams/",
        {"name": "混编班组", "employer": world["employer_b"].pk, "members": [stranger.pk]},
    )
    assert response.status_code == 400
    assert "members" in response.data
    assert not Team.objects.filter(name="混编班组").exists()
