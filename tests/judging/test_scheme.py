from decimal import Decimal

import pytest

from judging.models import Criterion, ScoringScheme
from tests.conftest import client_for
from tests.factories import EventFactory
from tests.judging.conftest import mark

pytestmark = pytest.mark.django_db


def doc(**overrides):
    body = {
        "criteria": [
            {
                "code": "T",
                "name": "理论知识",
                "weight": "30",
                "max_mark": "100",
                "kind": "measurement",
                "aggregation": "mean",
                "judges_required": 1,
            },
            {
                "code": "P",
                "name": "操作技能",
                "weight": "70",
                "max_mark": "100",
                "kind": "judgement",
                "aggregation": "trimmed_mean",
                "judges_required": 5,
            },
        ],
        "tie_break": ["time", "P", "T"],
        "shared_places": True,
        "award_tiers": [
            {"name": "一等奖", "share": "0.1"},
            {"name": "二等奖", "share": "0.2"},
            {"name": "三等奖", "share": "0.3", "min_total": "60"},
        ],
    }
    body.update(overrides)
    return body


@pytest.fixture
def event(union_tree):
    return EventFactory(contest__host_union=union_tree[1])


def put(user, event, body):
    return client_for(user).put(f"/api/v1/events/{event.pk}/scheme/", body, format="json")


def test_officer_replaces_the_whole_vocational_scheme(officer_a, event):
    response = put(officer_a, event, doc())
    assert response.status_code == 200, response.json()
    assert [c["code"] for c in response.json()["criteria"]] == ["T", "P"]
    assert Criterion.objects.get(event=event, code="P").judges_required == 5
    scheme = ScoringScheme.objects.get(event=event)
    assert scheme.tie_break == ["time", "P", "T"]
    assert scheme.award_tiers[2] == {"name": "三等奖", "share": "0.3", "min_total": "60"}
    only_theory = [doc()["criteria"][0] | {"weight": "100"}]
    second = put(officer_a, event, doc(criteria=only_theory, tie_break=["time"]))
    assert second.status_code == 200
    assert list(Criterion.objects.filter(event=event).values_list("code", flat=True)) == ["T"]


def test_worldskills_scheme_with_a_0_to_3_scale_is_accepted(officer_a, event):
    criteria = [
        {
            "code": f"J{i}",
            "name": f"评判{i}",
            "weight": "25",
            "max_mark": "3",
            "kind": "judgement",
            "aggregation": "mean",
            "judges_required": 3,
            "divergence_limit": "1",
            "step": "1",
        }
        for i in range(4)
    ]
    response = put(officer_a, event, doc(criteria=criteria, tie_break=["J0"]))
    assert response.status_code == 200, response.json()
    assert Criterion.objects.get(event=event, code="J0").step == Decimal(1)


def test_gymnastics_tolerance_after_trimming_is_expressible(officer_a, event):
    criteria = [
        {
            "code": "E",
            "name": "完成",
            "weight": "100",
            "max_mark": "10",
            "kind": "judgement",
            "aggregation": "trimmed_mean",
            "judges_required": 5,
            "divergence_limit": "0.3",
            "step": "0.1",
        }
    ]
    assert put(officer_a, event, doc(criteria=criteria, tie_break=[])).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"criteria": [{"code": "T", "name": "理论", "weight": "30", "max_mark": "100"}]},
            "criteria",
        ),
        (
            {
                "criteria": [
                    {"code": "T", "name": "a", "weight": "50", "max_mark": "100"},
                    {"code": "T", "name": "b", "weight": "50", "max_mark": "100"},
                ]
            },
            "criteria",
        ),
        (
            {
                "criteria": [{"code": "time", "name": "a", "weight": "100", "max_mark": "1"}],
                "tie_break": [],
            },
            "criteria",
        ),
        (
            {
                "criteria": [{"code": "T", "name": "a", "weight": "100", "max_mark": "0"}],
                "tie_break": [],
            },
            "criteria",
        ),
        (
            {
                "criteria": [
                    {"code": "T", "name": "a", "weight": "100", "max_mark": "10", "step": "3"}
                ],
                "tie_break": [],
            },
            "criteria",
        ),
        (
            {
                "criteria": [
                    {
                        "code": "T",
                        "name": "a",
                        "weight": "100",
                        "max_mark": "10",
                        "kind": "measurement",
                        "divergence_limit": "1",
                    }
                ],
                "tie_break": [],
            },
            "criteria",
        ),
        ({"criteria": []}, "criteria"),
        ({"tie_break": ["X"]}, "tie_break"),
        ({"tie_break": ["P", "P"]}, "tie_break"),
        ({"award_tiers": [{"name": "一等奖", "count": 3, "share": "0.1"}]}, "award_tiers"),
        ({"award_tiers": [{"name": "一等奖"}]}, "award_tiers"),
        ({"award_tiers": [{"name": "一等奖", "share": "1.5"}]}, "award_tiers"),
        ({"award_tiers": [{"name": "一等奖", "count": 0}]}, "award_tiers"),
        ({"award_tiers": [{"name": "一等奖", "count": 1, "min_total": "x"}]}, "award_tiers"),
        ({"award_tiers": [{"count": 1}]}, "award_tiers"),
        ({"award_tiers": [{"name": "a", "count": 1, "colour": "gold"}]}, "award_tiers"),
        ({"promotion": {}}, "promotion"),
        ({"promotion": {"within_rank": 0}}, "promotion"),
    ],
)
def test_invalid_scheme_is_refused_with_a_field_message(officer_a, event, change, field):
    response = put(officer_a, event, doc(**change))
    assert response.status_code == 400
    assert field in response.json()
    assert not Criterion.objects.filter(event=event).exists()


def test_weights_not_adding_up_to_100_are_named_in_the_message(officer_a, event):
    body = doc()
    body["criteria"][1]["weight"] = "60"
    response = put(officer_a, event, body)
    assert response.status_code == 400
    assert "90" in response.json()["criteria"][0]


def test_replacing_the_scheme_announces_marks_changed(officer_a, event, announced):
    put(officer_a, event, doc())
    assert announced == [event.pk]


def test_officer_outside_the_host_subtree_cannot_change_the_scheme(officer_c, event):
    assert put(officer_c, event, doc()).status_code == 403


def test_judge_cannot_change_the_scheme(contest):
    assert put(contest.judges[0].user, contest.event, doc()).status_code == 403


@pytest.mark.usefixtures("english")  # asserts English text
def test_scheme_is_locked_once_a_mark_exists(officer_a, contest):
    mark(contest.judges[1], contest.entries[0], "T", 80)
    response = put(officer_a, contest.event, doc())
    assert response.status_code == 400
    assert "locked" in response.json()["criteria"][0]
    assert client_for(officer_a).get(f"/api/v1/events/{contest.event.pk}/scheme/").json()["locked"]


def test_anyone_reads_the_scheme(api, contest):
    body = api.get(f"/api/v1/events/{contest.event.pk}/scheme/").json()
    assert [c["code"] for c in body["criteria"]] == ["T", "P"]
    assert body["locked"] is False
