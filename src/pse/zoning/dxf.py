"""The plan as DXF (ezdxf) and the zones as GeoJSON.

DXF: model space holds the plan in metres (a layer per zone with IEC-style hatches, walls, openings, sources,
equipment, text); a paper-space layout ``A3`` (420 x 297 mm, landscape) holds a viewport on the plan at the
drawing's scale, the title block and the legend.  All text uses the style ``PSE-ZH``: the TrueType font
``msjh.ttc`` (Microsoft JhengHei, shipped with every Traditional Chinese Windows, where AutoCAD runs) so Chinese
names do not show as ``?``; the style ``PSE-ZH-NOTO`` (``NotoSansTC-Regular.otf``) is defined too for
machines with Noto Sans TC (CAD users switch the style if msjh is missing).

GeoJSON: the coordinates are the study's local site grid in metres, not longitude/latitude, so the file
carries a ``crs`` member naming a local engineering CRS (GDAL/QGIS read it; RFC 7946 readers that ignore it
are warned by the name of the collection and the README).
"""

from __future__ import annotations

from pathlib import Path

DXF_LAYERS = {   # name: (ACI colour, hatch pattern)
    "ZONE-0": (1, "ANSI37"),
    "ZONE-1": (30, "ANSI31"),
    "ZONE-2": (2, "DOTS"),
    "ZONE-20": (34, "ANSI33"),
    "ZONE-21": (36, "ANSI32"),
    "ZONE-22": (38, "ANSI34"),
    "WALLS": (7, None),
    "OPENINGS": (5, None),
    "SOURCES": (7, None),
    "EQUIPMENT": (3, None),
    "TEXT": (7, None),
    "SECTION": (6, None),
    "TITLE": (7, None),
    "VIEWPORT": (8, None),
}
TEXT_STYLE = "PSE-ZH"
TEXT_FONT = ("msjh.ttc", "Microsoft JhengHei")
ALT_STYLE = "PSE-ZH-NOTO"
ALT_FONT = ("NotoSansTC-Regular.otf", "Noto Sans TC")
PAPER_MM = (420.0, 297.0)      # A3 landscape
LOCAL_CRS_WKT = ('LOCAL_CS["pse site grid (metres, x east, y north)",LOCAL_DATUM["site origin",0],'
                 'UNIT["metre",1],AXIS["x",EAST],AXIS["y",NORTH]]')


def _styles(doc) -> None:
    for name, (font, family) in ((TEXT_STYLE, TEXT_FONT), (ALT_STYLE, ALT_FONT)):
        style = doc.styles.add(name, font=font)
        style.set_extended_font_data(family=family)


def _text(space, text, height, point, layer="TEXT", align=None):
    """A TEXT entity in ``PSE-ZH``; without ``align`` placed left on its baseline at ``point`` (insert and
    alignment point, as ``set_placement`` writes them, set with the entity's attributes)."""
    if align is None:
        return space.add_text(text, height=height, dxfattribs={"layer": layer, "style": TEXT_STYLE,
                                                               "insert": point, "align_point": point})
    from ezdxf.enums import TextEntityAlignment

    entity = space.add_text(text, height=height, dxfattribs={"layer": layer, "style": TEXT_STYLE})
    entity.set_placement(point, align=getattr(TextEntityAlignment, align))
    return entity


def _polyline(msp, xy, layer: str):
    """A closed LWPOLYLINE through the rows of ``xy`` (every vertex as given), its vertex array set at once
    (``append_points`` grows the array one vertex at a time, quadratic in the vertices of a merged zone)."""
    import numpy as np

    entity = msp.add_lwpolyline([], close=True, dxfattribs={"layer": layer})
    vertices = np.zeros((len(xy), 5))          # x, y, start width, end width, bulge
    vertices[:, :2] = xy
    entity.lwpoints.extend(vertices)
    return entity


def circle_of_ring(xy, quad_segs: int) -> tuple[float, float, float] | None:
    """(x, y, radius) when a closed ring (``xy``: its coordinates, first point repeated last) is a whole
    buffered circle, the regular polygon of ``4 quad_segs`` sides that shapely's ``buffer`` makes around a
    point: every vertex at the same distance from their mean and every side of the same length (relative
    1e-9).  None for any other ring (clipped by a wall, merged with another zone, cut by a more severe one).

    >>> import shapely
    >>> ring = shapely.get_coordinates(shapely.Point(1.0, 2.0).buffer(1.5, quad_segs=8).exterior)
    >>> [round(v, 9) for v in circle_of_ring(ring, 8)]
    [1.0, 2.0, 1.5]
    >>> circle_of_ring(ring[[0, 1, 2, 3, 0]], 8) is None
    True
    """
    import numpy as np

    points = np.asarray(xy, dtype=float)[:-1]
    if len(points) != 4 * quad_segs:
        return None
    centre = points.mean(axis=0)
    radii = np.hypot(*(points - centre).T)
    sides = np.hypot(*(np.roll(points, -1, axis=0) - points).T)
    if np.ptp(radii) > 1e-9 * radii.max() or np.ptp(sides) > 1e-9 * sides.max():
        return None
    return float(centre[0]), float(centre[1]), float(radii.mean())


