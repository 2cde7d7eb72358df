"""Award reasons are data until shown; then they speak the reader's language."""

import pytest
from django.utils import translation

from results.models import AwardRow
from results.reasons import reason_text


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_an_event_rank_reason():
    params = {"event": "焊工", "rank": 1, "total": "95.50"}
    assert reason_text("event_rank", params) == "焊工, rank 1, total 95.50"


def test_a_standardised_reason_names_the_place_in_the_contest():
    params = {"event": "A", "rank": 2, "standardised": "720.23", "overall": 3}
    assert reason_text("standardised", params) == (
        "A, rank 2, standardised score 720.23 (rank 3 of the contest)"
    )


def test_a_team_reason_counts_its_members():
    params = {"members": 3, "score": "85.00", "rank": 1}
    assert reason_text("team_members", params) == (
        "Mean of 3 members' best totals: 85.00, team rank 1"
    )


def test_award_points_list_tiers_and_participation():
    params = {
        "points": "6",
        "tiers": [["一等奖", 1], ["三等奖", 1]],
        "entries": 2,
        "entry_points": "1",
        "total": "7",
    }
    assert reason_text("award_points", params) == (
        "Award points: 6 (一等奖×1, 三等奖×1), 2 entries (participation points: 1), total 7"
    )


def test_award_points_without_participation_points():
    params = {"points": "5", "tiers": [], "entries": 1, "entry_points": "0", "total": "5"}
    assert reason_text("award_points", params) == "Award points: 5, 1 entry"


def test_a_reason_stored_as_text_is_shown_as_it_is():
    row = AwardRow(reason="2019年竞赛第1名")
    assert row.reason_text == "2019年竞赛第1名"
