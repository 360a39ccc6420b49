"""Dust zones (IEC 60079-10-2) and their Ex check; substances from chemicals; Ex failures in the register."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli

DUST = """\
study: {title: T}
substances:
  - {id: D1, name: Pigment, dust_group: IIIB, mit_cloud_c: 480, mit_layer_c: 290}
rooms:
  - id: RM
    name: Room
    outline: [[0, 0], [10, 0], [10, 8], [0, 8]]
    height_m: 4
equipment:
  - {id: F1, tag: F1, type: fan, location: {x: 2.5, y: 2, z: 1},
     ex: {dust_epl: Db, dust_group: IIIB, dust_max_surface_temperature_c: 135}}
  - {id: F2, tag: F2, type: fan, location: {x: 2.5, y: 2, z: 1},
     ex: {dust_epl: Dc, dust_group: IIIB, dust_max_surface_temperature_c: 135}}
  - {id: F3, tag: F3, type: lamp, location: {x: 4.5, y: 2, z: 0.5},
     ex: {dust_epl: Dc, dust_group: IIIA, dust_max_surface_temperature_c: 230}}
release_sources:
  - {id: T1, substance: D1, grade: primary, phase: dust, location: {x: 2, y: 2, z: 1}, housekeeping: fair}
"""


def _area(write_study, text):
    from pse.model import load_study
    from pse.zoning.area import classify_area

    return classify_area(load_study(write_study(text)))


@pytest.mark.parametrize("grade,housekeeping,zones", [
    ("continuous", "good", ("20", "22")),     # Zone 20 inside, surrounded by Zone 22; good housekeeping: no layer zone
    ("primary", "fair", ("21", "22")),
    ("secondary", "good", ("22",)),
    ("secondary", "poor", ("21", "22")),      # poor housekeeping: layers make Zone 21 (Table 1)
])
def test_dust_zones_from_grade_and_housekeeping(write_study, grade, housekeeping, zones):
    text = DUST.replace("grade: primary", f"grade: {grade}").replace("housekeeping: fair",
                                                                     f"housekeeping: {housekeeping}")
    assert _area(write_study, text).results[0].zones == zones


def test_dust_extents_reach_grade(write_study):
    r = _area(write_study, DUST).results[0]
    # Zone 21: 1 m around the source, from grade to 1 + 1 m; Zone 22: 1 + 3 = 4 m, from grade
    assert [(e.zone, e.radius_m, e.z_bottom_m) for e in r.extents] == [("21", 1.0, 0.0), ("22", 4.0, 0.0)]
    assert r.extents[0].z_top_m == pytest.approx(2.0)


def test_dust_ex_check_epl_group_and_surface_temperature(write_study):
    area = _area(write_study, DUST)
    by = {f.equipment: f for f in area.findings}
    # T_max = min(2/3 x 480, 290 - 75) = min(320, 215) = 215 degC
    assert area.results[0].surface_limit_c == pytest.approx(215.0)
    assert by["F1"].zone == "21" and by["F1"].ok
    assert by["F2"].zone == "21" and not by["F2"].ok and "EPL Dc not allowed in Zone 21" in by["F2"].problems[0]
    assert by["F3"].zone == "22" and not by["F3"].ok
    assert any("IIIA does not cover IIIB" in p for p in by["F3"].problems)
    assert any("230 degC above" in p for p in by["F3"].problems)


def test_the_layer_thickness_rule():
    from pse.zoning.dust import max_surface_temperature_c

    assert max_surface_temperature_c(480, 290)[0] == pytest.approx(215.0)     # layer rule governs
    assert max_surface_temperature_c(300, 400)[0] == pytest.approx(200.0)     # cloud rule governs: 2/3 x 300
    assert max_surface_temperature_c(480, 290, 20, 240)[0] == pytest.approx(165.0)   # 20 mm layer: 240 - 75
    with pytest.raises(ValueError, match="thicker than 5 mm"):
        max_surface_temperature_c(480, 290, 20)


def test_a_thick_layer_without_its_ignition_temperature_is_an_error(write_study, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_study(DUST.replace("housekeeping: fair}", "housekeeping: fair, layer_thickness_mm: 12}"))
    result = CliRunner().invoke(cli, ["check", "study.yaml"])
    assert result.exit_code == 1
    assert "release_sources[0].layer_ignition_c: source 'T1': a dust layer of 12 mm" in result.output


def test_a_substance_fetched_by_cas_equals_the_chemicals_table():
    from chemicals.safety import IEC_2010_data

    from pse.model.schema import Substance
    from pse.zoning.substances import resolve

    sub = resolve(Substance(id="S", name="Butyl acetate", library="123-86-4"))
    row = IEC_2010_data.loc["123-86-4"]
    assert sub.lel_vol_pct == pytest.approx(row.LFL * 100)
    assert sub.uel_vol_pct == pytest.approx(row.UFL * 100)
    assert sub.autoignition_c == pytest.approx(row.T_autoignition - 273.15)
    assert sub.flash_point_c == pytest.approx(row.T_flash - 273.15)
    assert sub.molar_mass_kg_per_kmol == pytest.approx(116.16, abs=0.01)      # C6H12O2
    assert "IEC_2010_data" in sub.sources["lel_vol_pct"]
    # by name, and the study's value wins over the table's
    by_name = resolve(Substance(id="S", name="x", library="ethyl acetate", lel_vol_pct=2.2, source="SDS"))
    assert by_name.cas == "141-78-6" and by_name.lel_vol_pct == 2.2 and by_name.sources["lel_vol_pct"] == "study: SDS"
    assert by_name.autoignition_c == pytest.approx(IEC_2010_data.loc["141-78-6"].T_autoignition - 273.15)
    # curated pse entries come first
    assert "pse substance library" in resolve(Substance(id="S", name="T", library="toluene")).sources["lel_vol_pct"]


def test_an_unknown_substance_suggests_names():
    from pse.model.schema import Substance
    from pse.zoning.substances import UnknownSubstance, resolve

    with pytest.raises(UnknownSubstance, match="did you mean 'hydrogen'"):
        resolve(Substance(id="S", name="x", library="hydrogn"))
    with pytest.raises(UnknownSubstance, match="unknown substance '99-99-9'"):
        resolve(Substance(id="S", name="x", library="99-99-9"))


def test_the_seed_001_gc_motor_is_in_the_register_and_the_summary():
    from pse.model import load_study
    from pse.register import actions

    study = load_study(WORKSHEETS / "seed001-zoning.yaml")
    register = actions(study, dt.date(2026, 12, 1))
    row = next(a for a in register if a.id == "REC-EX-EQ-MTR-201-Z1")
    assert row.status == "open" and row.owner is None and row.due is None
    assert row.sources == ["EQ-MTR-201 / Zone 1 / SR-201"]
    result = CliRunner().invoke(cli, ["actions", str(WORKSHEETS / "seed001-zoning.yaml"), "--lang", "en"])
    assert result.exit_code == 0 and "REC-EX-EQ-MTR-201-Z1" in result.output and "M-201" in result.output
    lint = CliRunner().invoke(cli, ["lint", str(WORKSHEETS / "seed001-zoning.yaml")])
    assert "[ZONE-EX]" in lint.output and "REC-EX-EQ-MTR-201-Z1" in lint.output


def test_summary_counts_the_generated_recommendation():
    from pse.model import load_study
    from pse.report import build_report

    # the summary of report.html (what `pse run` writes) counts the open recommendations of the register
    html = build_report(load_study(WORKSHEETS / "seed001-zoning.yaml"), [], [], "zh-TW", dt.date(2026, 12, 1))
    assert "REC-EX-EQ-MTR-201-Z1" in html
    assert "未結案建議事項: 1 " in html


def test_a_study_adopts_a_generated_recommendation(write_study):
    from pse.model import load_study
    from pse.register import actions

    text = (WORKSHEETS / "seed001-zoning.yaml").read_text(encoding="utf-8") + """
recommendations:
  - {id: REC-EX-EQ-MTR-201-Z1, text: Replace M-201 by an Ex db IIA T3 Gb motor, owner: E&I, due: 2027-01-31}
"""
    register = actions(load_study(write_study(text)), dt.date(2026, 12, 1))
    rows = [a for a in register if a.id == "REC-EX-EQ-MTR-201-Z1"]
    assert len(rows) == 1 and rows[0].owner == "E&I"
