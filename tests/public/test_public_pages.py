"""Smaller defects of the public pages (issue 12.12 names, 12.15): one notice, clamped
pages, a favicon, series and units told apart, a contest page that summarises its awards,
union and region names in the page's language."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from contests.models import Contest
from core.pagination import clamp_page
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    SeriesFactory,
    UnionFactory,
    region,
)
from tests.public.factories import EntryFactory, ResultSnapshotFactory, published_event, row_for


def _get(url: str) -> str:
    return Client().get(url).content.decode()


def test_unpublished_event_says_not_published_once(db):
    event = EventFactory(contest=ContestFactory(status=Contest.Status.JUDGING))
    assert _get(f"/en/events/{event.pk}/leaderboard/").count("Results not yet published") == 1
    assert _get(f"/en/contests/{event.contest_id}/awards/").count("Results not yet published") == 1


def test_clamp_page_keeps_the_number_within_the_pages():
    assert clamp_page(999, 120, 50) == 3
    assert clamp_page(0, 120, 50) == 1
    assert clamp_page(2, 120, 50) == 2
    assert clamp_page(5, 0, 50) == 1


def test_leaderboard_page_past_the_end_shows_the_last_page(db):
    event = EventFactory()
    snap = ResultSnapshotFactory(event=event, entries=60, ranked=60)
    for i in range(60):
        row_for(snap, EntryFactory(event=event), position=i + 1, total=100 - i)
    html = _get(f"/en/events/{event.pk}/leaderboard/?page=999")
    assert "Page 2 of 2" in html
    assert html.count("<tr><td") == 10


def test_every_page_links_a_favicon_that_exists(db):
    assert 'rel="icon"' in _get("/en/")
    assert finders.find("favicon.svg")


def test_series_of_the_same_name_are_told_apart_by_year(db):
    a, b = SeriesFactory(name="长三角竞赛", year=2019), SeriesFactory(name="长三角竞赛", year=2020)
    assert str(a) != str(b)
    assert "2019" in str(a)


@pytest.fixture
def twin_units(db):
    """Two work units named alike in Shanghai and Jiangsu, both winning a prize."""
    units = [
        EmployerFactory(name="城市燃气管理所", union=UnionFactory(region=region(code)))
        for code in ("310000", "320000")
    ]
    contest = ContestFactory(status=Contest.Status.PUBLISHED)
    event, _snap, rows = published_event(
        EventFactory(contest=contest), entries=2, employers=units, tiers=("一等奖", "二等奖")
    )
    return contest, event, rows


def test_award_list_tells_units_of_the_same_name_apart_by_region(twin_units):
    contest, _event, _rows = twin_units
    html = _get(f"/contests/{contest.pk}/awards/")
    assert "上海市" in html
    assert "江苏省" in html


def test_contest_page_summarises_each_events_awards_with_a_link(twin_units):
    contest, event, rows = twin_units
    html = _get(f"/en/contests/{contest.pk}/")
    assert f"/en/contests/{contest.pk}/awards/#prizes-{event.pk}" in html
    assert "一等奖 1 · 二等奖 1" in html
    assert rows[0].masked_name not in html
    assert f'id="prizes-{event.pk}"' in _get(f"/en/contests/{contest.pk}/awards/")


def test_english_pages_name_unions_and_regions_in_english(twin_units):
    contest, event, _rows = twin_units
    contest.host_union.name_en = "Shanghai Aerospace Union"
    contest.host_union.save()
    board = _get(f"/en/events/{event.pk}/leaderboard/")
    assert "Shanghai" in board and "Jiangsu" in board
    assert "上海市" not in board
    assert "Shanghai Aerospace Union" in _get(f"/en/contests/{contest.pk}/")
    assert "上海市" in _get(f"/events/{event.pk}/leaderboard/")


def test_english_report_names_the_host_union_and_regions_in_english(twin_units):
    contest, _event, _rows = twin_units
    contest.host_union.name_en = "Shanghai Aerospace Union"
    contest.host_union.save()
    html = _get(f"/en/contests/{contest.pk}/report/")
    assert "Shanghai Aerospace Union" in html
    assert "Jiangsu" in html
    assert "江苏省" not in html
