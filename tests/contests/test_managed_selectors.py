"""The series and divisions an officer manages (contests.selectors)."""

import pytest

from contests import selectors
from contests.models import Division
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def test_series_are_managed_through_an_organiser_in_the_subtree(
    officer_a, officer_b, officer_c, superuser, union_tree
):
    series = SeriesFactory()
    series.organisers.set([union_tree[1], union_tree[2]])
    other = SeriesFactory()
    other.organisers.set([union_tree[0]])
    assert set(selectors.managed_series(officer_a)) == {series, other}
    assert list(selectors.managed_series(officer_b)) == [series]
    assert list(selectors.managed_series(officer_c)) == [series]
    assert set(selectors.managed_series(superuser)) == {series, other}


def test_divisions_are_managed_through_a_lead_union_in_the_subtree(
    officer_b, officer_c, worker_user, union_tree
):
    division = Division.objects.create(series=SeriesFactory(), name="燃气行业")
    division.lead_unions.set([union_tree[1]])
    assert list(selectors.managed_divisions(officer_b)) == [division]
    assert list(selectors.managed_divisions(officer_c)) == []
    assert list(selectors.managed_divisions(worker_user)) == []
