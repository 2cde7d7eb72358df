"""What each role sees of regions, unions, work units and officers.

Who may call which endpoint (the status codes) is the permission matrix,
tests/test_permission_matrix.py; these tests check the rows and fields a permitted call
returns: lists cut to the officer's union subtree, public reference data, no passwords.
"""

import pytest

from unions.models import Officer, Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["anonymous", "worker_user", "officer_c", "superuser"])
def test_regions_are_public_reference_data(world, as_role, role):
    response = as_role(role).get("/api/v1/regions/")
    assert response.data["count"] == Region.objects.count() >= 28


@pytest.mark.parametrize("role", ["anonymous", "worker_user", "officer_c", "superuser"])
def test_unions_are_public_to_read_names_only(world, as_role, role):
    response = as_role(role).get("/api/v1/unions/")
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
    "role,expected_names",
    [
        ("officer_a", {"甲机械厂", "B"}),
        ("officer_b", {"B"}),
        ("officer_c", {"丙机械厂"}),
        ("superuser", {"甲机械厂", "B", "丙机械厂"}),
    ],
)
def test_employer_list_is_scoped(world, as_role, role, expected_names):
    world["employer_b"].name = "B"
    world["employer_b"].save()
    response = as_role(role).get("/api/v1/employers/")
    assert {e["name"] for e in response.data["results"]} == expected_names


def test_employer_shows_its_public_fields(world, as_role):
    response = as_role("officer_b").get(f"/api/v1/employers/{world['employer_b'].pk}/")
    assert set(response.data) == {"id", "name", "kind", "region", "union"}


@pytest.mark.parametrize(
    "role,expected_usernames",
    [
        ("officer_a", {"officer_a", "officer_b"}),
        ("officer_b", {"officer_b"}),
        ("officer_c", {"officer_c"}),
        ("superuser", {"officer_a", "officer_b", "officer_c"}),
    ],
)
def test_officer_list_is_scoped(
    world, officer_a, officer_b, officer_c, as_role, role, expected_usernames
):
    response = as_role(role).get("/api/v1/officers/")
    assert {o["username"] for o in response.data["results"]} == expected_usernames
    assert all("password" not in o for o in response.data["results"])


def test_new_officer_is_staff_of_the_named_union_and_the_password_stays_secret(world, as_role):
    body = {"username": "new_officer", "password": "Gong-jiang-2019!", "union": world["b"].pk}
    response = as_role("officer_a").post("/api/v1/officers/", body)
    created = Officer.objects.get(user__username="new_officer")
    assert created.union == world["b"]
    assert created.user.is_staff
    assert created.user.check_password("Gong-jiang-2019!")
    assert "password" not in response.data
