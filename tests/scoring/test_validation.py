"""The one scheme validator: structured problems, one per thing wrong, no prose."""

from decimal import Decimal

import pytest

from scoring import AwardTier, CriterionSpec, PromotionRule, SchemeError, compute_event
from scoring import validation as v
from scoring.validation import Problem

D = Decimal
T = CriterionSpec("T", D(30), D(100), "mean", 3)
P = CriterionSpec("P", D(70), D(10), "trimmed_mean", 5)


def test_a_valid_scheme_has_no_problems():
    assert v.criteria_problems([T, P]) == []
    assert v.tie_break_problems(["time", "P", "T"], ["T", "P"]) == []


def test_a_scheme_without_criteria_is_refused():
    assert v.criteria_problems([]) == [Problem("criteria", "required")]


def test_weights_not_adding_up_to_100_name_their_total():
    low = CriterionSpec("T", D(20), D(100), "mean", 3)
    assert v.criteria_problems([low, P]) == [
        Problem("criteria", "weights_must_add_up_to_100", {"total": D(90)})
    ]


def test_each_problem_names_its_criterion_field():
    bad = CriterionSpec("time", D(70), D(0), "mode", 0)
    assert v.criteria_problems([T, bad]) == [
        Problem("criteria[1].code", "reserved", {"criterion": "time"}),
        Problem("criteria[1].max_mark", "positive", {"criterion": "time"}),
        Problem("criteria[1].aggregation", "unknown", {"criterion": "time"}),
        Problem(
            "criteria[1].judges_required", "whole_at_least", {"criterion": "time", "minimum": 1}
        ),
    ]


def test_a_tie_break_item_must_be_a_code_of_the_event_or_time_once():
    assert v.tie_break_problems(["P", "X", "P"], ["T", "P"]) == [
        Problem("tie_break[1]", "unknown", {"item": "X"}),
        Problem("tie_break[2]", "duplicate", {"item": "P"}),
    ]


def test_a_tier_of_no_places_is_refused():
    assert v.tier_problems([AwardTier("一等奖", count=0)]) == [
        Problem("award_tiers[0].count", "whole_at_least", {"tier": 1, "minimum": 1})
    ]


def test_a_tier_needs_exactly_one_size():
    assert v.tier_problems([AwardTier("一等奖")]) == [
        Problem("award_tiers[0]", "exactly_one_size", {"tier": 1, "given": []})
    ]


def test_stored_tiers_parse_and_store_back_unchanged():
    config = [
        {"name": "金奖", "count": 2, "min_total": "75"},
        {"name": "银奖", "share": "0.2", "min_standardised": "705"},
        {"name": "优胜奖", "until_share": "0.6"},
    ]
    tiers, problems = v.parse_tiers(config)
    assert problems == []
    assert tiers[0] == AwardTier("金奖", count=2, min_total=D(75))
    assert v.tiers_config(tiers) == config


def test_a_preset_name_gives_its_tiers():
    tiers, problems = v.parse_tiers("medals")
    assert problems == [] and [t.name for t in tiers] == ["金牌", "银牌", "铜牌", "优胜奖"]


def test_unknown_tier_keys_and_numbers_that_are_not_numbers_are_reported():
    _tiers, problems = v.parse_tiers(
        [{"name": "a", "count": 1, "min_total": "x", "colour": "gold"}]
    )
    assert problems == [
        Problem("award_tiers[0]", "unknown_keys", {"tier": 1, "keys": ["colour"]}),
        Problem("award_tiers[0].min_total", "non_negative", {"tier": 1}),
    ]


def test_an_empty_promotion_rule_is_refused():
    assert v.parse_promotion({}) == (
        PromotionRule(),
        [Problem("promotion", "within_rank_or_min_total")],
    )


def test_a_promotion_rule_parses_and_stores_back_unchanged():
    rule, problems = v.parse_promotion({"within_rank": 5, "min_total": "60"})
    assert problems == [] and rule == PromotionRule(within_rank=5, min_total=D(60))
    assert v.promotion_config(rule) == {"within_rank": 5, "min_total": "60"}


def test_the_rules_refuse_a_scheme_with_every_problem_listed():
    low = CriterionSpec("T", D(20), D(100), "mean", 3)
    with pytest.raises(SchemeError) as err:
        compute_event([low, P], [], tie_break=["X"])
    assert [p.field for p in err.value.problems] == ["criteria", "tie_break[0]"]
    assert "weights must add up to 100" in str(err.value)
