"""Where the innovation figures show: the public statistics page and the contest report (the
console dashboard's block: test_work_console)."""

import datetime as dt

import pytest
from django.template.loader import render_to_string

from contests.models import Contest
from public import report
from tests.factories import ContestFactory
from tests.innovation.factories_results import PatentFactory, ResultFactory, StudioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(union_tree):
    a, b, _c = union_tree
    studio = StudioFactory(union=b, level="city", founded_on=dt.date(2017, 1, 1))
    result = ResultFactory(studio=studio, achieved_on=dt.date(2019, 1, 1), applied=True)
    PatentFactory(result=result, kind="2")
    return a, b


def test_the_public_statistics_page_shows_a_subtree_with_its_press_paragraph(recorded, client):
    body = client.get("/en/innovation/stats/", {"union": "A", "since": "2015-01-01"}).content
    text = body.decode()
    assert "Since 2015-01-01, in the area of 甲工会, 1 worker innovation studios" in text
    assert "1 of them applied in production" in text
    assert "hold 1 invention and utility model patents" in text


def test_the_statistics_page_in_english(recorded, client):
    text = client.get("/en/innovation/stats/", {"union": "A"}).content.decode()
    assert "1 worker innovation studios have been set up" in text


def test_the_statistics_page_counts_the_until_day_itself(recorded, client):
    text = client.get(
        "/en/innovation/stats/", {"union": "A", "since": "2019-01-01", "until": "2019-01-01"}
    ).content.decode()
    assert "produced 1 innovation results" in text


def test_a_bad_period_is_a_400_with_a_field_message(recorded, client):
    response = client.get(
        "/en/innovation/stats/", {"union": "A", "since": "2020-01-01", "until": "2019-01-01"}
    )
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    assert client.get("/en/innovation/stats/", {"since": "0001-01-01"}).status_code == 400
    assert client.get("/en/innovation/stats/", {"union": "nope"}).status_code == 400


def test_without_a_union_the_top_unions_are_offered(recorded, client):
    text = client.get("/en/innovation/stats/").content.decode()
    assert "?union=A" in text and "?union=C" in text


def test_the_contest_report_has_the_host_subtree_innovation_block(recorded, client):
    a, _b = recorded
    contest = ContestFactory(host_union=a, status=Contest.Status.PUBLISHED)
    block = report.contest_report(contest)["innovation"]
    assert (block["studios"], block["results"], block["applied"], block["patents"]) == (1, 1, 1, 1)
    page = client.get(f"/en/contests/{contest.pk}/report/").content.decode()
    assert "In the area of 甲工会, 1 worker innovation studios have been set up" in page


def test_the_contest_report_of_a_host_without_studios_has_no_block(union_tree):
    contest = ContestFactory(host_union=union_tree[2], status=Contest.Status.PUBLISHED)
    r = report.contest_report(contest)
    assert r["innovation"]["studios"] == 0
    page = render_to_string("public/report.html", {"contest": contest, "report": r})
    assert "pub-innovation" not in page


def test_the_english_statistics_page_names_the_union_in_english(recorded, client):
    a, _b = recorded
    a.name_en = "Union A"
    a.save()
    text = client.get("/en/innovation/stats/", {"union": "A"}).content.decode()
    assert "<h2>Union A</h2>" in text
    assert "In the area of Union A," in text
    assert "甲工会" not in text
    assert "Union A</a>" in client.get("/en/innovation/stats/").content.decode()
