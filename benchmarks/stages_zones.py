"""Zoning stage for benchmarks/run.py: N release sources -> final disjoint zone polygons.

Floor: shapely buffering the same shapes (the same centres and radii per zone) and one
``union_all`` per zone - what any tool must do at least to draw the zones.
"""

from __future__ import annotations


def _study(n, generate):
    from pse.model.loader import SourceMap
    from pse.model.validate import validate_document

    x, y, radius, grade = generate.release_points(n)
    side = float(max(x.max(), y.max()) + 20)
    data = {"study": {"title": f"synthetic site {n}"},
            "substances": [{"id": "S", "name": "Methane", "library": "methane"}],
            "rooms": [{"id": "SITE", "name": "site", "indoor": False,
                       "outline": [[-20, -20], [side, -20], [side, side], [-20, side]],
                       "ventilation": {"dilution": "medium", "availability": "fair"}}],
            "release_sources": [{"id": f"R{i}", "substance": "S", "grade": str(grade[i]), "room": "SITE",
                                 "location": {"x": float(x[i]), "y": float(y[i])}, "extent_m": float(radius[i])}
                                for i in range(n)]}
    return validate_document(data, SourceMap(), module_checks=False)


def _setup(generate):
    def setup(n):
        import numpy as np

        from pse.zoning.area import classify_area

        study = _study(n, generate)
        pieces = classify_area(study).pieces
        xs = np.array([p.polygon.centroid.x for p in pieces])
        ys = np.array([p.polygon.centroid.y for p in pieces])
        radii = np.array([np.sqrt(p.polygon.area / np.pi) for p in pieces])
        zones = np.array([p.zone for p in pieces])
        return study, (xs, ys, radii, zones)

    return setup


def _run(data):
    from pse.zoning.area import classify_area

    return classify_area(data[0]).zones


def _floor(data):
    import shapely

    xs, ys, radii, zones = data[1]
    buffers = shapely.buffer(shapely.points(xs, ys), radii, quad_segs=8)
    return {zone: shapely.union_all(buffers[zones == zone]) for zone in ("0", "1", "2")}


def stages(Stage, generate):
    return [Stage("zones", "N release sources -> classified, clipped, disjoint zone polygons vs shapely buffer + "
                           "union_all per zone", _setup(generate), _run, _floor, sizes=(100, 1_000, 10_000, 100_000))]
