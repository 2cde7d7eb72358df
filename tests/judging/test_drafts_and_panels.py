"""Draft contests stay with their host (issue 13.12): the scheme, results and awards of a
draft answer 404 to anyone else; and panels take judges of the officer's subtree only.
Unions: A → B, C unrelated."""

import pytest
from django.test import Client

from judging.models import Judge, JudgeAssignment
from tests.conftest import client_for
from tests.factories import ContestFactory, EmployerFactory, EventFactory
from tests.results.factories import JudgeFactory, make_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_event(union_tree):
    event = EventFactory(contest=ContestFactory(host_union=union_tree[0], status="draft"))
    make_scheme(event)
    return event


@pytest.mark.parametrize(
    "path", ["events/{e}/scheme/", "events/{e}/results/", "contests/{c}/awards/"]
)
def test_a_drafts_scheme_results_and_awards_are_hidden_from_the_public(api, draft_event, path):
    url = "/api/v1/" + path.format(e=draft_event.pk, c=draft_event.contest_id)
    assert api.get(url).status_code == 404


@pytest.mark.parametrize("path", ["events/{e}/scheme/", "events/{e}/results/"])
def test_a_drafts_event_is_hidden_from_another_unions_officer(officer_c, draft_event, path):
    url = "/api/v1/" + path.format(e=draft_event.pk)
    assert client_for(officer_c).get(url).status_code == 404


def test_the_host_and_the_events_judges_read_a_drafts_scheme(officer_a, draft_event):
    url = f"/api/v1/events/{draft_event.pk}/scheme/"
    assert client_for(officer_a).get(url).status_code == 200
    judge = JudgeFactory()
    JudgeAssignment.objects.create(event=draft_event, judge=judge)
    assert client_for(judge.user).get(url).status_code == 200


def test_an_open_contests_scheme_and_results_stay_public(api, union_tree):
    event = EventFactory(contest=ContestFactory(host_union=union_tree[0], status="open"))
    make_scheme(event)
    assert api.get(f"/api/v1/events/{event.pk}/scheme/").status_code == 200
    assert api.get(f"/api/v1/events/{event.pk}/results/").status_code == 200


def test_a_drafts_leaderboard_page_is_not_found(draft_event):
    assert Client().get(f"/events/{draft_event.pk}/leaderboard/").status_code == 404


def test_an_officer_cannot_put_another_unions_judge_on_a_panel(officer_a, union_tree):
    event = EventFactory(contest=ContestFactory(host_union=union_tree[0]))
    outsider = JudgeFactory(union=union_tree[2])
    response = client_for(officer_a).post(
        f"/api/v1/events/{event.pk}/judges/", {"judge": outsider.pk}, format="json"
    )
    assert response.status_code == 403
    assert not JudgeAssignment.objects.exists()


def test_an_officer_cannot_create_a_judge_working_outside_their_subtree(officer_a, union_tree):
    body = {
        "username": "judge_x",
        "password": "Qx7-mountain-lantern",
        "name": "外单位裁判",
        "union": union_tree[0].pk,
        "employer": EmployerFactory(union=union_tree[2]).pk,
    }
    response = client_for(officer_a).post("/api/v1/judges/", body, format="json")
    assert response.status_code == 403
    assert not Judge.objects.filter(user__username="judge_x").exists()


def test_an_officer_creates_a_judge_of_their_own_subtree(officer_a, union_tree):
    body = {
        "username": "judge_y",
        "password": "Qx7-mountain-lantern",
        "name": "本单位裁判",
        "union": union_tree[0].pk,
        "employer": EmployerFactory(union=union_tree[1]).pk,
    }
    response = client_for(officer_a).post("/api/v1/judges/", body, format="json")
    assert response.status_code == 201, response.content
