"""Zone geometry with shapely 2: extents in plan, clipping by walls, precedence, union, elevation.

Every source's zone extent is a buffer of its geometry (point, line or area) by the zone's radius, clipped by
the walls of its indoor room (openings let it pass), or the whole room where the zone spreads to it.  Zones
then take precedence: Zone 0 over 1 over 2, so the final polygons are disjoint and a point lies in its most
severe zone.  Buffers and clipping are vectorised (shapely 2 array functions): 10^4 sources take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

GAS_ORDER = ("0", "1", "2")
DUST_ORDER = ("20", "21", "22")
ZONE_ORDER = GAS_ORDER + DUST_ORDER       # precedence applies within gas zones and within dust zones


@dataclass
class ExtentPiece:
    """One zone of one source in plan, with its vertical range (m above grade)."""

    source: str
    zone: str
    polygon: object            # shapely Polygon / MultiPolygon
    z_bottom: float
    z_top: float
    room: str | None


def build_pieces(study, results) -> list[ExtentPiece]:
    """Plan polygons of every drawn zone of every source (vectorised buffer and clip)."""
    import numpy as np
    import shapely

    from pse.zoning.classify import room_polygon, source_base_geometry

    rooms = {room.id: room for room in study.rooms}
    regions = {}
    for room in study.rooms:
        polygon = room_polygon(room)
        if room.openings:
            polygon = shapely.union_all([polygon] + [shapely.Polygon(o) for o in room.openings])
        regions[room.id] = polygon
    bases, radii, clips, meta, whole = [], [], [], [], []
    sources = {s.id: s for s in study.release_sources}
    for result in results:
        base = source_base_geometry(sources[result.source])
        room = rooms.get(result.room) if result.room else None
        for extent in result.extents:
            top = extent.z_top_m
            if room is not None and room.indoor and room.height_m:
                top = min(top, room.height_m)
            if extent.whole_room and room is not None:
                whole.append(ExtentPiece(result.source, extent.zone, room_polygon(room), 0.0,
                                         room.height_m or top, room.id))
                continue
            if extent.radius_m is None:
                continue
            bases.append(base)
            radii.append(extent.radius_m)
            clips.append(regions[room.id] if room is not None and room.indoor else None)
            meta.append((result.source, extent.zone, extent.z_bottom_m, top, room.id if room else None))
    pieces = []
    if bases:
        segments = study.zoning.buffer_segments
        buffers = shapely.buffer(np.array(bases, dtype=object), np.array(radii), quad_segs=segments)
        has_clip = np.array([c is not None for c in clips])
        if has_clip.any():
            clip_array = np.array([c for c in clips if c is not None], dtype=object)
            buffers[has_clip] = shapely.intersection(buffers[has_clip], clip_array)
        for polygon, (sid, zone, bottom, top, room_id) in zip(buffers, meta, strict=False):
            if not polygon.is_empty:
                pieces.append(ExtentPiece(sid, zone, polygon, bottom, top, room_id))
    return pieces + whole


def zones_with_precedence(polygons_by_zone: dict) -> dict:
    """Disjoint zone geometries: Zone 0 wins over 1, 1 over 2 (each input: a list of polygons).

    >>> from shapely.geometry import Point
    >>> z = zones_with_precedence({"1": [Point(0, 0).buffer(1)], "2": [Point(0, 0).buffer(2)]})
    >>> round(z["2"].area + z["1"].area, 2) == round(Point(0, 0).buffer(2).area, 2), z["1"].intersection(z["2"]).area
    (True, 0.0)
    """

    out = {}
    for family in (GAS_ORDER, DUST_ORDER):
        out.update(_precedence(polygons_by_zone, family))
    return out


def _precedence(polygons_by_zone: dict, order: tuple) -> dict:
    """Zones of one family, most severe first: each zone is the union of its extents less every more severe
    extent.  One ``union_all`` per zone; the difference is local (:func:`subtract`), so the work grows about
    linearly with the number of sources instead of differencing two site-wide multipolygons."""
    import numpy as np
    import shapely

    out = {}
    taken = np.empty(0, dtype=object)     # parts of the more severe zones (not unioned with each other)
    for zone in order:
        if zone not in polygons_by_zone and order is DUST_ORDER:
            continue
        polygons = polygons_by_zone.get(zone) or []
        union = shapely.union_all(polygons) if polygons else shapely.Polygon()
        final = subtract(union, taken)
        final = shapely.make_valid(final) if not final.is_valid else final
        out[zone] = _polygonal(final)
        if zone != order[-1]:   # nothing takes precedence after the last zone
            taken = np.concatenate([taken, shapely.get_parts(union)])
    return out


def subtract(geometry, cutters):
    """``geometry`` less the union of ``cutters`` (an array of polygons), computed part by part: each polygon
    of ``geometry`` loses only the cutters an STRtree finds touching it (parts with one cutter in one vectorised
    ``difference``), and the disjoint results are gathered into one MultiPolygon without a global overlay.

    >>> from shapely.geometry import Point
    >>> import numpy as np
    >>> ring = subtract(Point(0, 0).buffer(2), np.array([Point(0, 0).buffer(1)]))
    >>> round(ring.area, 2) == round(Point(0, 0).buffer(2).area - Point(0, 0).buffer(1).area, 2)
    True
    """
    import numpy as np
    import shapely

    if geometry.is_empty or len(cutters) == 0:
        return geometry
    parts = shapely.get_parts(geometry)
    part_index, cutter_index = shapely.STRtree(cutters).query(parts, predicate="intersects")
    if len(part_index) == 0:
        return geometry
    result = parts.copy()
    counts = np.bincount(part_index, minlength=len(parts))
    single = counts[part_index] == 1
    result[part_index[single]] = shapely.difference(parts[part_index[single]], cutters[cutter_index[single]])
    order = np.argsort(part_index[~single], kind="stable")
    multi_parts, multi_cutters = part_index[~single][order], cutter_index[~single][order]
    for group in np.split(np.arange(len(multi_parts)), np.flatnonzero(np.diff(multi_parts)) + 1):
        if len(group):
            i = multi_parts[group[0]]
            result[i] = shapely.difference(parts[i], shapely.union_all(cutters[multi_cutters[group]]))
    pieces = shapely.get_parts(result)
    pieces = pieces[shapely.get_type_id(pieces) == 3]        # polygons only (slivers can leave lines)
    pieces = pieces[~shapely.is_empty(pieces)]
    return shapely.multipolygons(pieces) if len(pieces) > 1 else (pieces[0] if len(pieces) else shapely.Polygon())


def _polygonal(geometry):
    """Keep only the polygonal parts of a geometry (slivers of difference can leave lines)."""
    import shapely

    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def plan_zones(pieces) -> dict:
    """Final disjoint plan geometry per zone ``{"0": ..., "1": ..., "2": ...}``."""
    grouped: dict[str, list] = {}
    for piece in pieces:
        grouped.setdefault(piece.zone, []).append(piece.polygon)
    return zones_with_precedence(grouped)


GEOJSON_DECIMALS = 3      # coordinates in metres to the millimetre: finer than any drawing or survey of a site


def polygon_geojson(polygon, decimals: int = GEOJSON_DECIMALS) -> dict:
    """GeoJSON geometry of a shapely Polygon, its coordinates rounded to ``decimals`` (millimetres in a site
    grid in metres); the rings as shapely orders them (exterior first, then holes).

    >>> import shapely
    >>> polygon_geojson(shapely.box(0, 0, 1 / 3, 1))
    {'type': 'Polygon', 'coordinates': [[[0.333, 0.0], [0.333, 1.0], [0.0, 1.0], [0.0, 0.0], [0.333, 0.0]]]}
    """
    import shapely

    rings = [polygon.exterior, *polygon.interiors]
    return {"type": "Polygon",
            "coordinates": [shapely.get_coordinates(ring).round(decimals).tolist() for ring in rings]}


def zone_features(zones: dict, pieces) -> list[dict]:
    """One feature per polygon part of each zone, with the IDs of the sources whose extent reaches it."""
    import numpy as np
    import shapely

    features = []
    for zone in ZONE_ORDER:
        geometry = zones.get(zone)
        if geometry is None or geometry.is_empty:
            continue
        parts = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
        candidates = [p for p in pieces if p.zone == zone]
        polygons = np.array([p.polygon for p in candidates], dtype=object)
        part_array = np.array(parts, dtype=object)
        shapely.prepare(part_array)
        tree = shapely.STRtree(polygons)
        part_index, piece_index = tree.query(part_array, predicate="intersects")
        # a source contributes when its extent shares interior with the part (touching edges do not count):
        # of two intersecting polygons, those whose interiors meet (DE-9IM T********) are those not touching,
        # and touches uses the prepared parts
        inside = ~shapely.touches(part_array[part_index], polygons[piece_index])
        contributing: dict[int, set[str]] = {i: set() for i in range(len(parts))}
        for a, b in zip(part_index[inside], piece_index[inside], strict=False):
            contributing[int(a)].add(candidates[int(b)].source)
        for i, part in enumerate(parts):
            features.append({"zone": zone, "geometry": part, "sources": sorted(contributing[i]),
                             "area_m2": part.area})
    return features


def zone_at(pieces, x: float, y: float, z: float | None = None,
            order: tuple = GAS_ORDER) -> tuple[str | None, list[str]]:
    """Most severe zone of ``order`` (gas or dust zones) at a point (plan, and height when ``z`` is given, so the
    zone's shape in elevation counts) and the sources that put it there."""
    from shapely.geometry import Point

    point = Point(x, y)
    hits = [p for p in pieces if p.polygon.covers(point) and (z is None or p.z_bottom - 1e-9 <= z <= p.z_top + 1e-9)]
    for zone in order:
        found = sorted({p.source for p in hits if p.zone == zone})
        if found:
            return zone, found
    return None, []


def section_pieces(pieces, start, end) -> list[ExtentPiece]:
    """The extents cut by a vertical section along ``start`` -> ``end``, as rectangles in (s, z) coordinates."""
    import shapely
    from shapely.geometry import LineString, box

    line = LineString([start, end])
    out = []
    for piece in pieces:
        cut = shapely.intersection(line, piece.polygon)
        if cut.is_empty:
            continue
        segments = list(cut.geoms) if hasattr(cut, "geoms") else [cut]
        rects = []
        for seg in segments:
            if seg.geom_type != "LineString" or seg.length <= 0:
                continue
            s0, s1 = sorted(line.project(shapely.Point(c)) for c in (seg.coords[0], seg.coords[-1]))
            if s1 > s0 and piece.z_top > piece.z_bottom:
                rects.append(box(s0, piece.z_bottom, s1, piece.z_top))
        if rects:
            out.append(ExtentPiece(piece.source, piece.zone, shapely.union_all(rects), piece.z_bottom, piece.z_top,
                                   piece.room))
    return out
