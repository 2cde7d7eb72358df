"""Series and division pages."""

import pytest
from django.urls import reverse

from contests.models import ContestSeries, Division
from tests.factories import SeriesFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(union_tree):
    series = SeriesFactory(name="甲乙系列赛")
    series.organisers.set([union_tree[0]])
    return series


@pytest.fixture
def division(series, union_tree):
    division = Division.objects.create(series=series, name="燃气行业赛区")
    division.lead_unions.set([union_tree[1]])
    return division


def test_another_subtrees_series_and_divisions_are_hidden(page_client, officer_c, series, division):
    client = page_client(officer_c)
    body = client.get(reverse("console:series")).content.decode()
    assert series.name not in body and division.name not in body
    assert client.get(reverse("console:series-edit", kwargs={"pk": series.pk})).status_code == 404
    url = reverse("console:division-edit", kwargs={"pk": division.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "x"}).status_code == 404


def test_a_worker_is_refused(page_client, worker_user, series, division):
    client = page_client(worker_user)
    urls = [
        reverse("console:series"),
        reverse("console:series-create"),
        reverse("console:series-edit", kwargs={"pk": series.pk}),
        reverse("console:division-create"),
        reverse("console:division-edit", kwargs={"pk": division.pk}),
    ]
    assert {client.get(url).status_code for url in urls} == {403}


def test_the_list_shows_series_organised_and_divisions_led_in_the_subtree(
    page_client, officer_a, officer_b, series, division
):
    body = page_client(officer_a).get(reverse("console:series")).content.decode()
    assert series.name in body and division.name in body
    # B lies below A: it leads the division but organises nothing
    response = page_client(officer_b).get(reverse("console:series"))
    assert list(response.context["page"]) == []
    assert list(response.context["divisions"]) == [division]


def test_officer_creates_a_series(page_client, officer_a, union_tree):
    data = {
        "name": "长三角系列赛",
        "year": "2026",
        "organisers": [union_tree[0].pk, union_tree[2].pk],
    }
    response = page_client(officer_a).post(reverse("console:series-create"), data)
    assert response.status_code == 302
    series = ContestSeries.objects.get(name="长三角系列赛")
    assert set(series.organisers.all()) == {union_tree[0], union_tree[2]}


def test_an_implausible_year_is_a_field_error(page_client, officer_a, union_tree):
    data = {"name": "长三角系列赛", "year": "1800", "organisers": [union_tree[0].pk]}
    response = page_client(officer_a).post(reverse("console:series-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert not ContestSeries.objects.exists()


def test_organisers_all_outside_the_subtree_are_a_field_error(page_client, officer_b, union_tree):
    data = {"name": "长三角系列赛", "year": "2026", "organisers": [union_tree[2].pk]}
    response = page_client(officer_b).post(reverse("console:series-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["organisers"]


def test_officer_edits_a_series(page_client, officer_a, series, union_tree):
    url = reverse("console:series-edit", kwargs={"pk": series.pk})
    data = {"name": "新名称", "year": "2027", "organisers": [union_tree[0].pk]}
    assert page_client(officer_a).post(url, data).status_code == 302
    series.refresh_from_db()
    assert (series.name, series.year) == ("新名称", 2027)


def test_officer_creates_a_division(page_client, officer_b, series, union_tree):
    url = reverse("console:division-create")
    assert page_client(officer_b).get(url, {"series": series.pk}).context["form"].initial == {
        "series": series
    }
    data = {
        "series": series.pk,
        "name": "G60科创走廊",
        "lead_unions": [union_tree[1].pk],
        "regions": [region("310117").pk],
    }
    assert page_client(officer_b).post(url, data).status_code == 302
    division = Division.objects.get(name="G60科创走廊")
    assert [r.code for r in division.regions.all()] == ["310117"]


def test_a_division_name_of_spaces_is_a_field_error(page_client, officer_a, series, division):
    url = reverse("console:division-edit", kwargs={"pk": division.pk})
    data = {"series": series.pk, "name": "   ", "lead_unions": [division.lead_unions.get().pk]}
    response = page_client(officer_a).post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]


def test_a_series_id_that_is_not_a_number_is_ignored(page_client, officer_a):
    response = page_client(officer_a).get(reverse("console:division-create"), {"series": "x"})
    assert response.status_code == 200
