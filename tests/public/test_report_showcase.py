"""The contest report's showcase figures reach its press release and spreadsheet, worded as
the seed's Chongqing report words them (posts by kind, likes, comments)."""

import io

import openpyxl
import pytest
from django.utils import translation

from contests.models import Contest
from public import report
from tests.factories import ContestFactory, EmployerFactory
from tests.public.factories import published_event
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest_with_posts():
    contest = ContestFactory(status=Contest.Status.PUBLISHED)
    published_event(contest.events.create(name="燃气管道工"), entries=2)
    unit = EmployerFactory(union=contest.host_union)
    PostFactory(employer=unit, contest=contest, kind="news", like_count=700, comment_count=76)
    PostFactory(employer=unit, contest=contest, kind="news", like_count=3)
    PostFactory(employer=unit, contest=contest, kind="exemplary", like_count=5, comment_count=1)
    return contest


def test_press_release_gives_showcase_posts_by_kind_likes_and_comments(contest_with_posts):
    with translation.override("en"):
        text = report.contest_report(contest_with_posts)["press_release"]
    assert (
        "The online showcase published 3 posts (news: 2, exemplary worker: 1), which"
        " received 708 likes and 77 comments." in text
    )


def test_press_release_without_posts_says_nothing_of_the_showcase(db):
    contest = ContestFactory(status=Contest.Status.PUBLISHED)
    published_event(contest.events.create(name="燃气管道工"), entries=2)
    with translation.override("en"):
        text = report.contest_report(contest)["press_release"]
    assert "showcase" not in text


def test_report_spreadsheet_has_the_showcase_figures(contest_with_posts):
    with translation.override("en"):
        data = report.report_xlsx(report.contest_report(contest_with_posts))
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].values)
    overview = {row[0]: row[1] for row in rows if row and row[0]}
    assert (overview["Showcase posts"], overview["Likes"], overview["Comments"]) == (3, 708, 77)
