"""Innovation figures for a union's subtree and a period, against a hand-counted fixture."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from innovation.selectors.stats import figures, press_paragraph
from tests.innovation.factories_results import (
    PatentFactory,
    ProjectFactory,
    ResultFactory,
    StudioFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def fixture(union_tree):
    """Unions A → B, and C apart. Counted for A over [2015-01-01, 2021-01-01):

    studios: s1 (B, national, 2016), s2 (B, city, 2019), s4 (A, province, 2015-01-01),
             s3 (B, unrated, 2016) → 4; s5 (A, 2021: after), s6 (C) not counted
    topics:  s1 2016, 2018 + s4 2020-12-31 → 3; s1 2014 (before), s6 2018 (C) not
    projects: under s1's 2016 topic: 2017, 2019; under s2's 2020 topic: 2020-06 → 3;
             one starting 2021-01-01 (the end is open) not
    results: s1 r1 2017 applied, 1,000,000.50, patents: invention, utility model, design;
             s1 r2 2019 not applied, no benefit, patents: PCT invention;
             s2 r3 2020 applied, 250,000;
             → 3 results, 2 applied, 3 patents (the design does not count), 1,250,000.50
             s1 r4 2014 applied with an invention patent (before), s6 r5 2018 (C) not
    """
    a, b, c = union_tree
    s1 = StudioFactory(union=b, level="national", founded_on=D(2016, 5, 1))
    s2 = StudioFactory(union=b, level="city", founded_on=D(2019, 1, 1))
    StudioFactory(union=b, level=None, founded_on=D(2016, 1, 1))
    s4 = StudioFactory(union=a, level="province", founded_on=D(2015, 1, 1))
    StudioFactory(union=a, level="national", founded_on=D(2021, 1, 1))
    s6 = StudioFactory(union=c, level="enterprise", founded_on=D(2017, 1, 1))

    t1 = TopicFactory(studio=s1, started_on=D(2016, 6, 1))
    TopicFactory(studio=s1, started_on=D(2018, 1, 1))
    TopicFactory(studio=s4, started_on=D(2020, 12, 31))
    TopicFactory(studio=s1, started_on=D(2014, 1, 1))
    TopicFactory(studio=s6, started_on=D(2018, 1, 1))
    t2 = TopicFactory(studio=s2, started_on=D(2014, 12, 1))  # itself before the period
    ProjectFactory(topic=t1, started_on=D(2017, 1, 1))
    ProjectFactory(topic=t1, started_on=D(2019, 1, 1))
    ProjectFactory(topic=t2, started_on=D(2020, 6, 1))
    ProjectFactory(topic=t1, started_on=D(2021, 1, 1))

    r1 = ResultFactory(
        studio=s1,
        achieved_on=D(2017, 3, 1),
        applied=True,
        benefit_yuan=Decimal("1000000.50"),
        benefit_basis="节约",
    )
    for kind in "123":
        PatentFactory(result=r1, kind=kind)
    r2 = ResultFactory(studio=s1, achieved_on=D(2019, 3, 1))
    PatentFactory(result=r2, kind="8")
    ResultFactory(
        studio=s2,
        achieved_on=D(2020, 3, 1),
        applied=True,
        benefit_yuan=Decimal("250000"),
        benefit_basis="创效",
    )
    r4 = ResultFactory(studio=s1, achieved_on=D(2014, 3, 1), applied=True)
    PatentFactory(result=r4, kind="1")
    ResultFactory(studio=s6, achieved_on=D(2018, 3, 1), applied=True)
    return a, b


def test_the_figures_of_a_subtree_and_period_match_the_hand_count(fixture):
    a, _b = fixture
    got = figures(a, since=D(2015, 1, 1), until=D(2021, 1, 1))
    assert (got.studios, got.topics, got.projects, got.results, got.applied, got.patents) == (
        4,
        3,
        3,
        3,
        2,
        3,
    )
    assert got.benefit_yuan == Decimal("1250000.50")
    assert {x.level: x.count for x in got.studios_by_level} == {
        "enterprise": 0,
        "city": 1,
        "province": 1,
        "national": 1,
        "unrated": 1,
    }


def test_a_union_lower_in_the_tree_counts_only_its_subtree(fixture):
    _a, b = fixture
    got = figures(b, since=D(2015, 1, 1), until=D(2021, 1, 1))
    assert (got.studios, got.topics, got.results, got.patents) == (3, 2, 3, 3)


def test_without_a_period_everything_in_the_subtree_counts(fixture):
    a, _b = fixture
    got = figures(a)
    assert (got.studios, got.topics, got.projects, got.results, got.applied, got.patents) == (
        5,
        5,
        4,
        4,
        3,
        4,
    )


def test_a_union_without_studios_has_zero_everywhere(union_tree):
    got = figures(union_tree[2])
    assert (got.studios, got.results, got.patents, got.benefit_yuan) == (0, 0, 0, Decimal(0))


def test_the_figures_take_one_query_per_table(fixture, django_assert_num_queries):
    with django_assert_num_queries(5):
        figures(fixture[0], since=D(2015, 1, 1))


def test_the_press_paragraph_in_chinese_names_every_figure(fixture):
    got = figures(fixture[0], since=D(2015, 1, 1), until=D(2021, 1, 1))
    with translation.override("zh-hans"):
        text = press_paragraph(got, union_name="甲工会", since=D(2015, 1, 1))
    for figure in ("4", "3", "2", "125.00"):
        assert figure in text


def test_the_press_paragraph_in_english(fixture, english):
    got = figures(fixture[0], since=D(2015, 1, 1), until=D(2021, 1, 1))
    text = press_paragraph(got, union_name="Union A", since=D(2015, 1, 1))
    assert text.startswith("Since 2015-01-01, in the area of Union A, 4 worker innovation studios")
    assert "2 of them applied in production" in text
    assert "3 invention and utility model patents" in text
    assert "125.00 ten thousand yuan a year" in text
