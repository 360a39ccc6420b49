"""Reference libraries (versioned YAML data) and study overrides."""

import math
from pathlib import Path

import pytest
import yaml

from pse.lopa.frequency import mitigated_frequency
from pse.lopa.library import KINDS, Entry, library_info, load_library

DATA = Path(__file__).resolve().parents[2] / "src" / "pse" / "lopa" / "data"


@pytest.mark.parametrize("kind", KINDS)
def test_every_entry_is_complete(kind):
    lib = load_library(kind)
    assert lib
    for eid, e in lib.items():
        assert isinstance(e, Entry) and e.id == eid and e.kind == kind
        assert e.name["en"] and e.name["zh-TW"]
        assert e.source and isinstance(e.checked, bool)
        assert (e.checked_against is not None) == e.checked
        assert e.error_factor is not None and e.error_factor >= 1
        assert e.error_factor_source
        if e.range is not None:
            low, high = e.range
            assert low <= e.value <= high


@pytest.mark.parametrize("kind", KINDS)
def test_file_metadata(kind):
    info = library_info(kind)
    assert info["edition"] and info["source"]
    raw = yaml.safe_load((DATA / f"{kind}.yaml").read_text(encoding="utf-8"))
    assert [e["id"] for e in raw["entries"]] == list(load_library(kind))


@pytest.mark.parametrize("kind", ["initiating_events", "ipl_pfds"])
def test_error_factors_follow_the_documented_rule(kind):
    # pse default: EF 10 when the literature range spans >= 2 decades, otherwise 3
    for e in load_library(kind).values():
        if e.error_factor_source == "pse default":
            spans_two_decades = e.range is not None and e.range[1] / e.range[0] >= 100 * (1 - 1e-9)
            assert e.error_factor == (10 if spans_two_decades else 3), e.id


def test_domain_note_values():
    ie = load_library("initiating_events")
    ipl = load_library("ipl_pfds")
    expected_ie = {
        "bpcs_loop_failure": 0.1, "regulator_failure": 0.1, "pump_compressor_fan_failure": 0.1,
        "local_power_loss": 0.1, "cooling_water_failure": 0.1, "pump_seal_failure": 0.1,
        "unloading_hose_failure": 0.1, "small_external_fire": 0.1, "large_external_fire": 0.01,
        "safety_valve_opens_spuriously": 0.01, "gasket_packing_blowout": 0.01,
        "third_party_intervention": 0.01, "piping_leak_100m": 1e-3, "atmospheric_tank_failure": 1e-3,
        "lightning_strike": 1e-3, "piping_full_breach_100m": 1e-5, "pressure_vessel_failure": 1e-6,
    }
    for eid, value in expected_ie.items():
        assert ie[eid].frequency_per_yr == value, eid
    assert ie["crane_load_drop"].probability_per_opportunity == 1e-4
    assert ie["crane_load_drop"].frequency_per_yr is None
    assert ie["operator_error_routine_procedure"].probability_per_opportunity == 1e-2
    assert ie["loto_failure"].probability_per_opportunity == 1e-3
    expected_ipl = {
        "dike": 1e-2, "underground_drainage": 1e-2, "open_vent": 1e-2, "fireproofing": 1e-2,
        "blast_wall": 1e-3, "flame_arrestor": 1e-2, "relief_valve": 1e-2, "rupture_disc": 1e-2,
        "bpcs_loop": 0.1, "operator_response_10min": 0.1,
    }
    for eid, value in expected_ipl.items():
        assert ipl[eid].pfd == value, eid


def test_unverified_ipl_values_are_flagged_unchecked():
    ipl = load_library("ipl_pfds")
    for eid in ("dike", "relief_valve", "operator_response_10min"):
        assert ipl[eid].checked is False


def test_conditional_modifiers_are_examples():
    for e in load_library("conditional_modifiers").values():
        assert e.checked is False and "example" in e.id
        assert e.category in ("conditional_modifier", "enabling_condition")
        assert 0 < e.probability <= 1


