"""Permission matrix for regions, unions, work units and officers.

Roles: anonymous, a worker, the officer of union A, of B (below A), of C (unrelated), and a
superuser. Anonymous gets 401 (token auth asks for credentials), a signed-in role without
the right 403; an officer reaching for a work unit outside their subtree gets 404 (it is
invisible to them), for a union outside it 403 (unions are public, so it is visible).
"""

import pytest

from unions.models import Employer, Officer, Region, Union

pytestmark = pytest.mark.django_db


# --- Regions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["anonymous", "worker_user", "officer_a", "officer_c", "superuser"]
)
def test_regions_are_public_to_read(world, as_role, role):
    response = as_role(role).get("/api/v1/regions/")
    assert response.status_code == 200
    assert response.data["count"] == Region.objects.count() >= 28


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 403),
        ("officer_b", 403),
        ("officer_c", 403),
        ("superuser", 201),
    ],
)
def test_only_superuser_creates_a_region(world, as_role, role, expected):
    jiangsu = Region.objects.get(code="320000")
    body = {"code": "320300", "name": "徐州市", "name_en": "Xuzhou", "level": "city"}
    response = as_role(role).post("/api/v1/regions/", {**body, "parent": jiangsu.pk})
    assert response.status_code == expected
    assert Region.objects.filter(code="320300").exists() == (expected == 201)


@pytest.mark.parametrize(
    "role,expected", [("anonymous", 401), ("officer_a", 403), ("superuser", 200)]
)
def test_only_superuser_renames_a_region(world, as_role, role, expected):
    region = Region.objects.get(code="320600")
    response = as_role(role).patch(f"/api/v1/regions/{region.pk}/", {"name_en": "Nan-tong"})
    assert response.status_code == expected
    region.refresh_from_db()
    assert (region.name_en == "Nan-tong") == (expected == 200)


# --- Unions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "worker_user", "officer_c", "superuser"])
def test_unions_are_public_to_read_names_only(world, as_role, role):
    response = as_role(role).get("/api/v1/unions/")
    assert response.status_code == 200
    assert {u["code"] for u in response.data["results"]} == {"A", "A-B", "C"}
    assert set(response.data["results"][0]) == {
        "id",
        "code",
        "name",
        "name_en",
        "kind",
        "parent",
        "region",
    }


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 201),
        ("officer_b", 201),
        ("officer_c", 403),
        ("superuser", 201),
    ],
)
def test_create_union_below_b(world, as_role, role, expected):
    body = {"code": "A-B-X", "name": "新工会", "parent": world["b"].pk, "region": 1}
    body["region"] = world["b"].region_id
    response = as_role(role).post("/api/v1/unions/", body)
    assert response.status_code == expected, response.data
    assert Union.objects.filter(code="A-B-X").exists() == (expected == 201)
    if expected == 201:
        assert Union.objects.get(code="A-B-X").path == "/A/A-B/A-B-X/"


@pytest.mark.parametrize("role,expected", [("officer_b", 403), ("officer_a", 201)])
def test_officer_cannot_create_a_union_above_their_own(world, as_role, role, expected):
    body = {"code": "A-Y", "name": "新工会", "parent": world["a"].pk}
    response = as_role(role).post("/api/v1/unions/", {**body, "region": world["a"].region_id})
    assert response.status_code == expected


@pytest.mark.parametrize("role,expected", [("officer_a", 403), ("superuser", 201)])
def test_only_superuser_creates_a_top_level_union(world, as_role, role, expected):
    body = {"code": "TOP", "name": "顶层工会", "region": world["a"].region_id}
    response = as_role(role).post("/api/v1/unions/", body)
    assert response.status_code == expected


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 200),
        ("officer_b", 200),
        ("officer_c", 403),
        ("superuser", 200),
    ],
)
def test_rename_union_b(world, as_role, role, expected):
    response = as_role(role).patch(f"/api/v1/unions/{world['b'].pk}/", {"name": "乙工会新名"})
    assert response.status_code == expected
    world["b"].refresh_from_db()
    assert (world["b"].name == "乙工会新名") == (expected == 200)


