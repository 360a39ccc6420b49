"""RPN, AIAG-VDA Action Priority (every one of the 1000 cells), criticality, ranking and its tie-breaks."""

from __future__ import annotations

import doctest
import itertools

import numpy as np
import pytest

import pse.fmea as fmea
from pse.fmea import ap as ap_module
from pse.fmea import ratings, scales


def handbook_ap(s: int, o: int, d: int) -> str:
    """Independent encoding of the AIAG-VDA (2019) AP table, written as the handbook reads row by row.

    Severity bands 9-10, 7-8, 4-6, 2-3, 1; occurrence bands 8-10, 6-7, 4-5, 2-3, 1;
    detection bands 7-10, 5-6, 2-4, 1.  Deliberately not data-driven, so it can disagree with the YAML.
    """
    if s == 1 or o == 1:
        return "L"
    if s >= 9:
        if o >= 6:
            return "H"
        if o >= 4:
            return "H" if d >= 2 else "M"
        return "H" if d >= 7 else ("M" if d >= 5 else "L")          # O 2-3
    if s >= 7:
        if o >= 8:
            return "H"
        if o >= 6:
            return "H" if d >= 2 else "M"
        if o >= 4:
            return "H" if d >= 7 else "M"
        return "M" if d >= 5 else "L"                                  # O 2-3
    if s >= 4:
        if o >= 8:
            return "H" if d >= 5 else "M"
        if o >= 6:
            return "M" if d >= 2 else "L"
        if o >= 4:
            return "M" if d >= 7 else "L"
        return "L"
    # S 2-3
    if o >= 8:
        return "M" if d >= 5 else "L"
    return "L"


CELLS = list(itertools.product(range(1, 11), repeat=3))


@pytest.mark.parametrize("s", range(1, 11))
def test_action_priority_every_cell_matches_the_handbook_table(s):
    for o, d in itertools.product(range(1, 11), repeat=2):
        assert fmea.action_priority(s, o, d) == handbook_ap(s, o, d), (s, o, d)


def test_action_priority_vectorised_over_all_1000_cells():
    s, o, d = (np.array(axis) for axis in zip(*CELLS, strict=True))
    got = fmea.action_priority(s, o, d)
    expected = np.array([handbook_ap(*cell) for cell in CELLS])
    assert got.shape == (1000,)
    assert (got == expected).all(), [c for c, g, e in zip(CELLS, got, expected, strict=True) if g != e][:5]
    codes = fmea.action_priority_code(s, o, d)
    assert set(np.unique(codes).tolist()) == {1, 2, 3}


def test_same_rpn_opposite_priority_check_pair():
    """AIAG-VDA's point: S8/O6/D2 and S2/O6/D8 share RPN 96, yet one is H and the other L."""
    assert fmea.rpn(8, 6, 2) == fmea.rpn(2, 6, 8) == 96
    assert fmea.action_priority(8, 6, 2) == "H"
    assert fmea.action_priority(2, 6, 8) == "L"


def test_rpn_and_criticality_scalars_and_arrays():
    assert fmea.rpn(10, 10, 10) == 1000 and fmea.rpn(1, 1, 1) == 1
    assert isinstance(fmea.rpn(3, 4, 5), int) and fmea.rpn(3, 4, 5) == 60
    assert fmea.criticality(8, 6) == 48
    out = fmea.rpn(np.array([2, 10]), np.array([3, 10]), np.array([4, 10]))
    assert out.tolist() == [24, 1000]
    assert fmea.rpn(np.array([2, 10]), 5, 2).tolist() == [20, 100]   # broadcasting


@pytest.mark.parametrize("bad, message", [
    (0, "a rating is from 1 to 10, got 0"),
    (11, "a rating is from 1 to 10, got 11"),
    (7.5, "a rating is a whole number from 1 to 10, got 7.5"),
    (True, "a rating is a whole number from 1 to 10, got True"),
    ("7", "a rating is a whole number from 1 to 10, got '7'"),
])
def test_bad_ratings_raise_a_clear_error(bad, message):
    with pytest.raises(fmea.RatingError, match=message):
        fmea.rpn(bad, 5, 5)
    with pytest.raises(fmea.RatingError, match="detection: "):
        fmea.action_priority(5, 5, bad)


def test_bad_rating_inside_an_array_is_found():
    with pytest.raises(fmea.RatingError, match="occurrence: a rating is from 1 to 10, got 12"):
        fmea.rpn(np.array([5, 5]), np.array([3, 12]), np.array([2, 2]))
    assert fmea.rpn(np.array([2.0]), np.array([3.0]), np.array([4.0])).tolist() == [24]   # whole floats accepted


def test_rpn_ranking_ties_broken_by_severity_then_occurrence_then_input_order():
    # RPN:        96       96       96      120      96
    s = np.array([2, 8, 4, 5, 8])
    o = np.array([6, 6, 8, 4, 2])
    d = np.array([8, 2, 3, 6, 6])
    order, rank = fmea.rank_order(s, o, d, by="rpn")
    # 120 first; among the 96s: S8 (rows 1 and 4, O6 before O2), then S4, then S2
    assert order.tolist() == [3, 1, 4, 2, 0]
    assert rank.tolist() == [5, 2, 4, 1, 3]


def test_identical_rows_keep_input_order():
    order, _ = fmea.rank_order([5, 5, 5], [5, 5, 5], [5, 5, 5], by="rpn")
    assert order.tolist() == [0, 1, 2]


