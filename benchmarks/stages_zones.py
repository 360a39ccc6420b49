"""Zoning stage for benchmarks/run.py: N release sources -> classified, clipped, disjoint zone polygons.

The synthetic site is one indoor hall (walls clip the zones) with declared medium dilution and fair availability.
pse runs its whole chain (:func:`pse.zoning.area.classify_area`: per-source reasoning, Table D.1, extents,
shapes, buffers, clipping, precedence, Ex check).  The floor does the same geometric work with the least
shapely/numpy: it reads the same release sources from the same study, classifies them with one numpy lookup in
Table D.1 (grade -> zones for the hall's dilution and availability), sizes the surrounding zone with the
study's ``surrounding_zone_factor``, buffers every extent with the study's ``buffer_segments``, clips by the
walls with one vectorised intersection, takes one ``union_all`` per zone and the precedence differences
(Zone 0 over 1 over 2).  :func:`_check` asserts that both give the same zones (areas and symmetric difference).
"""

from __future__ import annotations


def _study(n, generate):
    from pse.model.loader import SourceMap
    from pse.model.validate import validate_document

    x, y, radius, grade = generate.release_points(n)
    side = float(max(x.max(), y.max()) + 20)
    data = {"study": {"title": f"synthetic site {n}"},
            "substances": [{"id": "S", "name": "Methane", "library": "methane"}],
            "rooms": [{"id": "HALL", "name": "process hall", "indoor": True, "height_m": 12.0,
                       "outline": [[-2, -2], [side, -2], [side, side], [-2, side]],
                       "ventilation": {"dilution": "medium", "availability": "fair", "source": "benchmark"}}],
            "release_sources": [{"id": f"R{i}", "substance": "S", "grade": str(grade[i]), "room": "HALL",
                                 "location": {"x": float(x[i]), "y": float(y[i]), "z": 1.0},
                                 "extent_m": float(radius[i])} for i in range(n)]}
    return validate_document(data, SourceMap(), module_checks=False)


def _setup(generate):
    def setup(n):
        study = _study(n, generate)
        _check(_run(study), _floor(study))      # run.py does not call Stage.check yet: the stage checks itself
        return study

    return setup


def _run(study):
    from pse.zoning.area import classify_area

    return classify_area(study, reuse=False).zones


def _floor(study):
    import numpy as np
    import shapely

    from pse.zoning.library import table_d1_cells

    room = study.rooms[0]
    sources = study.release_sources
    xy = np.array([(s.location.x, s.location.y) for s in sources])
    extent = np.array([s.extent_m for s in sources])
    grades = ("continuous", "primary", "secondary")
    code = np.array([grades.index(s.grade) for s in sources])
    cells = table_d1_cells()[room.ventilation.dilution][room.ventilation.availability]
    inner = np.array([cells[g][0] for g in grades])[code]                  # Table D.1: the zone at the source
    has_outer = np.array([len(cells[g]) > 1 for g in grades])[code]       # ... and a surrounding Zone 2
    factor, segments = study.zoning.surrounding_zone_factor, study.zoning.buffer_segments
    points = shapely.points(xy)
    zone = np.concatenate([inner, np.full(has_outer.sum(), "2")])
    buffers = shapely.buffer(np.concatenate([points, points[has_outer]]),
                             np.concatenate([extent, factor * extent[has_outer]]), quad_segs=segments)
    buffers = shapely.intersection(buffers, shapely.Polygon(room.outline))     # the walls clip
    unions = {z: shapely.union_all(buffers[zone == z]) for z in ("0", "1", "2")}
    zone1 = shapely.difference(unions["1"], unions["0"])
    zone2 = shapely.difference(unions["2"], shapely.union(unions["0"], unions["1"]))
    return {"0": unions["0"], "1": zone1, "2": zone2}


def _check(pse_zones, floor_zones):
    import shapely

    for zone in ("0", "1", "2"):
        a, b = pse_zones[zone], floor_zones[zone]
        scale = max(b.area, 1e-9)
        assert abs(a.area - b.area) <= 1e-6 * scale, (zone, a.area, b.area)
        assert shapely.symmetric_difference(a, b).area <= 1e-6 * scale, zone


def stages(Stage, generate):
    return [Stage("zones", "N release sources -> classified, clipped, disjoint zones vs numpy Table D.1 lookup + "
                           "shapely buffer, clip, union_all and precedence differences", _setup(generate), _run,
                  _floor, sizes=(100, 1_000, 10_000, 100_000), check=_check)]