def _boundary(msp, hatch, xy, layer: str, flags: int, quad_segs: int) -> None:
    """One ring of a zone: a whole circle as CIRCLE and an arc edge of the hatch; any other ring as
    LWPOLYLINE and a polyline path of the hatch (every vertex of the zone polygon)."""
    circle = circle_of_ring(xy, quad_segs)
    if circle is not None:
        x, y, radius = circle
        hatch.paths.add_edge_path(flags=flags).add_arc((x, y), radius, 0.0, 360.0)
        msp.add_circle((x, y), radius, dxfattribs={"layer": layer})
        return
    hatch.paths.add_polyline_path(xy[:-1].tolist(), is_closed=True, flags=flags)
    _polyline(msp, xy, layer)


def _model(area, msp, lang: str = "en") -> None:
    import shapely

    from pse.zoning.classify import source_base_geometry
    from pse.zoning.sheet import drawn_zones as _drawn_zones
    from pse.zoning.sheet import zone_name

    quad_segs = area.study.zoning.buffer_segments
    for zone in _drawn_zones(area.zones):
        layer = f"ZONE-{zone}"
        pattern = DXF_LAYERS[layer][1]
        polygons = shapely.get_parts(area.zones[zone])
        for poly, point in zip(polygons, shapely.point_on_surface(polygons), strict=True):
            hatch = msp.add_hatch(color=DXF_LAYERS[layer][0], dxfattribs={"layer": layer})
            hatch.set_pattern_fill(pattern, scale=0.05 if pattern != "DOTS" else 0.2)
            _boundary(msp, hatch, shapely.get_coordinates(poly.exterior), layer, 1, quad_segs)
            for ring in poly.interiors:
                _boundary(msp, hatch, shapely.get_coordinates(ring), layer, 0, quad_segs)
            _text(msp, zone_name(zone, lang), 0.25, (point.x, point.y))
    for room in area.study.rooms:
        msp.add_lwpolyline(list(room.outline), close=True, dxfattribs={"layer": "WALLS", "const_width": 0.1})
        x, y = max(room.outline, key=lambda c: (c[1], -c[0]))
        _text(msp, f"{room.id} {room.name}", 0.3, (x, y + 0.2))
        for opening in room.openings:
            msp.add_lwpolyline(list(opening), close=True, dxfattribs={"layer": "OPENINGS"})
    sources = {s.id: s for s in area.study.release_sources}
    for result in area.results:
        base = source_base_geometry(sources[result.source])
        if base.geom_type == "Point":
            msp.add_circle((base.x, base.y), 0.1, dxfattribs={"layer": "SOURCES"})
            x, y = base.x, base.y
        else:
            coords = list(base.exterior.coords) if base.geom_type == "Polygon" else list(base.coords)
            msp.add_lwpolyline(coords, dxfattribs={"layer": "SOURCES"})
            x, y = base.representative_point().x, base.representative_point().y
        _text(msp, f"{result.source} {result.zone_text}", 0.2, (x + 0.15, y + 0.15))
    for item in area.study.equipment:
        if item.location is None:
            continue
        x, y = item.location.x, item.location.y
        msp.add_lwpolyline([(x - 0.1, y - 0.1), (x + 0.1, y - 0.1), (x + 0.1, y + 0.1), (x - 0.1, y + 0.1)],
                           close=True, dxfattribs={"layer": "EQUIPMENT"})
        _text(msp, item.tag, 0.15, (x + 0.15, y - 0.3))
    if area.section is not None:
        msp.add_line(area.section.start, area.section.end, dxfattribs={"layer": "SECTION"})


