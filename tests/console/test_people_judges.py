"""Judge accounts in the console (/manage/judges/): list of the subtree, create, reset a
password, deactivate and reactivate."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from judging.models import Judge
from tests.judging.factories import JudgeFactory

pytestmark = pytest.mark.django_db
URL = reverse("console:judges")


@pytest.fixture
def judge(union_tree):
    return JudgeFactory(union=union_tree[1], name="王裁判", user__username="wang")


def test_a_worker_is_refused(page_client, worker_user):
    assert page_client(worker_user).get(URL).status_code == 403


def test_officer_sees_the_judges_of_their_subtree_only(page_client, officer_a, union_tree, judge):
    JudgeFactory(union=union_tree[2], name="丙裁判")
    body = page_client(officer_a).get(URL).content.decode()
    assert "王裁判" in body
    assert "丙裁判" not in body


def test_an_officer_of_another_subtree_sees_no_row_and_changes_nothing(
    page_client, officer_c, judge
):
    client = page_client(officer_c)
    assert "王裁判" not in client.get(URL).content.decode()
    password = reverse("console:judge-password", kwargs={"pk": judge.pk})
    active = reverse("console:judge-active", kwargs={"pk": judge.pk})
    assert client.post(password, {"password": ""}).status_code == 404
    assert client.post(active, {"active": "0"}).status_code == 404
    judge.user.refresh_from_db()
    assert judge.user.is_active
    assert authenticate(username="wang", password="Str0ng-pass!") == judge.user


def test_officer_creates_a_judge_with_a_password_shown_once(page_client, officer_a, union_tree):
    data = {"username": "li", "name": "李裁判", "union": union_tree[1].pk, "password": ""}
    response = page_client(officer_a).post(URL, data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert f'<code id="one-time-password">{password}</code>' in response.content.decode()
    judge = Judge.objects.get(user__username="li")
    assert (judge.name, judge.union) == ("李裁判", union_tree[1])
    assert authenticate(username="li", password=password) == judge.user


def test_a_taken_username_is_refused_on_the_field(page_client, officer_a, union_tree, judge):
    data = {"username": "wang", "name": "另一位", "union": union_tree[0].pk, "password": ""}
    response = page_client(officer_a).post(URL, data)
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


def test_a_union_outside_the_subtree_is_not_a_choice(page_client, officer_b, union_tree):
    data = {"username": "zhao", "name": "赵裁判", "union": union_tree[0].pk, "password": ""}
    response = page_client(officer_b).post(URL, data)
    assert "union" in response.context["form"].errors
    assert not Judge.objects.filter(user__username="zhao").exists()


def test_reset_without_a_password_shows_a_new_one_once(page_client, officer_a, judge):
    url = reverse("console:judge-password", kwargs={"pk": judge.pk})
    response = page_client(officer_a).post(url, {"password": ""})
    assert response.status_code == 200
    assert authenticate(username="wang", password=response.context["password"]) == judge.user


def test_reset_to_a_chosen_password(page_client, officer_a, judge):
    url = reverse("console:judge-password", kwargs={"pk": judge.pk})
    response = page_client(officer_a).post(url, {"password": "Minhang-2025!"})
    assert response.status_code == 302
    assert authenticate(username="wang", password="Minhang-2025!") == judge.user


def test_reset_to_a_weak_password_is_refused_with_a_message(page_client, officer_a, judge):
    url = reverse("console:judge-password", kwargs={"pk": judge.pk})
    response = page_client(officer_a).post(url, {"password": "123"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert authenticate(username="wang", password="Str0ng-pass!") == judge.user


def test_deactivate_then_reactivate(page_client, officer_a, judge):
    client = page_client(officer_a)
    url = reverse("console:judge-active", kwargs={"pk": judge.pk})
    client.post(url, {"active": "0"})
    judge.user.refresh_from_db()
    assert not judge.user.is_active
    client.post(url, {"active": "1"})
    judge.user.refresh_from_db()
    assert judge.user.is_active


def test_a_get_cannot_change_an_account(page_client, officer_a, judge):
    url = reverse("console:judge-active", kwargs={"pk": judge.pk})
    assert page_client(officer_a).get(url).status_code == 405
