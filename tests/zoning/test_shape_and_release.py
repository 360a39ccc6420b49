"""Zone shape by gas density (Ex check at several heights), pool evaporation, compressibility, no-release inputs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pse.cli import cli

# A 1 m hazardous distance (declared) around a vent at 2.6 m; equipment straight below and above it.
BUOYANT = """\
study: {title: T}
substances: [{id: H2, name: Hydrogen, library: hydrogen}]
rooms:
  - id: RM
    name: Room
    outline: [[0, 0], [6, 0], [6, 5], [0, 5]]
    height_m: 6
    ventilation: {dilution: medium, availability: good}
equipment:
  - {id: E1, tag: E1, type: jb, location: {x: 2, y: 2, z: 1.1}, ex: {epl: Gc, gas_group: IIC, temperature_class: T1}}
  - {id: E2, tag: E2, type: jb, location: {x: 2, y: 2, z: 2.2}, ex: {epl: Gc, gas_group: IIC, temperature_class: T1}}
  - {id: E3, tag: E3, type: jb, location: {x: 2, y: 2, z: 4.5}, ex: {epl: Gc, gas_group: IIC, temperature_class: T1}}
  - {id: E4, tag: E4, type: jb, location: {x: 2, y: 2, z: 4.7}, ex: {epl: Gc, gas_group: IIC, temperature_class: T1}}
release_sources:
  - {id: V1, substance: H2, grade: primary, location: {x: 2, y: 2, z: 2.6}, extent_m: 1}
"""


def _area(write_study, text):
    from pse.model import load_study
    from pse.zoning.area import classify_area

    return classify_area(load_study(write_study(text)))


def _zones(area):
    return {f.equipment: f.zone for f in area.findings}


def test_buoyant_release_extends_upward_with_a_limited_extent_below(write_study):
    # hydrogen (relative density 0.07 < 0.8): Zone 1 from 2.6 - 0.5 x 1 = 2.1 m to 2.6 + 2 x 1 = 4.6 m
    area = _area(write_study, BUOYANT)
    extent = area.results[0].extents[0]
    assert (extent.z_bottom_m, extent.z_top_m) == pytest.approx((2.1, 4.6))
    assert area.results[0].buoyancy == "buoyant"
    assert _zones(area) == {"E2": "1", "E3": "1"}          # 1.1 m (below 2.1) and 4.7 m (above 4.6) are outside
    failing = {f.equipment for f in area.findings if not f.ok}
    assert failing == {"E2", "E3"}                        # Gc in Zone 1


def test_a_source_overrides_the_extent_below(write_study):
    area = _area(write_study, BUOYANT.replace("extent_m: 1}", "extent_m: 1, extent_below_m: 2}"))
    assert area.results[0].extents[0].z_bottom_m == pytest.approx(0.6)
    assert "E1" in _zones(area)                            # 1.1 m now inside (2.6 - 2 = 0.6 m)


HEAVY = """\
study: {title: T}
substances: [{id: S1, name: Toluene, library: toluene}]
rooms:
  - id: RM
    name: Room
    outline: [[0, 0], [8, 0], [8, 5], [0, 5]]
    height_m: 4
    ventilation: {dilution: medium, availability: good}
equipment:
  - {id: G1, tag: G1, type: socket, location: {x: 3.5, y: 2, z: 0.3}, ex: {epl: none}}
  - {id: G2, tag: G2, type: socket, location: {x: 3.5, y: 2, z: 1.0}, ex: {epl: none}}
  - {id: G3, tag: G3, type: motor, location: {x: 2, y: 2, z: 1.9}, ex: {epl: none}}
  - {id: G4, tag: G4, type: motor, location: {x: 2, y: 2, z: 2.1}, ex: {epl: none}}
release_sources:
  - {id: R1, substance: S1, grade: primary, location: {x: 2, y: 2, z: 1.0}, extent_m: 1}
