"""core.formatting.duration: completion times on public and console pages."""

from core.formatting import duration


def test_a_time_under_an_hour_is_minutes_and_seconds():
    assert duration(605) == "10:05"


def test_a_time_of_an_hour_or_more_shows_the_hours():
    assert duration(3 * 3600 + 7) == "3:00:07"


def test_no_time_is_the_callers_empty_text():
    assert duration(None) == ""
    assert duration(None, empty="—") == "—"
