"""The system judge of an online test is not a person: officers' judge lists leave it out."""

import pytest
from django.test import Client

from judging.models import SYSTEM_JUDGE_PREFIX, Judge
from tests.conftest import client_for
from tests.judging.factories import JudgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def judges(union_tree):
    person = JudgeFactory(union=union_tree[1], name="张裁判", user__username="caipan")
    system = JudgeFactory(
        union=union_tree[1], name="在线考试", user__username=f"{SYSTEM_JUDGE_PREFIX}test-1"
    )
    return person, system


def test_people_leaves_out_system_judges(judges):
    person, _system = judges
    assert list(Judge.objects.people()) == [person]


def test_judge_api_lists_no_system_judge(officer_a, judges):
    rows = client_for(officer_a).get("/api/v1/judges/").json()["results"]
    assert [row["name"] for row in rows] == ["张裁判"]


def test_console_judge_list_shows_no_system_judge(officer_a, judges):
    client = Client()
    client.force_login(officer_a)
    page = client.get("/en/manage/judges/").content.decode()
    assert "张裁判" in page and "在线考试" not in page