"""


def test_heavy_release_spreads_at_grade(write_study):
    # toluene (3.1 > 1.2): r = 1 m from grade to 1 + 1 = 2 m, and a grade layer 0.6 m high to 2 x 1 = 2 m
    area = _area(write_study, HEAVY)
    parts = [(e.radius_m, e.z_bottom_m, e.z_top_m, e.part) for e in area.results[0].extents]
    assert parts == [(1.0, 0.0, 2.0, "main"), (2.0, 0.0, 0.6, "grade_layer")]
    # 1.5 m away: inside the grade layer at 0.3 m, outside at 1.0 m; above the source: in at 1.9 m, out at 2.1 m
    assert _zones(area) == {"G1": "1", "G3": "1"}


def test_shape_is_in_the_reasoning(write_study):
    area = _area(write_study, HEAVY)
    text = area.results[0].reasoning_text("en")
    assert "heavier than air" in text and "API RP 505" in text
    zh = area.results[0].reasoning_text("zh-TW")
    assert "比空氣重" in zh


def test_pool_evaporation_hand_calculations():
    from pse.zoning.release import pool_evaporation_rate_kg_s

    # 6.55 x 0.5^0.78 x 1 x 2.91 x 92.14^0.667 / (8314 x 293.15) = 6.55 x 0.58236 x 2.91 x 20.430 / 2 437 249
    assert pool_evaporation_rate_kg_s(0.5, 1.0, 2910.0, 92.14, 293.15) == pytest.approx(9.305e-5, rel=1e-3)
    # acetone-like: 6.55 x 1 x 2 x 10 x 58.08^0.667 / (8314 x 298.15) = 131 x 15.017 / 2 478 819
    assert pool_evaporation_rate_kg_s(1.0, 2.0, 10_000.0, 58.08, 298.15) == pytest.approx(7.936e-4, rel=1e-3)
    # linear in area and vapour pressure, u^0.78 in wind speed
    assert pool_evaporation_rate_kg_s(2.0, 1.0, 1000.0, 50.0, 300.0) / pool_evaporation_rate_kg_s(
        1.0, 1.0, 1000.0, 50.0, 300.0) == pytest.approx(2 ** 0.78)


def test_antoine_vapour_pressure_of_toluene_matches_the_handbook():
    from pse.zoning.release import antoine_vapour_pressure_pa

    # toluene: 3.79 kPa at 25 degC and 2.9 kPa at 20 degC (CRC Handbook)
    assert antoine_vapour_pressure_pa("108-88-3", 298.15)[0] == pytest.approx(3790, rel=0.02)
    assert antoine_vapour_pressure_pa("108-88-3", 293.15)[0] == pytest.approx(2910, rel=0.03)


def test_compressibility_lowers_the_choked_rate_by_sqrt_z():
    from pse.zoning.release import choked_gas_release_rate_kg_s

    ideal = choked_gas_release_rate_kg_s(1e-6, 1.5e7, 293.15, 2.016, 1.41)
    real = choked_gas_release_rate_kg_s(1e-6, 1.5e7, 293.15, 2.016, 1.41, compressibility=1.09)
    assert real / ideal == pytest.approx(1 / 1.09 ** 0.5)          # 4.2 % lower at Z = 1.09


POOL = """\
study: {title: T}
substances: [{id: S1, name: Toluene, library: toluene}]
rooms:
  - id: RM
    name: Room
    outline: [[0, 0], [6, 0], [6, 5], [0, 5]]
    height_m: 3
    ventilation: {type: artificial, availability: good, air_changes_per_h: 12, velocity_m_s: 0.5}
release_sources:
  - {id: R1, substance: S1, grade: primary, phase: liquid, location: {x: 2, y: 2, z: 1}, pool_area_m2: 1.0,
     liquid_temperature_c: 20}
"""


def test_open_vessel_rate_comes_from_the_pool_equation(write_study):
    area = _area(write_study, POOL)
    r = area.results[0]
    # p_v(20 degC) from Antoine = 2.907 kPa; W = 6.55 x 0.5^0.78 x 2.907 x 92.14^0.667 / (8314 x 293.15)
    assert r.release_rate_kg_s == pytest.approx(9.30e-5, rel=5e-3)
    assert "B.5" in r.reasoning_text()


@pytest.mark.parametrize("text,old,new,expected", [
    (POOL, "pool_area_m2: 1.0,", "pool_area_m2: 1.0, vapour_pressure_pa: 0,",
     "release_sources[0].vapour_pressure_pa: source 'R1': the liquid has no vapour pressure"),
    (POOL, "air_changes_per_h: 12, velocity_m_s: 0.5", "air_changes_per_h: 0",
     "rooms[0].ventilation.air_changes_per_h: room 'RM': artificial ventilation with no air flow"),
    (POOL, "pool_area_m2: 1.0,\n     liquid_temperature_c: 20", "hole_area_mm2: 1, pressure_pa: 101325",
     "release_sources[0].pressure_pa: source 'R1': pressure 101325 Pa is not above ambient"),
])
def test_no_release_inputs_are_one_line_errors(write_study, tmp_path, monkeypatch, text, old, new, expected):
    monkeypatch.chdir(tmp_path)
    assert old in text
    write_study(text.replace(old, new))
    result = CliRunner().invoke(cli, ["check", "study.yaml"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("study.yaml:")]
    assert len(lines) == 1 and expected in lines[0], result.output
    assert "inf" not in lines[0]


def test_gas_below_ambient_is_a_one_line_error(write_study, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_study(BUOYANT.replace("extent_m: 1}", "phase: gas, hole_area_mm2: 1, pressure_pa: 90000}"))
    result = CliRunner().invoke(cli, ["check", "study.yaml"])
    assert result.exit_code == 1
    assert "release_sources[0].pressure_pa: source 'V1': pressure 90000 Pa is not above ambient" in result.output
