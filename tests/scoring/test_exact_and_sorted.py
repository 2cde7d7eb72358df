"""The rules' exact arithmetic, and ``place_sorted``: the ranking walk over rows a database
has already scored in integer cents and sorted, which must place them as
``compute_event`` does."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoring as rules
from scoring import CriterionSpec, EntryInput, Problem, SchemeError

D = Decimal
THEORY = CriterionSpec("T", D(30), D(100), "mean", 3)
PRACTICAL = CriterionSpec("P", D(70), D(10), "trimmed_mean", 5)
SPECS = [THEORY, PRACTICAL]


def reference_cents(value: Fraction) -> int:
    """Half-up rounding of an exact fraction to cents, independent of rules."""
    scaled = value * 100
    return int((2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator))


def reference_score(spec: CriterionSpec, marks: list[Decimal]) -> Fraction:
    kept = sorted(Fraction(m) for m in marks)
    if spec.aggregation == "trimmed_mean" and len(kept) >= 3:
        kept = kept[1:-1]
    return Fraction(spec.weight) * (sum(kept) / len(kept)) / Fraction(spec.max_mark)


# --- exact arithmetic, worked by hand --------------------------------------------------


def test_criterion_and_total_are_rounded_once_from_exact_fractions():
    # T: 30 x (85.5 + 85.5 + 85.55) / 3 / 100 = 25.655 exactly -> 25.66
    # P: 70 x (8.45 x 3) / 3 / 10 = 59.15; total 84.805 -> 84.81 (half up, once)
    entry = EntryInput(1, {"T": [D("85.5"), D("85.5"), D("85.55")], "P": [D("8.45")] * 5})
    [r] = rules.compute_event(SPECS, [entry])
    assert (r.total, r.criteria) == (D("84.81"), {"T": D("25.66"), "P": D("59.15")})


def test_thirds_that_add_up_to_a_half_cent_round_up():
    # A and B: 50 x mark / 3 (max 3, one mark): 50 x 0.01 / 3 + 50 x 0.02 / 3 = 0.5 exactly
    # (0.1666.. + 0.3333..): exact, so half up gives 0.50 whatever the parts look like.
    a = CriterionSpec("A", D(50), D(3), "mean", 1)
    b = CriterionSpec("B", D(50), D(3), "mean", 1)
    [r] = rules.compute_event([a, b], [EntryInput(1, {"A": [D("0.01")], "B": [D("0.02")]})])
    assert r.total == D("0.50")
    assert r.criteria == {"A": D("0.17"), "B": D("0.33")}


marks_t = st.lists(st.integers(0, 10_000), min_size=2, max_size=4)
marks_p = st.lists(st.integers(0, 1_000), min_size=4, max_size=6)


@settings(max_examples=300, deadline=None)
@given(marks_t, marks_p, st.integers(0, 500))
def test_compute_event_equals_an_exact_fraction_reference(t, p, penalty):
    marks = {"T": [D(v) / 100 for v in t], "P": [D(v) / 100 for v in p]}
    [r] = rules.compute_event(SPECS, [EntryInput(1, marks, penalties=D(penalty) / 100)])
    scores = {
        s.code: reference_score(s, marks[s.code])
        for s in SPECS
        if len(marks[s.code]) >= s.judges_required
    }
    for code, score in scores.items():
        assert r.criteria[code] == D(reference_cents(score)) / 100
    if len(scores) < 2:
        assert r.total is None
    else:
        total = max(sum(scores.values()) - Fraction(penalty, 100), Fraction(0))
        assert r.total == D(reference_cents(total)) / 100


# --- place_sorted ------------------------------------------------------------------------

cents_t = st.one_of(st.integers(0, 12).map(lambda n: n * 250), st.integers(0, 3000))
cents_p = st.one_of(st.integers(0, 28).map(lambda n: n * 250), st.integers(0, 7000))


@st.composite
def scored_entries(draw):
    """(entry_id, T cents, P cents or None when incomplete, seconds, eligible, draw)."""
    n = draw(st.integers(1, 40))
    return [
        (
            i,
            draw(cents_t),
            draw(cents_p) if draw(st.booleans()) or draw(st.booleans()) else None,
            draw(st.sampled_from([None, 60, 90])),
            draw(st.booleans()) or draw(st.booleans()),
            draw(st.one_of(st.none(), st.integers(1, 6))),
        )
        for i in range(1, n + 1)
    ]


OPTIONS = st.fixed_dictionaries(
    {
        "tie_break": st.sampled_from([[], ["time"], ["P", "time"], ["T"]]),
        "shared_places": st.booleans(),
        "tiers": st.sampled_from([[], rules.preset_prizes_10_20_30(), rules.preset_medals()]),
        "promotion": st.sampled_from([None, rules.preset_promotion_top5()]),
    }
)


@settings(max_examples=80, deadline=None)
@given(scored_entries(), OPTIONS, st.randoms(use_true_random=False))
def test_place_sorted_places_sorted_rows_as_compute_event_does(entries, options, rnd):
    # Give compute_event marks that score exactly the same cents: one judge per criterion
    # whose mark, on a scale of max = weight, is the score itself.
    specs = [
        CriterionSpec("T", D(30), D(30), "mean", 1),
        CriterionSpec("P", D(70), D(70), "mean", 1),
    ]
    inputs = []
    for entry_id, t, p, seconds, eligible, lot in entries:
        marks = {"T": [D(t) / 100]} | ({} if p is None else {"P": [D(p) / 100]})
        inputs.append(EntryInput(entry_id, marks, D(0), seconds, eligible, lot))
    grades = {e[0]: rnd.randint(1, 5) for e in entries}
    rnd.shuffle(inputs)
    expected = [r for r in rules.compute_event(specs, inputs, grades=grades, **options) if r.rank]

    def row(entry):
        entry_id, t, p, seconds, _eligible, lot = entry
        parts = [-(t + p)]
        for item in options["tie_break"]:
            if item == "time":
                parts.append(1 << 62 if seconds is None else seconds)
            else:
                parts.append(-{"T": t, "P": p}[item])
        return (*parts, entry_id, entry, lot, grades[entry_id])

    ranked = [e for e in entries if e[2] is not None and e[4]]
    rows = sorted((row(e) for e in ranked), key=lambda r: r[: len(r) - 3])
    placed = rules.place_sorted(
        iter(rows),
        ranked_cents_desc=[-r[0] for r in rows],
        tie_break=options["tie_break"],
        shared_places=options["shared_places"],
        tiers=options["tiers"],
        promotion=options["promotion"],
    )
    got = [
        (r[-3][0], rank, total, std, tier, decided_by, drawn, promoted)
        for r, rank, total, decided_by, drawn, std, tier, promoted in placed
    ]
    assert got == [
        (e.entry_id, e.rank, e.total, e.standardised, e.tier, e.decided_by, e.needs_draw,
         e.promotion)
        for e in expected
    ]  # fmt: skip


def test_a_tie_break_on_an_unknown_criterion_is_refused():
    with pytest.raises(SchemeError) as err:
        rules.compute_event([CriterionSpec("X", D(100), D(100), "mean", 1)], [], tie_break=["Y"])
    assert err.value.problems == [Problem("tie_break[0]", "unknown", {"item": "Y"})]
