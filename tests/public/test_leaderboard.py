"""Leaderboard pages and the public leaderboard API: filters, search, keyset pages,
provisional results never public."""

import pytest
from django.test import Client

from results.models import ResultSnapshot
from tests.factories import EventFactory
from tests.public.factories import EntryFactory, ResultSnapshotFactory, published_event, row_for


def api_rows(api, event, **params):
    response = api.get(f"/api/v1/public/events/{event.pk}/leaderboard/", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(
    ("params", "employers"),
    [
        ({"region": "320000"}, {"苏州外资公司", "昆山民营公司"}),
        ({"union": "SH-HT"}, {"航天一厂"}),
        ({"employer_kind": "foreign"}, {"苏州外资公司"}),
        ({"q": "民营"}, {"昆山民营公司"}),
    ],
)
def test_leaderboard_filters_select_only_matching_rows(api, published, params, employers):
    body = api_rows(api, published["events"][0], **params)
    assert body["results"]
    assert {r["employer_name"] for r in body["results"]} == employers


def test_leaderboard_filter_by_tier(api, published):
    body = api_rows(api, published["events"][0], tier="一等奖")
    assert [r["position"] for r in body["results"]] == [1]


def test_tier_filter_reads_the_recorded_position_range(api, published):
    # The engine records each tier's first and last position and the filter reads only
    # that range: a range wider than the tier still yields only the tier's rows, and a
    # range (made up here) that misses the tier's row yields nothing, so the range is used.
    event = published["events"][0]
    ResultSnapshot.objects.filter(event=event, is_public=True).update(
        stats={"tier_positions": {"一等奖": [1, 3], "二等奖": [4, 6]}}
    )
    assert [r["position"] for r in api_rows(api, event, tier="一等奖")["results"]] == [1]
    assert api_rows(api, event, tier="二等奖")["results"] == []
    assert api_rows(api, event, tier="三等奖")["results"] == []


def test_search_by_bib_finds_one_entry(api, published):
    row = published["rows"][3]
    body = api_rows(api, published["events"][0], q=str(row.bib))
    assert [r["bib"] for r in body["results"]] == [row.bib]


def test_bad_filter_value_is_400_with_field_message(api, published):
    response = api.get(
        f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/",
        {"employer_kind": "nonsense"},
    )
    assert response.status_code == 400
    assert "employer_kind" in response.json()


def test_public_rows_carry_masked_names_only(api, published):
    row = api_rows(api, published["events"][0])["results"][0]
    assert set(row) == {
        "position",
        "rank",
        "bib",
        "masked_name",
        "employer_name",
        "employer_kind",
        "region_name",
        "total",
        "tier",
        "complete",
        "tie_break",  # what decided a place among equal totals: no personal data
    }


@pytest.fixture
def big_event(db):
    event = EventFactory()
    snap = ResultSnapshotFactory(event=event, entries=120, ranked=120)
    for i in range(120):
        reg = EntryFactory(
            event=event, worker__employer__kind="foreign" if i % 3 else "state_owned"
        )
        row_for(snap, reg, position=i + 1, total=100 - i * 0.5)
    return event


@pytest.mark.usefixtures("english")  # asserts English text
def test_unfiltered_page_number_maps_to_position_range(big_event):
    html = Client().get(f"/events/{big_event.pk}/leaderboard/?page=2").content.decode()
    assert "Page 2 of 3" in html


def test_keyset_pages_walk_filtered_rows_without_gaps(api, big_event):
    seen, params = [], {"employer_kind": "foreign"}
    while True:
        body = api_rows(api, big_event, **params)
        seen += [r["position"] for r in body["results"]]
        if not body["next"]:
            break
        params = dict(p.split("=") for p in body["next"].split("&"))
    assert seen == [p for p in range(1, 121) if (p - 1) % 3]


def test_previous_page_link_returns_the_rows_before(api, big_event):
    body = api_rows(api, big_event, after=50)
    assert body["results"][0]["position"] == 51
    back = api_rows(api, big_event, before=51)
    assert [r["position"] for r in back["results"]] == list(range(1, 51))


def test_unpublished_snapshot_is_never_public(api, db):
    event = EventFactory()
    snap = ResultSnapshotFactory(event=event, is_public=False, published_at=None)
    reg = EntryFactory(event=event)
    row = row_for(snap, reg, position=1, total=90)
    body = api_rows(api, event)
    assert body["results"] == [] and body["snapshot"] is None
    assert body["notice"]["state"] == "provisional"
    html = Client().get(f"/events/{event.pk}/leaderboard/").content.decode()
    assert row.masked_name not in html
    assert "90.00" not in html


def test_newer_provisional_snapshot_leaves_published_results_up(api, published):
    event = published["events"][0]
    ResultSnapshot.objects.filter(event=event).update(is_current=False)
    newer = ResultSnapshotFactory(event=event, is_public=False, published_at=None)
    row_for(newer, published["rows"][0].registration, position=1, total=1)
    body = api_rows(api, event)
    assert len(body["results"]) == 9
    assert body["snapshot"]["version"] == published["snapshots"][0].version


@pytest.mark.usefixtures("english")  # asserts English text
def test_officer_of_host_sees_that_provisional_results_exist(published, client):
    from tests.factories import OfficerFactory

    event = published["events"][0]
    ResultSnapshot.objects.filter(event=event).update(is_current=False)
    ResultSnapshotFactory(event=event, is_public=False, published_at=None, version=99)
    officer = OfficerFactory(union=published["host"]).user
    client.force_login(officer)
    assert "(version 99)" in client.get(f"/events/{event.pk}/leaderboard/").content.decode()
    assert "(version 99)" not in Client().get(f"/events/{event.pk}/leaderboard/").content.decode()


def test_distribution_counts_every_scored_row(published):
    from public.selectors import distribution

    bins = distribution(published["snapshots"][0].pk)
    assert sum(b["count"] for b in bins) == 9


def test_draft_contest_pages_are_404(db):
    event, _, _ = published_event(EventFactory(contest__status="draft"), entries=1)
    assert Client().get(f"/contests/{event.contest_id}/").status_code == 404
    assert Client().get(f"/events/{event.pk}/leaderboard/").status_code == 404


def test_filter_labels_are_cached_per_language(published, django_assert_num_queries):
    from django.utils import translation

    from public.selectors import filter_options

    with translation.override("en"), django_assert_num_queries(2):
        filter_options()
    with translation.override("zh-hans"), django_assert_num_queries(2):
        filter_options()
    with translation.override("en"), django_assert_num_queries(0):
        filter_options()
