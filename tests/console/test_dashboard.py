import pytest
from django.urls import reverse

from tests.factories import ContestFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
URL = reverse("console:dashboard")


def test_anonymous_is_sent_to_log_in(page_client):
    response = page_client().get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_worker_is_refused(page_client, worker_user):
    assert page_client(worker_user).get(URL).status_code == 403


def test_officer_sees_contests_of_their_subtree_with_registrations_to_decide(
    page_client, officer_a, union_tree
):
    event = EventFactory(contest=ContestFactory(host_union=union_tree[1], name="乙工会竞赛"))
    RegistrationFactory(event=event, status="pending")
    response = page_client(officer_a).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "乙工会竞赛" in response.content.decode()
    assert response.context["groups"][1][1][0].pending == 1


def test_officer_sees_no_contest_of_another_subtree(page_client, officer_c, union_tree):
    ContestFactory(host_union=union_tree[0], name="甲工会竞赛")
    response = page_client(officer_c).get(URL)
    assert response.status_code == 200
    assert "甲工会竞赛" not in response.content.decode()


def test_menu_marks_the_current_page(page_client, officer_a):
    body = page_client(officer_a).get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in body
