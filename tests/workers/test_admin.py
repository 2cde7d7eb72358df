"""The Django admin, as a union officer uses it: scoped, masked, in Chinese or English."""

import pytest
from django.test import Client

from core.validators import mask_id_number

pytestmark = pytest.mark.django_db


def admin_client(user) -> Client:
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_officer_sees_workers_of_their_subtree_masked(world, officer_a):
    worker = world["worker"]
    page = admin_client(officer_a).get("/admin/workers/worker/").content.decode()
    assert worker.name in page
    assert mask_id_number(worker.id_number) in page
    assert worker.id_number not in page and worker.phone not in page


def test_officer_of_an_unrelated_union_does_not_see_them(world, officer_c):
    client = admin_client(officer_c)
    assert world["worker"].name not in client.get("/admin/workers/worker/").content.decode()
    assert client.get(f"/admin/workers/worker/{world['worker'].pk}/change/").status_code in (
        302,
        404,
    )


def test_admin_speaks_chinese_by_default_and_english_under_en(world, officer_a):
    client = admin_client(officer_a)
    assert "职工" in client.get("/admin/workers/worker/").content.decode()
    assert "Workers" in client.get("/en/admin/workers/worker/").content.decode()


def test_officer_adds_a_worker_through_the_admin_with_rules_checked(world, officer_b):
    client = admin_client(officer_b)
    response = client.post(
        "/admin/workers/worker/add/",
        {
            "name": "新职工",
            "id_number": "123",
            "phone": "",
            "employer": world["employer_b"].pk,
            "occupation": "焊工",
            "skill_grade": 3,
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "18位" in response.content.decode()