def test_officer_b_cannot_rename_union_a_above_them(world, as_role):
    response = as_role("officer_b").patch(f"/api/v1/unions/{world['a'].pk}/", {"name": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "role,expected",
    [("officer_a", 204), ("officer_b", 403), ("officer_c", 403), ("superuser", 204)],
)
def test_delete_empty_union_b_child(world, as_role, role, expected):
    # officer_b may not delete B (their own union); A's officer may, once it is empty.
    leaf = Union.objects.create(
        code="A-B-L",
        name="叶",
        kind="enterprise",
        parent=world["b"],
        region=world["b"].region,
        path="/A/A-B/A-B-L/",
    )
    target = leaf if role != "officer_b" else world["b"]
    response = as_role(role).delete(f"/api/v1/unions/{target.pk}/")
    assert response.status_code == expected
    assert Union.objects.filter(pk=target.pk).exists() == (expected != 204)


# --- Work units -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,expected_status,expected_names",
    [
        ("anonymous", 401, None),
        ("worker_user", 403, None),
        ("officer_a", 200, {"甲机械厂", "B"}),
        ("officer_b", 200, {"B"}),
        ("officer_c", 200, {"丙机械厂"}),
        ("superuser", 200, {"甲机械厂", "B", "丙机械厂"}),
    ],
)
def test_employer_list_is_scoped(world, as_role, role, expected_status, expected_names):
    world["employer_b"].name = "B"
    world["employer_b"].save()
    response = as_role(role).get("/api/v1/employers/")
    assert response.status_code == expected_status
    if expected_names is not None:
        assert {e["name"] for e in response.data["results"]} == expected_names


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
def test_employer_b_read(world, as_role, role, expected):
    response = as_role(role).get(f"/api/v1/employers/{world['employer_b'].pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert set(response.data) == {"id", "name", "kind", "region", "union"}


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 201),
        ("officer_b", 201),
        ("officer_c", 403),
        ("superuser", 201),
    ],
)
def test_create_employer_in_union_b(world, as_role, role, expected):
    body = {
        "name": "新单位",
        "kind": "foreign",
        "region": world["b"].region_id,
        "union": world["b"].pk,
    }
    response = as_role(role).post("/api/v1/employers/", body)
    assert response.status_code == expected
    assert Employer.objects.filter(name="新单位").exists() == (expected == 201)


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
def test_update_employer_b(world, as_role, role, expected):
    url = f"/api/v1/employers/{world['employer_b'].pk}/"
    response = as_role(role).patch(url, {"kind": "non_public"})
    assert response.status_code == expected
    world["employer_b"].refresh_from_db()
    assert (world["employer_b"].kind == "non_public") == (expected == 200)


def test_officer_b_cannot_move_employer_to_union_a(world, as_role):
    url = f"/api/v1/employers/{world['employer_b'].pk}/"
    response = as_role("officer_b").patch(url, {"union": world["a"].pk})
    assert response.status_code == 403
    world["employer_b"].refresh_from_db()
    assert world["employer_b"].union == world["b"]


@pytest.mark.parametrize(
    "role,expected",
    [("officer_a", 204), ("officer_b", 404), ("officer_c", 404), ("superuser", 204)],
)
def test_delete_employer_a(world, as_role, role, expected):
    response = as_role(role).delete(f"/api/v1/employers/{world['employer_a'].pk}/")
    assert response.status_code == expected


def test_delete_employer_with_workers_is_400_not_500(world, as_role):
    response = as_role("officer_a").delete(f"/api/v1/employers/{world['employer_b'].pk}/")
    assert response.status_code == 400
    assert Employer.objects.filter(pk=world["employer_b"].pk).exists()


# --- Officers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,expected_status,expected_usernames",
    [
        ("anonymous", 401, None),
        ("worker_user", 403, None),
        ("officer_a", 200, {"officer_a", "officer_b"}),
        ("officer_b", 200, {"officer_b"}),
        ("officer_c", 200, {"officer_c"}),
        ("superuser", 200, {"officer_a", "officer_b", "officer_c"}),
    ],
)
def test_officer_list_is_scoped(
    world, officer_a, officer_b, officer_c, as_role, role, expected_status, expected_usernames
):
    response = as_role(role).get("/api/v1/officers/")
    assert response.status_code == expected_status
    if expected_usernames is not None:
        assert {o["username"] for o in response.data["results"]} == expected_usernames
        assert all("password" not in o for o in response.data["results"])


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("worker_user", 403),
        ("officer_a", 201),
        ("officer_b", 201),
        ("officer_c", 403),
        ("superuser", 201),
    ],
)
def test_create_officer_for_union_b(world, as_role, role, expected):
    body = {"username": "new_officer", "password": "Gong-jiang-2019!", "union": world["b"].pk}
    response = as_role(role).post("/api/v1/officers/", body)
    assert response.status_code == expected
    created = Officer.objects.filter(user__username="new_officer").first()
    assert (created is not None) == (expected == 201)
    if created:
        assert created.union == world["b"]
        assert created.user.is_staff
        assert created.user.check_password("Gong-jiang-2019!")
        assert "password" not in response.data


def test_officer_b_cannot_create_officer_for_union_a(world, as_role):
    body = {"username": "new_officer", "password": "Gong-jiang-2019!", "union": world["a"].pk}
    response = as_role("officer_b").post("/api/v1/officers/", body)
    assert response.status_code == 403
    assert not Officer.objects.filter(user__username="new_officer").exists()


@pytest.mark.parametrize(
    "role,expected", [("officer_a", 204), ("officer_b", 403), ("officer_c", 404)]
)
def test_remove_officer_b(world, officer_b, as_role, role, expected):
    # officer_b may not remove their own role; C cannot see B's officers at all.
    response = as_role(role).delete(f"/api/v1/officers/{officer_b.officer.pk}/")
    assert response.status_code == expected
