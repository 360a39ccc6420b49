"""The zones as the DXF and GeoJSON write them: the same polygons as the classification (circles as CIRCLE)."""

from __future__ import annotations

import json

import pytest
import shapely

from conftest import ROOT
from pse.model.validate import load_study
from pse.zoning.area import classify_area
from pse.zoning.dxf import circle_of_ring, geojson_text, write_dxf

STUDIES = ["paint-mixing-open-vessels.yaml", "hydrogen-gas-cabinet.yaml", "seed001-zoning.yaml"]

SITE = """\
study: {title: two sources}
substances: [{id: S, name: Methane, library: methane}]
rooms: [{id: A, name: hall, indoor: true, height_m: 6, outline: [[0, 0], [40, 0], [40, 20], [0, 20]],
         ventilation: {dilution: medium, availability: fair}}]
release_sources:
  - {id: LONE, substance: S, grade: secondary, room: A, location: {x: 10, y: 10}, extent_m: 2.5}
  - {id: EDGE, substance: S, grade: secondary, room: A, location: {x: 39, y: 10}, extent_m: 2.0}
"""


def _dxf_rings(path, quad_segs: int) -> dict:
    """Zone layer -> rings read back from the DXF: LWPOLYLINE vertices, CIRCLE as shapely's buffered circle."""
    import ezdxf

    rings: dict = {}
    for entity in ezdxf.readfile(path).modelspace():
        layer = entity.dxf.layer
        if not layer.startswith("ZONE-"):
            continue
        if entity.dxftype() == "LWPOLYLINE":
            ring = shapely.LinearRing([p[:2] for p in entity.get_points()])
        elif entity.dxftype() == "CIRCLE":
            centre = entity.dxf.center
            ring = shapely.Point(centre.x, centre.y).buffer(entity.dxf.radius, quad_segs=quad_segs).exterior
        else:
            continue
        rings.setdefault(layer, []).append(ring)
    return rings


def _zone_rings(geometry) -> list:
    return list(shapely.get_rings(shapely.get_parts(geometry)))


@pytest.mark.parametrize("name", STUDIES)
def test_dxf_zone_outlines_are_the_classified_zones(name, tmp_path):
    study = load_study(ROOT / "worksheets" / name)
    area = classify_area(study)
    write_dxf(area, tmp_path / "plan.dxf")
    read = _dxf_rings(tmp_path / "plan.dxf", study.zoning.buffer_segments)
    for zone, geometry in area.zones.items():
        if geometry.is_empty:
            continue
        expected = _zone_rings(geometry)
        got = read[f"ZONE-{zone}"]
        assert len(got) == len(expected)
        for a, b in zip(sorted(expected, key=lambda r: r.bounds), sorted(got, key=lambda r: r.bounds), strict=True):
            assert shapely.hausdorff_distance(a, b) < 1e-6


def test_a_whole_circle_is_a_dxf_circle_and_a_clipped_one_a_polyline(write_study, tmp_path):
    import ezdxf

    study = load_study(write_study(SITE), module_checks=False)
    area = classify_area(study)
    write_dxf(area, tmp_path / "plan.dxf")
    msp = ezdxf.readfile(tmp_path / "plan.dxf").modelspace()
    circles = [e for e in msp.query("CIRCLE") if e.dxf.layer == "ZONE-2"]
    assert len(circles) == 1                                      # LONE; EDGE is cut by the wall
    assert (circles[0].dxf.center.x, circles[0].dxf.center.y) == pytest.approx((10, 10), abs=1e-9)
    assert circles[0].dxf.radius == pytest.approx(2.5, rel=1e-9)  # the buffer's vertices lie on r = extent
    assert len([e for e in msp.query("LWPOLYLINE") if e.dxf.layer == "ZONE-2"]) == 1
    hatches = [e for e in msp.query("HATCH") if e.dxf.layer == "ZONE-2"]
    edges = [edge for h in hatches for path in h.paths for edge in getattr(path, "edges", [])]
    assert len(edges) == 1 and edges[0].radius == pytest.approx(2.5)


def test_circle_of_ring_refuses_anything_but_a_whole_buffer():
    circle = shapely.Point(0, 0).buffer(1.0, quad_segs=16)
    assert circle_of_ring(shapely.get_coordinates(circle.exterior), 16) == pytest.approx((0, 0, 1.0))
    assert circle_of_ring(shapely.get_coordinates(circle.exterior), 8) is None
    clipped = circle.intersection(shapely.box(-2, -2, 0.9, 2))
    assert circle_of_ring(shapely.get_coordinates(clipped.exterior), 16) is None
    square = shapely.box(-1, -1, 1, 1).exterior        # equal radii and sides, but 4 vertices, not 64
    assert circle_of_ring(shapely.get_coordinates(square), 1) is not None
    assert circle_of_ring(shapely.get_coordinates(square), 16) is None


def test_geojson_coordinates_are_millimetres_and_the_zones_keep_their_area(write_study):
    study = load_study(write_study(SITE), module_checks=False)
    area = classify_area(study)
    data = json.loads(geojson_text(area))
    assert sorted(f["properties"]["sources"] for f in data["features"]) == [["EDGE"], ["LONE"]]
    for feature in data["features"]:
        coords = [c for ring in feature["geometry"]["coordinates"] for point in ring for c in point]
        assert all(round(c, 3) == c for c in coords)
        polygon = shapely.geometry.shape(feature["geometry"])
        assert polygon.area == pytest.approx(feature["properties"]["area_m2"], abs=0.01)
    assert data["crs"]["type"] == "name"


def test_the_classification_is_reused_only_for_the_same_unchanged_study(write_study):
    study = load_study(write_study(SITE), module_checks=False)
    first = classify_area(study)
    assert classify_area(study) is first                            # check, section and register share it
    study.release_sources[0].extent_m = 4.0                         # edited in place (pse serve)
    again = classify_area(study)
    assert again is not first and again.zones["2"].area > first.zones["2"].area
    assert classify_area(study, reuse=False) is not again