def test_seed_001_with_library_values():
    ipl = load_library("ipl_pfds")
    f = mitigated_frequency(0.01, pfds=[0.1, ipl["relief_valve"].pfd])
    assert math.isclose(f, 1e-5)


def test_cached_but_returns_a_new_dict():
    a = load_library("ipl_pfds")
    a["relief_valve"] = None
    b = load_library("ipl_pfds")
    assert isinstance(b["relief_valve"], Entry)
    assert b["dike"] is load_library("ipl_pfds")["dike"]  # parsed once


def test_entries_are_frozen():
    e = load_library("ipl_pfds")["dike"]
    with pytest.raises(AttributeError):
        e.pfd = 0.5
    with pytest.raises(TypeError):
        e.name["en"] = "x"


def test_override_existing_entry_study_wins():
    lib = load_library("ipl_pfds", overrides={"relief_valve": {"pfd": 1e-3, "notes": "5 yr test data"}})
    e = lib["relief_valve"]
    assert e.pfd == 1e-3 and e.value == 1e-3
    assert e.source == "study" and e.base_source.startswith("CCPS LOPA")
    assert e.checked is False and e.checked_against is None
    assert e.notes == "5 yr test data"
    assert e.name["zh-TW"] == "彈簧式安全閥"  # kept from the package
    assert e.range == load_library("ipl_pfds")["relief_valve"].range
    # the package value is untouched
    assert load_library("ipl_pfds")["relief_valve"].pfd == 1e-2


def test_override_switches_value_key_and_adds_entries():
    lib = load_library(
        "initiating_events",
        overrides={
            "crane_load_drop": {"frequency_per_yr": 0.02, "source": "site lift log 2020-2024"},
            "valve_misclosure": {"name": {"en": "Three-way valve closed in error", "zh-TW": "三通閥誤關"},
                                 "frequency_per_yr": 0.01, "checked": True,
                                 "checked_against": "plant data"},
        },
    )
    crane = lib["crane_load_drop"]
    assert crane.frequency_per_yr == 0.02 and crane.probability_per_opportunity is None
    assert crane.source == "study: site lift log 2020-2024"
    new = lib["valve_misclosure"]
    assert new.source == "study" and new.base_source is None and new.checked is True
    assert new.name["zh-TW"] == "三通閥誤關"


def test_bpcs_floor_cannot_be_undercut():
    with pytest.raises(ValueError, match="below the floor"):
        load_library("ipl_pfds", overrides={"bpcs_loop": {"pfd": 0.01}})
    with pytest.raises(ValueError, match="cannot be overridden"):
        load_library("ipl_pfds", overrides={"bpcs_loop": {"floor": 0.01, "pfd": 0.01}})
    assert load_library("ipl_pfds", overrides={"bpcs_loop": {"pfd": 0.2}})["bpcs_loop"].pfd == 0.2


@pytest.mark.parametrize(
    "kind, overrides, fragment",
    [
        ("ipl_pfds", {"dike": {"pfd": 1.5}}, r"pfd must be in \(0, 1\]"),
        ("ipl_pfds", {"dike": {"pfd": 0.0}}, r"pfd must be in \(0, 1\]"),
        ("ipl_pfds", {"dike": {"frequency_per_yr": 0.1}}, "needs exactly one of pfd"),
        ("initiating_events", {"lightning_strike": {"frequency_per_yr": -1}}, "must be >= 0"),
        ("ipl_pfds", {"dike": {"colour": "red"}}, "unknown field"),
        ("ipl_pfds", {"Bad-Id": {"pfd": 0.1}}, "snake_case"),
        ("ipl_pfds", {"new_layer": {"name": "x"}}, "needs exactly one of pfd"),
        ("ipl_pfds", {"dike": {"error_factor": 0.5}}, "error_factor must be >= 1"),
        ("ipl_pfds", {"dike": {"checked": True}}, "checked_against is empty"),
    ],
)
def test_bad_overrides(kind, overrides, fragment):
    with pytest.raises(ValueError, match=fragment):
        load_library(kind, overrides=overrides)


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown library 'ipls'"):
        load_library("ipls")
