"""Shared objects (issue 13.10): a co-organiser cannot push the others out of a series or a
division, and contests go only into divisions their host leads. Unions: A → B, C unrelated."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests.models import Contest, ContestSeries, Division
from tests.conftest import client_for
from tests.factories import ContestFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def _series(*unions) -> ContestSeries:
    series = SeriesFactory()
    series.organisers.set(unions)
    return series


def _division(series, *unions) -> Division:
    division = Division.objects.create(series=series, name="燃气行业")
    division.lead_unions.set(unions)
    return division


def test_a_co_organiser_cannot_remove_the_others(officer_c, union_tree):
    a, _b, c = union_tree
    series = _series(a, c)
    response = client_for(officer_c).patch(
        f"/api/v1/series/{series.pk}/", {"organisers": [c.pk]}, format="json"
    )
    assert response.status_code == 403
    assert set(series.organisers.all()) == {a, c}


def test_a_union_above_may_remove_the_one_below(officer_a, officer_b, union_tree):
    a, b, _c = union_tree
    series = _series(a, b)
    below = client_for(officer_b).patch(
        f"/api/v1/series/{series.pk}/", {"organisers": [b.pk]}, format="json"
    )
    assert below.status_code == 403
    above = client_for(officer_a).patch(
        f"/api/v1/series/{series.pk}/", {"organisers": [a.pk]}, format="json"
    )
    assert above.status_code == 200, above.content
    assert set(series.organisers.all()) == {a}


def test_a_co_organiser_may_still_add_one(officer_c, union_tree):
    a, b, c = union_tree
    series = _series(a, c)
    response = client_for(officer_c).patch(
        f"/api/v1/series/{series.pk}/", {"organisers": [a.pk, b.pk, c.pk]}, format="json"
    )
    assert response.status_code == 200, response.content


def test_a_lead_union_cannot_remove_the_other_leads(officer_c, union_tree):
    a, _b, c = union_tree
    division = _division(_series(a, c), a, c)
    response = client_for(officer_c).patch(
        f"/api/v1/divisions/{division.pk}/", {"lead_unions": [c.pk]}, format="json"
    )
    assert response.status_code == 403
    assert set(division.lead_unions.all()) == {a, c}


def test_the_console_refuses_removing_a_co_organiser(officer_c, union_tree):
    a, _b, c = union_tree
    series = _series(a, c)
    client = Client()
    client.force_login(officer_c)
    response = client.post(
        reverse("console:series-edit", kwargs={"pk": series.pk}),
        {"name": series.name, "year": series.year, "organisers": [c.pk], "description": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert set(series.organisers.all()) == {a, c}


def _contest_body(series, host, division, **extra):
    now = timezone.now()
    return {
        "series": series.pk,
        "division": division.pk,
        "host_union": host.pk,
        "name": "燃气行业职业技能竞赛",
        "registration_opens": (now + dt.timedelta(days=1)).isoformat(),
        "registration_closes": (now + dt.timedelta(days=30)).isoformat(),
        **extra,
    }


def test_a_contest_cannot_go_into_a_division_its_host_does_not_lead(officer_c, union_tree):
    a, _b, c = union_tree
    series = _series(a, c)
    division = _division(series, a)
    response = client_for(officer_c).post(
        "/api/v1/contests/", _contest_body(series, c, division), format="json"
    )
    assert response.status_code == 400 and "division" in response.json()
    assert not Contest.objects.exists()


def test_a_contest_goes_into_a_division_led_by_a_union_above_its_host(officer_b, union_tree):
    a, b, c = union_tree
    series = _series(a, c)
    division = _division(series, a)
    response = client_for(officer_b).post(
        "/api/v1/contests/", _contest_body(series, b, division), format="json"
    )
    assert response.status_code == 201, response.content


def test_a_contest_cannot_move_into_a_division_its_host_does_not_lead(officer_c, union_tree):
    a, _b, c = union_tree
    series = _series(a, c)
    contest = ContestFactory(series=series, host_union=c)
    division = _division(series, a)
    response = client_for(officer_c).patch(
        f"/api/v1/contests/{contest.pk}/", {"division": division.pk}, format="json"
    )
    assert response.status_code == 400 and "division" in response.json()
    contest.refresh_from_db()
    assert contest.division_id is None
