"""Seed check values: the risk levels of seed 004's worked examples and the worksheet version rule."""

from __future__ import annotations

import pytest

from pse.risk import load_matrix
from pse.taskrisk import rating
from pse.taskrisk.data import hazard_types, worksheet_layouts

M = load_matrix("tw-osha-5")


@pytest.mark.parametrize("severity, likelihood, level", [
    ("S4", "P3", 4),   # seed 004 表十: oxygen deficiency, existing controls
    ("S4", "P1", 3),   # seed 004 表十三: after detectors, calibration, emergency plan, rescue checks
    ("S3", "P4", 4),   # seed 004 punch press, standard version: no guard
    ("S2", "P2", 3),   # seed 002 text example: P2 + S2 -> 3
])
def test_seed_levels(severity, likelihood, level):
    assert rating.risk_level(severity, likelihood, M) == level


@pytest.mark.parametrize("headcount, kwargs, version", [
    (29, {}, "basic"), (30, {}, "standard"), (299, {}, "standard"), (300, {}, "system"),
    (10, {"osh_management_system": True}, "system"), (120, {"high_risk_work": True}, "basic"),
    (400, {"high_risk_work": True}, "system"), (120, {"declared": "system"}, "system"),
])
def test_worksheet_version_by_headcount_and_duties(headcount, kwargs, version):
    assert rating.worksheet_version(headcount, **kwargs)[0] == version


def test_taxonomy_has_the_22_types_of_seed_002_in_order():
    types = hazard_types()
    assert [t["number"] for t in types.values()] == list(range(1, 23))
    names = {k: t["zh-TW"] for k, t in types.items()}
    # seed 002 items (1), (7), (12), (14), (15), (18), (22)
    assert names["fall"] == "墜落/滾落" and names["caught_in"] == "被夾、被捲"
    assert names["contact_harmful_substance"] == "與有害物等之接觸"
    assert (names["fire"], names["explosion"], names["chemical_leak"], names["other"]) == ("火災", "爆炸", "化學品洩漏", "其他")
    assert all(t["en"] and t["zh-TW"] for t in types.values())


def test_hazard_type_accepts_key_or_either_name():
    types = hazard_types()
    assert rating.hazard_key("被夾、被捲", types) == "caught_in"
    assert rating.hazard_key("Electric shock", types) == "electric_shock"
    assert rating.hazard_key("pinch", types) is None


def test_residual_acceptability_follows_the_seed_recommendation_low_or_below():
    assert [rating.residual_acceptable(level, M) for level in (1, 2, 3, 4, 5)] == [True, True, False, False, False]


def test_document_citation():
    assert rating.cites_document("Jam clearing with lockout (SOP-B-005)")
    assert not rating.cites_document("SOP and training")
    assert rating.cites_document("作業規定第3號", r"第\d+號")


def test_layout_columns_are_the_seed_forms():
    layouts = worksheet_layouts()
    assert [p[-1] for p in layouts["standard"]["columns"]] == [
        "g1_task_process", "g2_hazard_scenario", "g3_existing_controls", "severity", "likelihood", "risk_level",
        "g5_measures"]
