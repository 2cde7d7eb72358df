"""An officer's change to a series, contest or event shows on the cached public pages at once
(contests.signals.contest_changed → public.receivers), not after the pages' TTL."""

import datetime as dt

import pytest
from django.test import Client
from django.utils.timezone import localtime

from contests import services
from contests.models import Contest
from tests.factories import ContestFactory, OfficerFactory


@pytest.fixture
def officer(published):
    return OfficerFactory(union=published["host"]).user


def _get(url: str) -> str:
    return Client().get(url).content.decode()


def test_contest_status_change_shows_on_the_cached_contest_page_at_once(
    db, django_capture_on_commit_callbacks
):
    contest = ContestFactory(status=Contest.Status.OPEN)
    officer = OfficerFactory(union=contest.host_union).user
    url = f"/en/contests/{contest.pk}/"
    assert "open for registration" in _get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_contest(actor=officer, contest=contest, status=Contest.Status.CLOSED)
    body = _get(url)
    assert "registration closed" in body
    assert "open for registration" not in body


def test_notice_period_change_shows_on_the_cached_leaderboard_at_once(
    published, officer, django_capture_on_commit_callbacks
):
    contest, event = published["contest"], published["events"][0]
    url = f"/en/events/{event.pk}/leaderboard/"
    published_at = published["snapshots"][0].published_at
    # The page shows the date where the contest is (TIME_ZONE), not in UTC.
    ends = lambda days: localtime(published_at + dt.timedelta(days=days)).strftime("%Y-%m-%d")  # noqa: E731
    assert ends(7) in _get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_contest(actor=officer, contest=contest, notice_days=30)
    assert ends(30) in _get(url)


def test_event_rename_shows_on_the_cached_pages_at_once(
    published, officer, django_capture_on_commit_callbacks
):
    event = published["events"][0]
    board, page = f"/en/events/{event.pk}/leaderboard/", f"/en/contests/{event.contest_id}/"
    _get(board), _get(page)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(actor=officer, event=event, name="改名后的项目")
    assert "改名后的项目" in _get(board)
    assert "改名后的项目" in _get(page)


def test_series_rename_shows_on_the_cached_home_and_contest_pages_at_once(
    published, officer, django_capture_on_commit_callbacks
):
    contest = published["contest"]
    contest.series.organisers.add(published["host"])
    home, page = "/en/", f"/en/contests/{contest.pk}/"
    _get(home), _get(page)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_series(actor=officer, series=contest.series, name="改名后的系列")
    assert "改名后的系列" in _get(home)
    assert "改名后的系列" in _get(page)