def _title_block(psp, area, lang, scale) -> None:
    """Title block (lower right, 150 x 80 mm) and legend (above it) in paper space, millimetres."""
    from pse.zoning.sheet import ZONE_STYLE
    from pse.zoning.sheet import both as _both

    meta, settings = area.study.study, area.study.zoning
    rows = [
        (_both("company", lang), meta.company or "-"),
        (_both("study", lang), meta.title),
        (_both("drawing_no", lang), settings.drawing_number or "HAC-001"),
        (_both("revision", lang), meta.revision or "-"),
        (_both("date", lang), str(meta.date or "-")),
        (_both("scale", lang), settings.scale or f"1:{scale} (A3)"),
        (_both("prepared", lang), ", ".join(meta.assessors) or "-"),
        (_both("approved", lang), meta.reviewer or ""),
    ]
    x0, x1, y0, height = PAPER_MM[0] - 160, PAPER_MM[0] - 10, 10.0, 80.0
    step = height / (len(rows) + 1)
    psp.add_lwpolyline([(x0, y0), (x1, y0), (x1, y0 + height), (x0, y0 + height)], close=True,
                       dxfattribs={"layer": "TITLE", "const_width": 0.5})
    _text(psp, _both("plan_title", lang), 3.5, (x0 + 3, y0 + height - step / 2), "TITLE", "MIDDLE_LEFT")
    for i, (key, value) in enumerate(rows):
        y = y0 + height - step * (i + 1)
        psp.add_line((x0, y), (x1, y), dxfattribs={"layer": "TITLE"})
        _text(psp, key, 2.0, (x0 + 2, y - step / 2), "TITLE", "MIDDLE_LEFT")
        _text(psp, str(value), 2.5, (x0 + 52, y - step / 2), "TITLE", "MIDDLE_LEFT")
    psp.add_line((x0 + 50, y0), (x0 + 50, y0 + height - step), dxfattribs={"layer": "TITLE"})
    ly = y0 + height + 12
    _text(psp, _both("legend", lang), 3.0, (x0, ly + 4 * 9), "TITLE")
    for k, zone in enumerate(("0", "1", "2")):
        y = ly + (2 - k) * 9
        layer = f"ZONE-{zone}"
        hatch = psp.add_hatch(color=DXF_LAYERS[layer][0], dxfattribs={"layer": layer})
        pattern = DXF_LAYERS[layer][1]
        hatch.set_pattern_fill(pattern, scale=0.5 if pattern != "DOTS" else 2.0)
        square = [(x0, y), (x0 + 12, y), (x0 + 12, y + 6), (x0, y + 6)]
        hatch.paths.add_polyline_path(square, is_closed=True)
        psp.add_lwpolyline(square, close=True, dxfattribs={"layer": layer})
        _text(psp, _both(f"zone_{zone}", lang), 2.5, (x0 + 16, y + 3), "TITLE", "MIDDLE_LEFT")
    ZONE_STYLE  # noqa: B018 - the legend follows the drawing's zone order


def _paper_space(doc, area, lang) -> None:
    """Layout ``A3``: page setup, a viewport on the plan at the drawing scale, title block and legend."""
    import shapely

    from pse.zoning.sheet import choose_scale

    geoms = [shapely.Polygon(r.outline) for r in area.study.rooms] + [p.polygon for p in area.pieces]
    bounds = shapely.total_bounds(geoms) if geoms else (-5, -5, 5, 5)
    minx, miny, maxx, maxy = bounds
    view_mm = (PAPER_MM[0] - 190, PAPER_MM[1] - 20)     # left of the title block
    scale = choose_scale(maxx - minx + 2, maxy - miny + 2, view_mm)
    doc.layouts.rename("Layout1", "A3")
    layout = doc.layouts.get("A3")
    layout.page_setup(size=PAPER_MM, margins=(0, 0, 0, 0), units="mm")
    centre = (10 + view_mm[0] / 2, 10 + view_mm[1] / 2)
    layout.add_viewport(center=centre, size=view_mm, view_center_point=((minx + maxx) / 2, (miny + maxy) / 2),
                        view_height=view_mm[1] * scale / 1000, dxfattribs={"layer": "VIEWPORT"})
    layout.add_lwpolyline([(5, 5), (PAPER_MM[0] - 5, 5), (PAPER_MM[0] - 5, PAPER_MM[1] - 5), (5, PAPER_MM[1] - 5)],
                          close=True, dxfattribs={"layer": "TITLE", "const_width": 0.7})
    _title_block(layout, area, lang, scale)


def write_dxf(area, path: Path, lang: str = "en") -> None:
    """The plan as DXF (R2010): model space in metres, paper-space layout ``A3`` with title block and legend."""
    import io

    import ezdxf

    from pse.output import atomic_write_bytes

    doc = ezdxf.new("R2010", setup=True)
    doc.units = ezdxf.units.M
    _styles(doc)
    for name, (colour, _) in DXF_LAYERS.items():
        doc.layers.add(name, color=colour)
    _model(area, doc.modelspace(), lang)
    _paper_space(doc, area, lang)
    stream = io.StringIO()
    doc.write(stream)
    atomic_write_bytes(path, stream.getvalue().encode("utf-8"))


def geojson(area) -> dict:
    """The zones as a GeoJSON FeatureCollection marked with its local CRS (site metres, not WGS 84)."""
    data = area.geojson()
    data["crs"] = {"type": "name", "properties": {"name": LOCAL_CRS_WKT}}
    data["pse:coordinates"] = "local site grid, metres (x east, y north); not longitude/latitude"
    return data


def geojson_text(area) -> str:
    """:func:`geojson` as text: the collection's members, then one feature per line (compact, diffable)."""
    import json

    data = geojson(area)
    features = data.pop("features")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]           # without the closing brace
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return head + ',\n "features": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"
