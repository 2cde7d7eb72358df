"""rules' exact arithmetic and its ranking half: ``rank_scored`` for entries scored in
integer cents elsewhere, ``place_sorted`` for rows a database has already sorted."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from results import rules
from results.rules import CriterionSpec, EntryInput, ScoredInput

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


# --- rank_scored and place_sorted ------------------------------------------------------


@st.composite
def scored_entries(draw):
    n = draw(st.integers(1, 40))
    entries = []
    for i in range(1, n + 1):
        complete = draw(st.booleans()) or draw(st.booleans())
        crit = (draw(st.integers(0, 3000)), draw(st.integers(0, 7000)))
        total = draw(st.integers(0, 40)) * 250 if complete else None
        entries.append(
            ScoredInput(
                i,
                total,
                crit if complete else (crit[0], None),
                draw(st.sampled_from([None, 60, 90])),
                draw(st.booleans()) or draw(st.booleans()),
                draw(st.one_of(st.none(), st.integers(1, 6))),
            )
        )
    return entries


OPTIONS = st.fixed_dictionaries(
    {
        "tie_break": st.sampled_from([[], ["time"], ["P", "time"], ["T"]]),
        "shared_places": st.booleans(),
        "tiers": st.sampled_from([[], rules.preset_prizes_10_20_30(), rules.preset_medals()]),
        "promotion": st.sampled_from([None, rules.preset_promotion_top5()]),
    }
)


@settings(max_examples=200, deadline=None)
@given(scored_entries(), OPTIONS, st.randoms(use_true_random=False))
def test_rank_scored_equals_compute_event_on_the_same_scores(entries, options, rnd):
    # Give compute_event marks that score exactly the same cents: one judge per criterion
    # whose mark, on a scale of max = weight, is the score itself.
    specs = [
        CriterionSpec("T", D(30), D(30), "mean", 1),
        CriterionSpec("P", D(70), D(70), "mean", 1),
    ]
    inputs, scored = [], []
    for e in entries:
        t_cents, p_cents = e.criteria_cents
        marks = {"T": [D(t_cents) / 100]}
        if p_cents is not None:
            marks["P"] = [D(p_cents) / 100]
            total = t_cents + p_cents
        else:
            total = None
        inputs.append(EntryInput(e.entry_id, marks, D(0), e.completion_seconds, e.eligible, e.draw))
        scored.append(e._replace(total_cents=total))
    grades = {e.entry_id: rnd.randint(1, 5) for e in entries}
    rnd.shuffle(scored)
    expected = rules.compute_event(specs, inputs, grades=grades, **options)
    assert rules.rank_scored(["T", "P"], scored, grades=grades, **options) == expected


@settings(max_examples=200, deadline=None)
@given(scored_entries(), OPTIONS)
def test_place_sorted_streams_what_rank_scored_ranks(entries, options):
    codes = ["T", "P"]
    ranked = [
        e
        for e in entries
        if e.total_cents is not None and e.eligible and None not in e.criteria_cents
    ]
    expected = [r for r in rules.rank_scored(codes, ranked, **options) if r.rank is not None]

    def key(e):
        parts = [-e.total_cents]
        for item in options["tie_break"]:
            if item == "time":
                parts.append(1 << 62 if e.completion_seconds is None else e.completion_seconds)
            else:
                parts.append(-e.criteria_cents[codes.index(item)])
        return (*parts, e.entry_id, e, e.draw, None)

    rows = sorted((key(e) for e in ranked), key=lambda row: row[: len(row) - 3])
    placed = list(
        rules.place_sorted(
            iter(rows),
            ranked_cents_desc=[-row[0] for row in rows],
            tie_break=options["tie_break"],
            shared_places=options["shared_places"],
            tiers=options["tiers"],
            promotion=options["promotion"],
        )
    )
    got = [
        (row[-3].entry_id, rank, total, std, tier, decided_by, drawn)
        for row, rank, total, decided_by, drawn, std, tier, _promoted in placed
    ]
    assert got == [
        (r.entry_id, r.rank, r.total, r.standardised, r.tier, r.decided_by, r.needs_draw)
        for r in expected
    ]


def test_rank_scored_refuses_a_negative_total():
    with pytest.raises(ValueError, match="total_cents"):
        rules.rank_scored(["X"], [ScoredInput(1, -1, (0,))])


def test_rank_scored_needs_one_score_per_code():
    with pytest.raises(ValueError, match="one criterion score per code"):
        rules.rank_scored(["X", "Y"], [ScoredInput(1, 100, (100,))])


def test_rank_scored_refuses_a_tie_break_on_an_unknown_criterion():
    with pytest.raises(ValueError, match="unknown tie_break item"):
        rules.rank_scored(["X"], [ScoredInput(1, 100, (100,))], tie_break=["Y"])
