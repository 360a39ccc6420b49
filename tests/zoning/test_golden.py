"""The zoning outputs a reviewer signs are unchanged by the speed work (issue 19): golden files written by main.

Golden files (``tests/zoning/data/golden/``, written on main at commit f1d7c95 with ``pse zones STUDY --out DIR``
in the study's language) for the
bundled zoning studies: the zone areas in plan and in the elevation's section (from ``classify_area``), the
GeoJSON of the zones byte for byte, and the ENTITIES section of plan.dxf byte for byte (every entity, handle,
layer, coordinate and hatch path; the rest of the file is ezdxf's own document, whose creation time and GUIDs
change with every write).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import WORKSHEETS

GOLDEN = Path(__file__).parent / "data" / "golden"
STUDIES = ("hydrogen-gas-cabinet", "paint-mixing-open-vessels", "seed001-zoning", "electronics-plant")
ENTITIES = "  0\nSECTION\n  2\nENTITIES\n"


def _entities_section(text: str) -> str:
    start = text.index(ENTITIES)
    end = text.index("  0\nENDSEC\n", start) + len("  0\nENDSEC\n")
    return text[start:end]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """(area, output directory) of each bundled study, outputs written as `pse zones --out` writes them."""
    from pse.model.validate import load_study
    from pse.registry import RunContext
    from pse.zoning.area import classify_area
    from pse.zoning.module import write_outputs

    runs = {}
    for name in STUDIES:
        study = load_study(WORKSHEETS / f"{name}.yaml")
        area = classify_area(study)
        out = tmp_path_factory.mktemp(name)
        write_outputs(area, RunContext(out=out, lang=study.study.language, study=study), prefix="")
        runs[name] = (area, out)
    return runs


@pytest.mark.parametrize("name", STUDIES)
def test_zone_areas_are_main_s(name, outputs):
    golden = json.loads((GOLDEN / f"{name}.areas.json").read_text(encoding="utf-8"))
    area, _ = outputs[name]
    assert {z: g.area for z, g in area.zones.items()} == pytest.approx(golden["plan_m2"], rel=1e-12, abs=1e-12)
    sections = {z: g.area for z, g in (area.section_zones or {}).items()}
    assert sections == pytest.approx(golden["elevation_m2"], rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("name", STUDIES)
def test_geojson_is_main_s_byte_for_byte(name, outputs):
    _, out = outputs[name]
    assert (out / "zones.geojson").read_bytes() == (GOLDEN / f"{name}.zones.geojson").read_bytes()


@pytest.mark.parametrize("name", STUDIES)
def test_dxf_entities_are_main_s_byte_for_byte(name, outputs):
    _, out = outputs[name]
    written = _entities_section((out / "plan.dxf").read_text(encoding="utf-8"))
    golden = (GOLDEN / f"{name}.dxf-entities.txt").read_text(encoding="utf-8")
    assert written == golden
