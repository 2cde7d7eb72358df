"""The fast path of scoring.compute_event: marks handed over as MarkSummary
(count, sum, low, high) as the database aggregates them must give exactly the results of
the marks themselves."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoring as rules
from scoring import CriterionSpec, EntryInput, MarkSummary

D = Decimal

THEORY = CriterionSpec("T", D(30), D(100), "mean", 3)
PRACTICAL = CriterionSpec("P", D(70), D(10), "trimmed_mean", 5)
# one-criterion schemes (weights add up to 100)
MEAN_OF_3 = CriterionSpec("T", D(100), D(100), "mean", 3)
MEAN_OF_2 = CriterionSpec("T", D(100), D(100), "mean", 2)
TRIMMED_OF_5 = CriterionSpec("P", D(100), D(10), "trimmed_mean", 5)


def summarised(entry: EntryInput) -> EntryInput:
    return EntryInput(
        entry.entry_id,
        {code: MarkSummary.of(values) for code, values in entry.marks.items() if values},
        penalties=entry.penalties,
        completion_seconds=entry.completion_seconds,
        eligible=entry.eligible,
        draw=entry.draw,
    )


def test_summary_of_marks_is_count_sum_low_high():
    # 7.5 + 9 + 8 = 24.5; lowest 7.5, highest 9
    assert MarkSummary.of([D("7.5"), D("9"), D("8")]) == (3, D("24.5"), D("7.5"), D("9"))


def test_trimmed_mean_from_summary_drops_highest_and_lowest():
    # marks 6, 7, 8, 9, 10: (40 - 10 - 6) / 3 = 8 of 10 -> 100 x 8 / 10 = 80.00
    entry = EntryInput(1, {"P": MarkSummary(5, D(40), D(6), D(10))})
    [result] = rules.compute_event([TRIMMED_OF_5], [entry])
    assert result.total == D("80.00")
    assert result.criteria == {"P": D("80.00")}


def test_mean_from_summary_keeps_an_exact_half_and_rounds_it_up():
    # 66.00 + 67.41 = 133.41 over 2 judges: 100 x 133.41 / (100 x 2) = 66.705 -> 66.71
    # (half up; half-even would give 66.70)
    entry = EntryInput(1, {"T": MarkSummary(2, D("133.41"), D("66.00"), D("67.41"))})
    [result] = rules.compute_event([MEAN_OF_2], [entry])
    assert result.total == D("66.71")


def test_summary_with_too_few_marks_leaves_the_entry_incomplete():
    entry = EntryInput(1, {"T": MarkSummary(2, D(150), D(70), D(80))})
    [result] = rules.compute_event([MEAN_OF_3], [entry])
    assert result.total is None
    assert result.rank is None


def test_summary_out_of_range_is_refused():
    entry = EntryInput(1, {"T": MarkSummary(3, D(300), D(90), D(101))})
    with pytest.raises(ValueError, match=r"0\.\.100"):
        rules.compute_event([MEAN_OF_3], [entry])


def test_median_refuses_a_summary():
    median = CriterionSpec("M", D(100), D(10), "median", 3)
    entry = EntryInput(1, {"M": MarkSummary(3, D(24), D(7), D(9))})
    with pytest.raises(ValueError, match="median"):
        rules.compute_event([median], [entry])


marks_strategy = st.lists(
    st.integers(min_value=0, max_value=1000).map(lambda n: D(n) / 100), min_size=0, max_size=7
)
theory_strategy = st.lists(
    st.integers(min_value=0, max_value=200).map(lambda n: D(n) / 2), min_size=0, max_size=5
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            theory_strategy,
            marks_strategy,
            st.integers(min_value=0, max_value=300).map(lambda n: D(n) / 100),
            st.booleans(),
            st.integers(min_value=1000, max_value=1010),
        ),
        max_size=25,
    ),
    st.booleans(),
)
def test_summaries_give_the_same_results_as_the_marks(rows, shared_places):
    entries = [
        EntryInput(
            i,
            {"T": theory, "P": practical},
            penalties=penalty,
            eligible=eligible,
            completion_seconds=seconds,
        )
        for i, (theory, practical, penalty, eligible, seconds) in enumerate(rows, 1)
    ]
    options = {
        "tie_break": ["P", "time"],
        "shared_places": shared_places,
        "tiers": rules.preset_prizes_10_20_30(),
        "promotion": rules.preset_promotion_top5(),
        "grades": {i: 1 + i % 5 for i in range(1, len(rows) + 1)},
    }
    slow = rules.compute_event([THEORY, PRACTICAL], entries, **options)
    fast = rules.compute_event([THEORY, PRACTICAL], [summarised(e) for e in entries], **options)
    assert fast == slow


def test_entry_input_builds_the_same_record_as_the_dataclass():
    marks = {"T": MarkSummary(3, D(240), D(70), D(90))}
    fast = rules.entry_input(7, marks, D("1.5"), 1800, False, 3)
    slow = EntryInput(7, marks, penalties=D("1.5"), completion_seconds=1800, eligible=False, draw=3)
    assert fast == slow
    assert (fast.entry_id, fast.marks, fast.penalties, fast.draw) == (7, marks, D("1.5"), 3)
    assert rules.entry_input(8, {}) == EntryInput(8, {})
