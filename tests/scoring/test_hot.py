"""The hot score: worked examples and properties (pure Python, no database)."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import hot

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
times = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
likes = st.integers(min_value=0, max_value=10**9)


def test_worked_example_ten_likes_one_hour_after_the_epoch():
    published = dt.datetime(1970, 1, 1, 1, 0, tzinfo=dt.UTC)
    assert hot.score(10, published) == pytest.approx(1 + 3600 / 45000)


def test_no_likes_and_one_like_score_the_same():
    assert hot.score(0, T0) == hot.score(1, T0)


def test_ten_times_the_likes_equal_twelve_and_a_half_hours_of_freshness():
    later = T0 + dt.timedelta(seconds=45000)
    assert hot.score(1000, T0) == pytest.approx(hot.score(100, later))


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        hot.time_part(dt.datetime(2026, 1, 1))


def test_negative_likes_are_refused():
    with pytest.raises(ValueError):
        hot.like_part(-1)


@given(likes, times)
def test_score_is_the_sum_of_its_parts(n, published):
    assert hot.score(n, published) == hot.like_part(n) + hot.time_part(published)


@given(likes, times)
def test_one_more_like_never_lowers_the_score(n, published):
    assert hot.score(n + 1, published) >= hot.score(n, published)


@given(likes, times, st.integers(min_value=1, max_value=10**8))
def test_a_later_post_with_the_same_likes_scores_higher(n, published, seconds):
    later = published + dt.timedelta(seconds=seconds)
    assert hot.score(n, later) > hot.score(n, published)


@given(likes, times)
def test_score_is_finite(n, published):
    assert math.isfinite(hot.score(n, published))
