"""Tests of pse.risk: presets transcribed from the seeds, the API, and validation of declared matrices."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pse.risk import (LevelError, MatrixSpec, RiskMatrix, UnknownMatrixError,
                      available_matrices, load_matrix)


@pytest.fixture(scope="module")
def tw():
    return load_matrix("tw-osha-5")


@pytest.fixture(scope="module")
def hazop():
    return load_matrix("seed001-hazop")


def tw_mapping() -> dict:
    """A plain-dict copy of the tw-osha-5 preset, to mutate into bad declarations."""
    return copy.deepcopy(load_matrix("tw-osha-5").spec.model_dump(exclude_none=True))


# ---- tw-osha-5: every attested cell (seed 002 Table 1-3; (S4, P1) from seed 004) ----------
ATTESTED = [
    ("S4", "P4", 5), ("S4", "P3", 4), ("S4", "P2", 4), ("S4", "P1", 3),
    ("S3", "P4", 4), ("S3", "P3", 4), ("S3", "P2", 3),
    ("S2", "P4", 4), ("S2", "P3", 3), ("S2", "P2", 3),
    ("S1", "P4", 3), ("S1", "P3", 3), ("S1", "P2", 2),
]
RECONSTRUCTED = [("S3", "P1", 3), ("S2", "P1", 2), ("S1", "P1", 1)]


@pytest.mark.parametrize("s,p,level", ATTESTED)
def test_tw_attested_cells(tw, s, p, level):
    assert tw.level(s, p) == level


@pytest.mark.parametrize("s,p,level", RECONSTRUCTED)
def test_tw_reconstructed_cells(tw, s, p, level):
    assert tw.level(s, p) == level


def test_tw_only_lost_cells_flagged_reconstructed(tw):
    assert tw.reconstructed_cells == {(s, p) for s, p, _ in RECONSTRUCTED}
    assert not tw.reconstructed_cells & {(s, p) for s, p, _ in ATTESTED}
    assert tw.spec.checked is False
    assert all(rc.note.strip() for rc in tw.spec.reconstructed)


def test_tw_cells_complete_and_follow_sum_rule(tw):
    rule = {8: 5, 7: 4, 6: 4, 5: 3, 4: 3, 3: 2, 2: 1}
    assert len(tw.cells) == 16
    for (s, p), level in tw.cells.items():
        assert level == rule[int(s[1]) + int(p[1])], (s, p)


def test_tw_scales(tw):
    assert tw.severity_ids == ("S1", "S2", "S3", "S4")
    assert tw.likelihood_ids == ("P1", "P2", "P3", "P4")
    assert tw.level_values == (1, 2, 3, 4, 5)
    names = {e.id: e.name for e in tw.spec.severity}
    assert names["S4"] == {"en": "Major", "zh-TW": "重大"}
    assert names["S1"]["zh-TW"] == "輕度"
    lik = {e.id: e.name["zh-TW"] for e in tw.spec.likelihood}
    assert lik == {"P4": "極可能", "P3": "較有可能", "P2": "有可能", "P1": "不太可能"}


# ---- normalisation -------------------------------------------------------------------
@pytest.mark.parametrize("s,p", [("S2", "P2"), ("s2", "p2"), (2, 2), ("2", "2"), (" S2 ", "P2")])
def test_level_accepts_ids_and_ranks(tw, s, p):
    assert tw.level(s, p) == tw.level("S2", "P2") == 3


def test_normalise(tw):
    assert tw.severity("s4") == "S4"
    assert tw.likelihood(1) == "P1"


@pytest.mark.parametrize("bad", ["S5", "S0", "P2", 5, 0, "", "x", True, 2.0, None])
def test_bad_severity_message(tw, bad):
    shown = repr(bad) if isinstance(bad, str) else str(bad)
    with pytest.raises(LevelError) as err:
        tw.severity(bad)
    assert str(err.value) == f"{shown} is not a level of matrix 'tw-osha-5' (S1..S4)"
    assert isinstance(err.value, ValueError)


def test_bad_likelihood_message(tw):
    with pytest.raises(LevelError, match=re.escape("'P5' is not a level of matrix 'tw-osha-5' (P1..P4)")):
        tw.level("S1", "P5")
    with pytest.raises(LevelError) as err:
        tw.likelihood("S1")
    assert str(err.value) == "'S1' is not a level of matrix 'tw-osha-5' (P1..P4)"


def test_non_series_ids_listed_with_commas():
    data = tw_mapping()
    ren = {"S1": "minor", "S2": "moderate", "S3": "high", "S4": "major"}
    for e in data["severity"]:
        e["id"] = ren[e["id"]]
    data["cells"] = {ren[s]: row for s, row in data["cells"].items()}
    for rc in data["reconstructed"]:
        rc["severity"] = ren[rc["severity"]]
    m = RiskMatrix(MatrixSpec.model_validate(data))
    assert m.level("Major", 4) == 5
    with pytest.raises(LevelError) as err:
        m.severity("S5")
    assert str(err.value) == "'S5' is not a level of matrix 'tw-osha-5' (minor, moderate, high, major)"


# ---- levels --------------------------------------------------------------------------
def test_describe(tw):
    assert tw.describe(5).acceptable is False
    assert tw.describe(4).acceptable is False
    assert tw.describe(3).acceptable is False  # conservative reading, see the level note
    assert tw.describe(2).acceptable is True
    assert tw.describe(1).acceptable is True
    for level in tw.level_values:
        info = tw.describe(level)
        assert info.level == level
        assert info.action["en"].strip() and info.action["zh-TW"].strip()
        assert re.fullmatch(r"#[0-9a-fA-F]{6}", info.colour)
    assert tw.describe(5).name == {"en": "Major", "zh-TW": "重大風險"}
    assert "不應開始或繼續作業" in tw.describe(5).action["zh-TW"]
    assert tw.describe(3).note and "conservative" in tw.describe(3).note["en"]
    assert len({tw.describe(lv).colour for lv in tw.level_values}) == 5


def test_label(tw):
    assert [tw.label(lv) for lv in tw.level_values] == ["Minor", "Low", "Medium", "High", "Major"]
    assert tw.label(1, "zh-TW") == "輕度風險"
    assert tw.label(1, "fr") == "Minor"  # falls back to English


def test_describe_unknown_level(tw):
    with pytest.raises(LevelError, match=r"6 is not a risk level of matrix 'tw-osha-5' \(1\.\.5\)"):
        tw.describe(6)


def test_worse_or_equal(tw, hazop):
    assert tw.worse_or_equal(5, 4) and tw.worse_or_equal(3, 3)
    assert not tw.worse_or_equal(2, 3)
    assert hazop.worse_or_equal(1, 2) and not hazop.worse_or_equal(2, 1)
    with pytest.raises(LevelError):
        tw.worse_or_equal(0, 1)


# ---- frequency bands (seed 002 Table 1-2) --------------------------------------------
@pytest.mark.parametrize("f,expected", [
    (1.0, "P4"), (0.999, "P3"), (0.1, "P3"), (0.0999, "P2"),
    (0.01, "P2"), (0.00999, "P1"), (0.0, "P1"), (1e6, "P4"),
])
def test_likelihood_for_frequency(tw, f, expected):
    assert tw.likelihood_for_frequency(f) == expected


@pytest.mark.parametrize("f", [-1e-9, float("nan")])
def test_likelihood_for_frequency_rejects(tw, f):
    with pytest.raises(ValueError):
        tw.likelihood_for_frequency(f)


def test_likelihood_for_frequency_without_bands():
    with pytest.raises(ValueError, match="no frequency_per_yr bands"):
        load_matrix("generic-5x5").likelihood_for_frequency(0.1)


# ---- seed 001 HAZOP (1 = worst) --------------------------------------------------------
def test_hazop_attested(hazop):
    assert hazop.level(2, 2) == 2
    assert hazop.level(1, 2) == 1
    attested = {("S2", "L2"), ("S1", "L2")}
    all_cells = {(s, p) for s in hazop.severity_ids for p in hazop.likelihood_ids}
    assert hazop.reconstructed_cells == all_cells - attested


def test_hazop_worst_low(hazop, tw):
    assert hazop.spec.worst == "low"
    assert hazop.severity_at_least(1, 2)
    assert hazop.severity_at_least("S2", "S2")
    assert not hazop.severity_at_least(3, 2)
    assert not tw.severity_at_least("S1", "S2")
    assert tw.severity_at_least("S3", 2)
    assert hazop.likelihood_at_least(1, 2) and not tw.likelihood_at_least(1, 2)


def test_hazop_monotone(hazop):
    # 1 = worst on every scale: a lower (worse) severity or likelihood never gives a higher (better) level
    for s in range(1, 5):
        for p in range(1, 5):
            if s > 1:
                assert hazop.level(s - 1, p) <= hazop.level(s, p)
            if p > 1:
                assert hazop.level(s, p - 1) <= hazop.level(s, p)


def test_generic_5x5_product_bands():
    m = load_matrix("generic-5x5")
    band = lambda x: 1 if x <= 4 else 2 if x <= 9 else 3 if x <= 16 else 4  # noqa: E731
    for s in range(1, 6):
        for p in range(1, 6):
            assert m.level(s, p) == band(s * p), (s, p)
    assert m.label(4) == "Very high"


# ---- loading -----------------------------------------------------------------------
def test_available_and_cached():
    assert available_matrices() == ["generic-5x5", "seed001-hazop", "tw-osha-5"]
    assert load_matrix("tw-osha-5") is load_matrix("tw-osha-5")
    assert "mine" in available_matrices({"mine": {}})


def test_unknown_matrix():
    with pytest.raises(UnknownMatrixError) as err:
        load_matrix("tw-osha-6", declared={"site": tw_mapping()})
    msg = str(err.value)
    assert "'tw-osha-6'" in msg
    for name in ("generic-5x5", "seed001-hazop", "tw-osha-5", "site"):
        assert name in msg
    assert isinstance(err.value, KeyError) and isinstance(err.value, ValueError)


def test_load_from_path(tmp_path):
    import yaml

    data = tw_mapping()
    data["id"] = "from-file"
    f = tmp_path / "m.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    m = load_matrix(str(f))
    assert m.id == "from-file" and m.level("S4", "P4") == 5
    assert load_matrix(f).level(1, 1) == 1
    with pytest.raises(FileNotFoundError):
        load_matrix(tmp_path / "missing.yaml")


def test_yaml_duplicate_cell_rejected(tmp_path):
    text = (load_matrix("tw-osha-5").spec.model_dump_json())  # JSON is YAML
    text = text.replace('"S4":{"P4":5,', '"S4":{"P4":5,"P4":4,')
    f = tmp_path / "dup.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="'P4' is given twice"):
        load_matrix(f)


def test_declared_matrix(tw):
    data = tw_mapping()
    data["id"] = "site"
    data["cells"]["S1"]["P1"] = 2
    declared = {"site": data, "spec": MatrixSpec.model_validate(data)}
    assert load_matrix("site", declared=declared).level("S1", "P1") == 2
    assert load_matrix("spec", declared=declared).level("S1", "P1") == 2
    # a declared name shadows a preset of the same name
    assert load_matrix("tw-osha-5", declared={"tw-osha-5": data}).level(1, 1) == 2
    assert tw.level(1, 1) == 1


# ---- validation of declared matrices ---------------------------------------------------
def _rejected(data) -> str:
    with pytest.raises(ValueError) as err:
        load_matrix("site", declared={"site": data})
    return str(err.value)


def test_missing_cell_rejected():
    data = tw_mapping()
    del data["cells"]["S2"]["P3"]
    assert "cell (S2, P3) is missing" in _rejected(data)


def test_missing_row_rejected():
    data = tw_mapping()
    del data["cells"]["S3"]
    assert "severity 'S3' is missing" in _rejected(data)


def test_undeclared_level_rejected():
    data = tw_mapping()
    data["cells"]["S4"]["P4"] = 6
    assert "cell (S4, P4) = 6 is not a declared risk level" in _rejected(data)


def test_undeclared_likelihood_in_cells_rejected():
    data = tw_mapping()
    data["cells"]["S1"]["P5"] = 3
    assert "cell (S1, P5)" in _rejected(data)


def test_duplicate_ids_rejected():
    data = tw_mapping()
    data["likelihood"][1]["id"] = "P1"
    assert "likelihood id 'P1' is declared more than once" in _rejected(data)
    data = tw_mapping()
    data["levels"][0]["level"] = 2
    assert "risk level 2 is declared more than once" in _rejected(data)


@pytest.mark.parametrize("field,value,fragment", [
    ("acceptable", "yes", "acceptable"),
    ("acceptable", 1, "acceptable"),
    ("colour", "red", "#RRGGBB"),
    ("colour", "#12345", "#RRGGBB"),
])
def test_level_fields_validated(field, value, fragment):
    data = tw_mapping()
    data["levels"][2][field] = value
    assert fragment in _rejected(data)


def test_extra_field_rejected():
    data = tw_mapping()
    data["levels"][0]["colur"] = "#000000"
    assert "colur" in _rejected(data)


def test_reconstructed_must_name_a_cell():
    data = tw_mapping()
    data["reconstructed"].append({"severity": "S9", "likelihood": "P1", "note": "x"})
    assert "reconstructed cell (S9, P1)" in _rejected(data)


def test_overlapping_bands_rejected():
    data = tw_mapping()
    data["likelihood"][1]["frequency_per_yr"] = {"min": 0.005, "max": 0.1}
    assert "overlaps" in _rejected(data)


def test_numeric_id_hint():
    data = tw_mapping()
    data["severity"][0]["id"] = 1
    assert "IDs are text" in _rejected(data)


# ---- properties (hypothesis) --------------------------------------------------------
def test_tw_monotone_all_cells(tw):
    """A worse severity or likelihood never gives a lower level (exhaustive over the 4x4)."""
    ids_s, ids_p = tw.severity_ids, tw.likelihood_ids
    for i, s in enumerate(ids_s):
        for j, p in enumerate(ids_p):
            for s2 in ids_s[i:]:
                for p2 in ids_p[j:]:
                    assert tw.level(s2, p2) >= tw.level(s, p), (s, p, s2, p2)


_sev = st.sampled_from(["S1", "S2", "S3", "S4"])
_lik = st.sampled_from(["P1", "P2", "P3", "P4"])


@settings(max_examples=200, deadline=None)
@given(s=_sev, p=_lik, s2=_sev, p2=_lik)
def test_tw_monotone_hypothesis(s, p, s2, p2):
    tw = load_matrix("tw-osha-5")
    if tw.severity_at_least(s2, s) and tw.likelihood_at_least(p2, p):
        assert tw.worse_or_equal(tw.level(s2, p2), tw.level(s, p))


_value = st.one_of(st.integers(1, 4), st.sampled_from(["S1", "s2", "S3", "s4", "1", "2", "3", "4"]))


def _asymmetric() -> RiskMatrix:
    """tw-osha-5 with (S1, P2) lowered to 1, so that swapping severity and likelihood shows."""
    data = tw_mapping()
    data["cells"]["S1"]["P2"] = 1
    return RiskMatrix(MatrixSpec.model_validate(data))


_ASYM = _asymmetric()


@settings(max_examples=200, deadline=None)
@given(pairs=st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), min_size=1, max_size=50),
       as_text=st.booleans(), asym=st.booleans())
def test_levels_array_matches_level(pairs, as_text, asym):
    tw = _ASYM if asym else load_matrix("tw-osha-5")
    sev = [f"S{s}" if as_text else s for s, _ in pairs]
    lik = [f"P{p}" if as_text else p for _, p in pairs]
    got = tw.levels_array(sev, lik)
    assert got.tolist() == [tw.level(s, p) for s, p in zip(sev, lik)]


@settings(max_examples=100, deadline=None)
@given(sev=st.lists(_value, min_size=1, max_size=30), data=st.data())
def test_levels_array_mixed_ids_and_ranks(sev, data):
    import numpy as np

    tw = load_matrix("tw-osha-5")
    lik = data.draw(st.lists(st.integers(1, 4), min_size=len(sev), max_size=len(sev)))
    got = tw.levels_array(np.array(sev, dtype=object), lik)
    assert got.tolist() == [tw.level(s, p) for s, p in zip(sev, lik)]


def test_levels_array_broadcast_and_errors(tw):
    import numpy as np

    grid = tw.levels_array(np.arange(1, 5)[:, None], np.arange(1, 5)[None, :])
    assert grid.shape == (4, 4)
    assert grid.tolist() == [[tw.level(s, p) for p in range(1, 5)] for s in range(1, 5)]
    assert tw.levels_array([], []).shape == (0,)
    with pytest.raises(LevelError, match=re.escape("5 is not a level of matrix 'tw-osha-5' (S1..S4)")):
        tw.levels_array([1, 5], [1, 1])
    with pytest.raises(LevelError, match=re.escape("'P9' is not a level of matrix 'tw-osha-5' (P1..P4)")):
        tw.levels_array(["S1"], ["P9"])
    with pytest.raises(LevelError):
        tw.levels_array([1.0], [1])


def test_matrix_is_immutable(tw):
    import dataclasses

    import pydantic

    with pytest.raises(dataclasses.FrozenInstanceError):
        tw.spec = None
    with pytest.raises(pydantic.ValidationError):
        tw.spec.id = "other"
    with pytest.raises(TypeError):
        tw.cells["S1", "P1"] = 5
