"""Permission matrix for workers and teams, and masking of personal data.

Roles: anonymous, a worker (of union B), the officer of union A, of B (below A), of C
(unrelated), and a superuser. A worker or team outside an officer's subtree is invisible to
them (404), so its existence does not leak.
"""

import pytest

from core.validators import mask_id_number, mask_phone
from workers.models import Team, Worker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,expected,sees_worker",
    [
        ("anonymous", 401, False),
        ("worker_user", 403, False),
        ("officer_a", 200, True),
        ("officer_b", 200, True),
        ("officer_c", 200, False),
        ("superuser", 200, True),
    ],
)
def test_worker_list_is_scoped_to_the_union_subtree(world, as_role, role, expected, sees_worker):
    response = as_role(role).get("/api/v1/workers/")
    assert response.status_code == expected
    if expected == 200:
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


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 200),
        ("officer_b", 200),
        ("officer_c", 404),
        ("superuser", 200),
    ],
)
def test_update_worker_of_union_b(world, as_role, role, expected):
    worker = world["worker"]
    response = as_role(role).patch(f"/api/v1/workers/{worker.pk}/", {"occupation": "焊工"})
    assert response.status_code == expected
    worker.refresh_from_db()
    assert (worker.occupation == "焊工") == (expected == 200)


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


@pytest.mark.parametrize(
    "role,expected", [("anonymous", 401), ("officer_a", 403), ("worker_user", 200)]
)
def test_only_a_worker_has_a_me_record(world, as_role, role, expected):
    response = as_role(role).get("/api/v1/workers/me/")
    assert response.status_code == expected
    if expected == 200:
        assert response.data["id_number"] == world["worker"].id_number  # own: in full


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
    "role,expected,sees",
    [
        ("anonymous", 401, False),
        ("worker_user", 200, True),  # the worker leads team B
        ("officer_a", 200, True),
        ("officer_b", 200, True),
        ("officer_c", 200, False),
        ("superuser", 200, True),
    ],
)
def test_team_list_is_scoped(world, as_role, role, expected, sees):
    response = as_role(role).get("/api/v1/teams/")
    assert response.status_code == expected
    if expected == 200:
        assert (world["team_b"].pk in [t["id"] for t in response.data["results"]]) == sees


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 201),
        ("officer_b", 201),
        ("officer_c", 400),  # work unit B is not one officer C can name
        ("superuser", 201),
    ],
)
def test_create_team_in_employer_b(world, as_role, role, expected):
    response = as_role(role).post(
        "/api/v1/teams/",
        {
            "name": "新班组",
            "employer": world["employer_b"].pk,
            "leader": world["worker"].pk,
            "members": [world["worker"].pk],
        },
    )
    assert response.status_code == expected
    assert Team.objects.filter(name="新班组").exists() == (expected == 201)


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


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 204),
        ("officer_b", 204),
        ("officer_c", 404),
        ("superuser", 204),
    ],
)
def test_delete_team_b(world, as_role, role, expected):
    response = as_role(role).delete(f"/api/v1/teams/{world['team_b'].pk}/")
    assert response.status_code == expected
    assert Team.objects.filter(pk=world["team_b"].pk).exists() == (expected != 204)
