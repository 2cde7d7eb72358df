"""The statistics report and its press release: tiers in the scheme's order, counts that
agree (workers vs entries), an empty contest said plainly."""

import pytest
from django.utils import translation

from contests.models import Contest, Event, Registration
from public import report, selectors
from tests.factories import ContestFactory, EventFactory, TeamFactory, WorkerFactory
from tests.public.factories import published_event

TIERS = ("一等奖", "二等奖", "三等奖")


@pytest.fixture
def three_tiers(db):
    contest = ContestFactory(status=Contest.Status.PUBLISHED)
    event, snap, _rows = published_event(EventFactory(contest=contest), entries=6, tiers=TIERS)
    return contest, event, snap


def test_snapshot_tiers_keep_the_scheme_order(three_tiers):
    _contest, _event, snap = three_tiers
    assert selectors.tiers(snap.pk) == list(TIERS)


def test_report_lists_prize_tiers_in_the_scheme_order(three_tiers):
    contest, _event, _snap = three_tiers
    r = report.contest_report(contest)
    assert [a["tier"] for a in r["awards"] if a["tier"] in TIERS] == list(TIERS)
    text = r["press_release"]
    assert text.index("一等奖") < text.index("二等奖") < text.index("三等奖")


def test_leaderboard_tier_filter_offers_tiers_in_the_scheme_order(three_tiers, client):
    _contest, event, _snap = three_tiers
    body = client.get(f"/en/events/{event.pk}/leaderboard/").content.decode()
    assert (
        body.index('value="一等奖"') < body.index('value="二等奖"') < body.index('value="三等奖"')
    )


def test_press_release_words_workers_and_entries_so_they_agree(db):
    contest = ContestFactory(status=Contest.Status.PUBLISHED)
    individual = EventFactory(contest=contest)
    team_event = EventFactory(contest=contest, kind=Event.Kind.TEAM)
    published_event(individual, entries=3)
    members = [WorkerFactory() for _ in range(3)]
    team = TeamFactory(employer=members[0].employer, leader=members[0])
    reg = Registration.objects.create(
        event=team_event, contest=contest, team=team, employer=team.employer, status="approved"
    )
    for w in members:
        reg.members.create(event=team_event, worker=w)
    counts = selectors.contest_counts(contest.pk)
    assert (counts["workers"], counts["entries"]) == (6, 4)
    assert counts["entries_by_kind"] == {"individual": 3, "team": 1, "achievement": 0}
    with translation.override("en"):
        text = report.contest_report(contest)["press_release"]
    assert "6 workers competed (3 entries in individual events, 1 team in team events)" in text


def test_empty_contest_report_says_there_are_no_entries(db):
    contest = ContestFactory(status=Contest.Status.PUBLISHED)
    EventFactory(contest=contest)
    with translation.override("en"):
        text = report.contest_report(contest)["press_release"]
    assert "no entries have been approved yet" in text
    assert "0 work units" not in text
