"""Grading of objective questions: worked examples of each rule, and properties."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from scoring import quiz

P = Decimal("2.00")


def test_single_choice_right_earns_the_points():
    assert quiz.grade("single", ["B"], ["B"], P) == Decimal("2.00")


def test_single_choice_with_two_options_chosen_earns_nothing():
    assert quiz.grade("single", ["B"], ["A", "B"], P) == Decimal("0.00")


def test_multiple_choice_all_right_earns_the_points():
    assert quiz.grade("multiple", ["A", "C", "D"], ["D", "A", "C"], P) == Decimal("2.00")


def test_multiple_choice_some_right_none_wrong_earns_half():
    assert quiz.grade("multiple", ["A", "C", "D"], ["A", "C"], P) == Decimal("1.00")


def test_multiple_choice_with_a_wrong_option_earns_nothing():
    assert quiz.grade("multiple", ["A", "C", "D"], ["A", "B"], P) == Decimal("0.00")


def test_true_false_compares_booleans_not_strings():
    assert quiz.grade("true_false", [True], [True], P) == Decimal("2.00")
    assert quiz.grade("true_false", [True], ["true"], P) == Decimal("0.00")


def test_fill_in_accepts_any_listed_alternative_in_full_width_or_other_case():
    answer = ["PE管", "聚乙烯管"]
    assert quiz.grade("fill", answer, ["ｐｅ管"], P) == Decimal("2.00")
    assert quiz.grade("fill", answer, [" 聚乙烯管 "], P) == Decimal("2.00")
    assert quiz.grade("fill", answer, ["钢管"], P) == Decimal("0.00")


def test_scale_to_the_criterion_maximum():
    assert quiz.scale(Decimal("45"), Decimal("60"), Decimal("100")) == Decimal("75.00")
    assert quiz.scale(Decimal("0"), Decimal("0"), Decimal("100")) == Decimal("0.00")


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=10,
)


@given(kind=st.sampled_from(quiz.KINDS), given_=junk)
def test_malformed_answers_never_raise_and_earn_at_most_the_points(kind, given_):
    earned = quiz.grade(kind, ["A"], given_, P)
    assert Decimal(0) <= earned <= P


@given(
    right=st.sets(st.sampled_from("ABCDEF"), min_size=1), chosen=st.sets(st.sampled_from("ABCDEF"))
)
def test_multiple_choice_earns_full_only_for_the_exact_set(right, chosen):
    full = quiz.fraction("multiple", sorted(right), sorted(chosen)) == 1
    assert full == (chosen == right)
