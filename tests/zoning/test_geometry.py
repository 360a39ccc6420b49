"""Zone geometry: precedence, union, circle area (hypothesis), 10^4 sources."""

from __future__ import annotations

import math

import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from pse.zoning.geometry import ExtentPiece, plan_zones, zone_features

coords = st.floats(min_value=-50, max_value=50, allow_nan=False)
radius = st.floats(min_value=0.3, max_value=10, allow_nan=False)
zone = st.sampled_from(["0", "1", "2"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(coords, coords, radius, zone), min_size=1, max_size=25))
def test_zones_disjoint_and_union_equals_union_of_extents(layout):
    pieces = [ExtentPiece(f"S{i}", z, Point(x, y).buffer(r, quad_segs=16), 0, 1, None)
              for i, (x, y, r, z) in enumerate(layout)]
    zones = plan_zones(pieces)
    finals = [g for g in zones.values() if not g.is_empty]
    for a in range(len(finals)):
        for b in range(a + 1, len(finals)):
            assert finals[a].intersection(finals[b]).area < 1e-6
    everything = shapely.union_all([p.polygon for p in pieces])
    assert shapely.union_all(finals).symmetric_difference(everything).area < 1e-6 * max(everything.area, 1)
    # a point has its most severe zone: every Zone 0 extent is wholly Zone 0
    for piece in pieces:
        if piece.zone == "0":
            assert piece.polygon.difference(zones["0"]).area < 1e-6


@settings(max_examples=30, deadline=None)
@given(coords, coords, radius)
def test_lone_circular_source_area_is_pi_r_squared(x, y, r):
    segments = 32
    zones = plan_zones([ExtentPiece("S", "1", Point(x, y).buffer(r, quad_segs=segments), 0, 1, None)])
    # an inscribed 4*segments-gon: area = pi r^2 x sin(2 pi/n)/(2 pi/n); error below 0.1 % at 128 sides
    n = 4 * segments
    assert zones["1"].area == math.pi * r * r * math.sin(2 * math.pi / n) / (2 * math.pi / n) or abs(
        zones["1"].area - math.pi * r * r) / (math.pi * r * r) < 1e-3


def test_features_name_their_sources():
    pieces = [ExtentPiece("A", "1", Point(0, 0).buffer(1), 0, 1, None),
              ExtentPiece("B", "2", Point(0, 0).buffer(3), 0, 1, None),
              ExtentPiece("C", "2", Point(20, 0).buffer(2), 0, 1, None)]
    features = zone_features(plan_zones(pieces), pieces)
    by_zone = sorted((f["zone"], tuple(f["sources"])) for f in features)
    assert by_zone == [("1", ("A",)), ("2", ("B",)), ("2", ("C",))]


def test_a_site_of_many_sources_classifies_with_disjoint_zones(write_study):
    """Correctness at site scale; speed is measured in benchmarks/ (stage zones), never timed here."""
    lines = ["study: {title: big site}", "substances: [{id: S, name: Methane, library: methane}]",
             "rooms: [{id: A, name: yard, indoor: false, outline: [[-1, -1], [1001, -1], [1001, 1001], [-1, 1001]],"
             " ventilation: {dilution: medium, availability: fair}}]", "release_sources:"]
    for i in range(1_000):
        lines.append(f"  - {{id: R{i}, substance: S, grade: primary, room: A, location: {{x: {(i % 100) * 10 + 3}, "
                     f"y: {(i // 100) * 10 + 3}}}, extent_m: {1 + (i % 7) * 0.5}}}")
    from pse.model.validate import load_study
    from pse.zoning.area import classify_area

    study = load_study(write_study("\n".join(lines) + "\n"), module_checks=False)
    area = classify_area(study)
    assert len(area.results) == 1_000 and not area.zones["1"].is_empty
    assert area.zones["1"].intersection(area.zones["2"]).area < 1e-6