def test_action_priority_ranking_puts_h_before_higher_rpn():
    # row 0: S2/O10/D10 RPN 200, AP M; row 1: S9/O4/D2 RPN 72, AP H; row 2: S10/O1/D10 RPN 100, AP L
    s, o, d = [2, 9, 10], [10, 4, 1], [10, 2, 10]
    assert fmea.action_priority(np.array(s), np.array(o), np.array(d)).tolist() == ["M", "H", "L"]
    order, _ = fmea.rank_order(s, o, d)                # default: AIAG-VDA Action Priority
    assert order.tolist() == [1, 0, 2]
    assert fmea.rank_order(s, o, d, by="rpn")[0].tolist() == [0, 2, 1]


def test_action_priority_ranking_ties_by_severity_occurrence_detection():
    # all H: S10/O8/D1, S10/O8/D9, S9/O9/D9, S10/O9/D1
    s, o, d = [10, 10, 9, 10], [8, 8, 9, 9], [1, 9, 9, 1]
    assert set(fmea.action_priority(np.array(s), np.array(o), np.array(d)).tolist()) == {"H"}
    assert fmea.rank_order(s, o, d)[0].tolist() == [3, 1, 0, 2]


def test_criticality_ranking():
    order, _ = fmea.rank_order([5, 9, 6], [6, 3, 5], [1, 1, 9], by="criticality")   # S x O: 30, 27, 30
    assert order.tolist() == [2, 0, 1]   # 30 (S6) before 30 (S5), then 27


def test_unknown_ranking_is_refused():
    with pytest.raises(ValueError, match="unknown ranking 'severity'"):
        fmea.rank_order([1], [1], [1], by="severity")


def test_million_rows_rank_correctly():
    """Speed is measured by benchmarks/run.py --stage fmea_rank; here: the vectorised path agrees with the scalar
    one."""
    rng = np.random.default_rng(20261123)
    n = 1_000_000
    s, o, d = (rng.integers(1, 11, n) for _ in range(3))
    rpn = fmea.rpn(s, o, d)
    ap = fmea.action_priority(s, o, d)
    order, rank = fmea.rank_order(s, o, d, by="rpn")
    assert rpn.shape == ap.shape == order.shape == (n,)
    for i in rng.integers(0, n, 200):
        assert ap[i] == handbook_ap(int(s[i]), int(o[i]), int(d[i]))
        assert rpn[i] == s[i] * o[i] * d[i]
    ranked = rpn[order]
    assert (np.diff(ranked) <= 0).all()
    same = np.diff(ranked) == 0
    assert (np.diff(s[order])[same] <= 0).all()   # ties: severity descending
    assert sorted(rank.tolist()[:5]) == sorted(set(rank.tolist()[:5]))


def test_compact_table_is_stored_with_its_expansion_rule_and_provenance():
    data = ap_module.yaml_table()
    assert data["rows"]["9-10"][3] == "HMLL"      # S 9-10, O 2-3: D 7-10 H, 5-6 M, 2-4 L, 1 L
    assert {"source", "edition", "checked", "checked_against"} <= set(data)
    table = fmea.load_ap_table()
    assert table.codes.shape == (11, 11, 11) and not table.codes.flags.writeable
    assert table.letter(8, 6, 2) == "H"


@pytest.mark.parametrize("change, message", [
    (lambda t: t.update(detection_bands=[[7, 10], [5, 6], [3, 4], [1, 1]]), "ratings \\[2\\] are in no band"),
    (lambda t: t.update(severity_bands=[[9, 10], [7, 9], [4, 6], [2, 3], [1, 1]]), "rating 9 is in two bands"),
    (lambda t: t["rows"].update({"7-8": ["HHHH", "HHHM", "HMMM", "MMLL"]}), "4 occurrence bands"),
    (lambda t: t["rows"].update({"1": ["LLLL", "LLLL", "LLXL", "LLLL", "LLLL"]}), "must be 4 letters of H, M, L"),
])
def test_malformed_table_data_are_refused(change, message):
    data = ap_module.yaml_table()
    change(data)
    with pytest.raises(ap_module.ApTableError, match=message):
        ap_module.expand_table(data)


def test_scales_are_complete_and_bilingual():
    for name in scales.scale_names():
        scale = fmea.load_scale(name)
        for axis in scales.AXES:
            levels = getattr(scale, axis)
            assert sorted(levels) == list(range(1, 11)), (name, axis)
            assert all(levels[r]["en"] and levels[r]["zh-TW"] for r in levels), (name, axis)
    assert set(scales.scale_names()) == {"aiag-vda-pfmea", "aiag-vda-dfmea", "aiag4-pfmea", "aiag4-dfmea"}
    # AIAG 4th edition PFMEA occurrence 6: 2 per thousand (1 in 500)
    assert "1 in 500" in fmea.load_scale("aiag4-pfmea").describe("occurrence", 6)
    assert fmea.load_scale("aiag-vda-pfmea").describe("severity", 1, "zh-TW") == "無可察覺之影響"


@pytest.mark.parametrize("module", [ratings, ap_module, scales])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("by", fmea.RANKINGS)
def test_cell_key_ranking_equals_the_four_key_lexsort(by):
    """The lookup + stable sort gives the order the docstring defines (a lexsort over the keys, ties in input
    order) for every rating combination, repeated rows included."""
    rng = np.random.default_rng(7)
    s, o, d = (rng.integers(1, 11, 5_000) for _ in range(3))
    position = np.arange(s.size)
    ap = fmea.action_priority_code(s, o, d)
    keys = {"rpn": (position, -o, -s, -(s * o * d)), "action_priority": (position, -d, -o, -s, -ap.astype(int)),
            "criticality": (position, -d, -s, -(s * o))}[by]
    order, rank = fmea.rank_order(s, o, d, by=by)
    assert order.tolist() == np.lexsort(keys).tolist()
    assert (rank[order] == position + 1).all()
