"""A contest's status takes the allowed steps only (Contest.STATUS_STEPS), whoever changes it:
the API, the console's step button and publishing (issue 13.11)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests.models import Contest
from contests.services import check_status_step
from tests.conftest import client_for
from tests.factories import ContestFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def contest_body(series, host, **extra):
    now = timezone.now()
    return {
        "series": series.pk,
        "host_union": host.pk,
        "name": "长三角燃气行业职业技能晋级赛",
        "registration_opens": (now + dt.timedelta(days=1)).isoformat(),
        "registration_closes": (now + dt.timedelta(days=30)).isoformat(),
        **extra,
    }


def _patch(user, contest, status):
    return client_for(user).patch(f"/api/v1/contests/{contest.pk}/", {"status": status})


def test_patch_cannot_jump_from_open_to_published(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="open")
    response = _patch(officer_a, contest, "published")
    assert response.status_code == 400 and "status" in response.json()
    contest.refresh_from_db()
    assert contest.status == "open"


def test_patch_cannot_skip_a_step(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="open")
    response = _patch(officer_a, contest, "judging")
    assert response.status_code == 400 and "status" in response.json()
    contest.refresh_from_db()
    assert contest.status == "open"


def test_patch_cannot_publish_even_from_judging(officer_a, union_tree):
    """Published is reached by publishing the results, never by an edit."""
    contest = ContestFactory(host_union=union_tree[0], status="judging")
    response = _patch(officer_a, contest, "published")
    assert response.status_code == 400 and "status" in response.json()
    contest.refresh_from_db()
    assert contest.status == "judging"


def test_a_contest_cannot_be_created_published(officer_a, union_tree):
    body = contest_body(SeriesFactory(), union_tree[0], status="published")
    response = client_for(officer_a).post("/api/v1/contests/", body, format="json")
    assert response.status_code == 400 and "status" in response.json()
    assert not Contest.objects.exists()


def test_every_step_of_the_table_and_only_those():
    for old in Contest.STATUS_ORDER:
        for new in Contest.STATUS_ORDER:
            allowed = new == old or new in Contest.STATUS_STEPS[old]
            try:
                check_status_step(old, new, publishing=True)
            except ValidationError:
                refused = True
            else:
                refused = False
            assert refused is not allowed, (old, new)


def test_console_step_button_cannot_publish(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="judging")
    url = reverse("console:contest-status", kwargs={"pk": contest.pk})
    page_client(officer_a).post(url, {"status": "published"})
    contest.refresh_from_db()
    assert contest.status == "judging"


def test_console_contest_page_offers_no_publish_button(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="judging")
    page = page_client(officer_a).get(reverse("console:contest", kwargs={"pk": contest.pk}))
    assert page.status_code == 200
    assert 'value="published"' not in page.content.decode()
