"""`pse zones`, the `pse run` section, drawings, DXF, GeoJSON, the Ex check and bad input."""

from __future__ import annotations

import json

import ezdxf
import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli

PLANT = str(WORKSHEETS / "electronics-plant.yaml")
SEED001 = str(WORKSHEETS / "seed001-zoning.yaml")


@pytest.fixture(scope="module")
def zones_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("zones") / "out"
    result = CliRunner().invoke(cli, ["zones", PLANT, "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_pse_zones_writes_drawings_and_sheets(zones_out):
    out, _ = zones_out
    for name in ("plan.svg", "plan.pdf", "plan.png", "elevation.png", "plan.dxf", "zones.geojson", "zoning.xlsx",
                 "substance-list.csv", "source-schedule.md", "ex-check.html"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name


def test_the_seed_003_lamp_is_found(zones_out):
    out, output = zones_out
    assert "L-1" in output and "FAIL" in output
    text = (out / "ex-check.csv").read_text(encoding="utf-8")
    lamp = next(line for line in text.splitlines() if line.startswith("EQ-LAMP-1"))
    assert "FAIL" in lamp and "not explosion-protected" in lamp
    mixer = next(line for line in text.splitlines() if line.startswith("EQ-MX-301"))
    assert "pass" in mixer


def test_dxf_has_a_layer_per_zone_with_hatches(zones_out):
    out, _ = zones_out
    doc = ezdxf.readfile(out / "plan.dxf")
    layers = {layer.dxf.name for layer in doc.layers}
    assert {"ZONE-1", "ZONE-2", "WALLS", "SOURCES", "EQUIPMENT", "TEXT"} <= layers
    hatches = {h.dxf.layer for h in doc.modelspace().query("HATCH")}
    assert {"ZONE-1", "ZONE-2"} <= hatches


def test_geojson_features_carry_zone_and_sources(zones_out):
    out, _ = zones_out
    data = json.loads((out / "zones.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    zones = {f["properties"]["zone"] for f in data["features"]}
    assert zones <= {"0", "1", "2"} and {"1", "2"} <= zones
    assert all(f["properties"]["sources"] for f in data["features"])
    assert any("SR-01" in f["properties"]["sources"] for f in data["features"] if f["properties"]["zone"] == "1")


def test_run_writes_the_zones_section(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", SEED001, "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    assert (out / "zones" / "plan.png").is_file() and (out / "zones" / "plan.dxf").is_file()
    assert "危險區域劃分" in (out / "summary.md").read_text(encoding="utf-8")
    assert "洩漏源" in (out / "zones" / "source-schedule.csv").read_text(encoding="utf-8")


def test_seed_001_chain_and_reasoning():
    from pse.model import load_study
    from pse.zoning.area import classify_area

    area = classify_area(load_study(SEED001))
    by_id = {r.source: r for r in area.results}
    gas = by_id["SR-301"]
    assert gas.choked is True and "eq. B.3" in gas.reasoning_text()
    assert by_id["SR-302"].zones == ("2NE", "NH")          # high dilution outdoors, good availability
    assert by_id["SR-202"].hazardous_distance_m == 1.5     # declared
    assert all(r.reasoning and r.table_cell for r in area.results)
    failing = {f.tag for f in area.findings if not f.ok}
    assert "M-201" in failing                              # Gc motor in Zone 1


BASE = """\
study: {title: T}
substances: [{id: S1, name: Toluene, library: toluene}]
rooms:
  - id: RM
    name: Room
    outline: [[0, 0], [6, 0], [6, 5], [0, 5]]
    height_m: 3
    ventilation: {dilution: medium, availability: good}
release_sources:
  - {id: R1, substance: S1, grade: primary, location: {x: 2, y: 2}, extent_m: 1}
"""


@pytest.mark.parametrize("old,new,expected", [
    ("library: toluene", "library: toulene",
     "study.yaml:2: substances[0].library: unknown substance 'toulene' in the pse library and the chemicals IEC "
     "60079-20-1 table (did you mean 'toluene'"),
    ("[[0, 0], [6, 0], [6, 5], [0, 5]]", "[[0, 0], [6, 5], [6, 0], [0, 5]]",
     "study.yaml:6: rooms[0].outline: the room outline is not a simple polygon"),
    ("location: {x: 2, y: 2}", "location: {x: 20, y: 2}",
     "study.yaml:10: release_sources[0].location: source 'R1' at (20, 2) is outside every room (RM)"),
    ("grade: primary", "grade: primery",
     "study.yaml:10: release_sources[0].grade: 'primery' is not one of 'continuous', 'primary' or 'secondary' "
     "(did you mean 'primary'?)"),
    ("availability: good", "availability: goood",
     "study.yaml:8: rooms[0].ventilation.availability: 'goood' is not one of 'good', 'fair' or 'poor' "
     "(did you mean 'good'?)"),
])
def test_bad_input_gives_one_line_errors(write_study, tmp_path, monkeypatch, old, new, expected):
    monkeypatch.chdir(tmp_path)
    assert old in BASE
    write_study(BASE.replace(old, new))
    result = CliRunner().invoke(cli, ["check", "study.yaml"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("study.yaml:")]
    assert len(lines) == 1 and lines[0].startswith(expected), result.output


def test_check_lists_every_source_that_cannot_be_classified(write_study, tmp_path, monkeypatch):
    """The check classifies the sources once; when that fails, every failing source gets its own line."""
    monkeypatch.chdir(tmp_path)
    write_study(BASE.replace("location: {x: 2, y: 2}", "location: {x: 20, y: 2}")
                + "  - {id: R2, substance: S1, grade: primary, location: {x: 2, y: 2}, extent_m: 1}\n"
                + "  - {id: R3, substance: S1, grade: primary, location: {x: 2, y: 30}, extent_m: 1}\n")
    result = CliRunner().invoke(cli, ["check", "study.yaml"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("study.yaml:")]
    assert len(lines) == 2, result.output
    assert lines[0].startswith("study.yaml:10: release_sources[0].location: source 'R1' at (20, 2)")
    assert lines[1].startswith("study.yaml:12: release_sources[2].location: source 'R3' at (2, 30)")


def test_good_base_study_passes(write_study, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_study(BASE)
    result = CliRunner().invoke(cli, ["zones", "study.yaml", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "| R1 " in result.output
