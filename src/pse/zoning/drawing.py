"""Hazardous-area drawings: plan and elevation (matplotlib through :mod:`pse.figure`: SVG, PDF, PNG).

The sheet (scale, frame, legend, title block) is :mod:`pse.zoning.sheet`; dimension lines are
:mod:`pse.zoning.dimensions`.  Drawing stays linear in the number of sources: each zone is one patch, all
point sources one marker line, line and area sources one LineCollection, equipment one marker line per Ex-check
status, and tags are placed from estimated text extents on a grid (:func:`pse.figure.place_labels`, no
rendering).  At site scale a tag or dimension that has no free place at the drawing's scale is left off, and the
sheet says how many and where the full list is (the source schedule of zoning.xlsx / source-schedule.csv).
The drawing functions take the classification (geometry) in; DXF and GeoJSON are in :mod:`pse.zoning.dxf`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pse.zoning.sheet import (
    DRAW_BOX,
    SHEET_IN,
    ZONE_STYLE,
    both,
    choose_scale,
    draw_box_mm,
    drawn_zones,
    label,
    zone_patch,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from pse.figure import BoxGrid
    from pse.zoning.area import AreaClassification

__all__ = ["ZONE_STYLE", "choose_scale", "elevation_figure", "plan_figure", "save_figure", "write_dxf"]

SOURCE_LABEL = dict(fontsize=7.0, zorder=8, frame="#444444")
MARKER_PT = 4.5               # half size of a marker's box kept clear of tags


def _equipment_label(item: Any, bad: bool) -> dict:
    return dict(text=item.tag + (" (!)" if bad else ""), fontsize=7.0, color="#d00000" if bad else "#1b5e20",
                zorder=8, frame="none")


def _limits(geoms: list, box_mm: tuple[float, float]) -> tuple[tuple[float, float, float, float], int]:
    import shapely

    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    margin = max(1.0, 0.08 * max(maxx - minx, maxy - miny))
    minx, miny, maxx, maxy = minx - margin, miny - 2 * margin, maxx + margin, maxy + margin
    scale = choose_scale(maxx - minx, maxy - miny, box_mm)
    half_w, half_h = box_mm[0] * scale / 2000, box_mm[1] * scale / 2000
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return (cx - half_w, cx + half_w, cy - half_h, cy + half_h), scale


def _grid(fig: Figure, ax: Axes, data_boxes: list, points: list) -> BoxGrid:
    """The occupancy grid of a drawing: the furniture's boxes and a small box around every marker."""
    from pse.figure import BoxGrid, axes_scale_pt

    x0, y0, sx, sy = axes_scale_pt(fig, ax)
    grid = BoxGrid()
    for bx0, by0, bx1, by1 in data_boxes:
        grid.add(((bx0 - x0) * sx, (by0 - y0) * sy, (bx1 - x0) * sx, (by1 - y0) * sy))
    for x, y in points:
        px, py = (x - x0) * sx, (y - y0) * sy
        grid.add((px - MARKER_PT, py - MARKER_PT, px + MARKER_PT, py + MARKER_PT))
    return grid


def _rooms(ax: Axes, rooms: list) -> list:
    """Walls (indoor: heavy, outdoor area: dashed), openings and room names; returns the names' data boxes."""
    import shapely
    from matplotlib.collections import LineCollection

    from pse.figure import text_extent_pt

    walls: dict[bool, list] = {True: [], False: []}
    cuts, boxes = [], []
    scale_m_per_pt = _m_per_pt(ax)
    for room in rooms:
        outline = shapely.Polygon(room.outline)
        walls[bool(room.indoor)].append(shapely.get_coordinates(outline.exterior))
        for opening in room.openings:
            cut = outline.exterior.intersection(shapely.Polygon(opening))
            cuts += [shapely.get_coordinates(seg) for seg in shapely.get_parts(cut)
                     if seg.geom_type == "LineString" and seg.length > 0]
        top = max(outline.exterior.coords, key=lambda c: (c[1], -c[0]))
        name = f"{room.id} {room.name}"
        ax.text(top[0] + 0.1, top[1] + 0.15, name, fontsize=8.5, weight="bold", va="bottom", zorder=5)
        w, h = text_extent_pt(name, 8.5)
        boxes.append((top[0], top[1], top[0] + w * scale_m_per_pt, top[1] + 0.15 + h * scale_m_per_pt))
    ax.add_collection(LineCollection(walls[True], colors="black", linewidths=3.0, zorder=4, capstyle="butt"))
    ax.add_collection(LineCollection(walls[False], colors="black", linewidths=1.2, linestyles=(0, (8, 3)),
                                     zorder=4))
    if cuts:
        ax.add_collection(LineCollection(cuts, colors="white", linewidths=3.6, zorder=4.1))
        ax.add_collection(LineCollection(cuts, colors="#2a6fdb", linewidths=2.0, linestyles="--", zorder=4.2))
    return boxes


def _m_per_pt(ax: Axes) -> float:
    from pse.figure import axes_scale_pt

    return 1.0 / axes_scale_pt(ax.figure, ax)[2]


def _sources(ax: Axes, area: AreaClassification) -> list[tuple[float, float]]:
    """Every source drawn at once: points as one marker line, lines and areas as one LineCollection, zones of
    negligible extent ringed.  Returns the anchor point of each result (in result order)."""
    from matplotlib.collections import LineCollection
    from shapely import get_coordinates

    from pse.zoning.classify import source_base_geometry

    sources = {s.id: s for s in area.study.release_sources}
    anchors, marks, shapes, ringed = [], [], [], []
    for result in area.results:
        base = source_base_geometry(sources[result.source])
        if base.geom_type == "Point":
            anchor = (base.x, base.y)
            marks.append(anchor)
        else:
            shapes.append(get_coordinates(base.exterior if base.geom_type == "Polygon" else base))
            point = base.representative_point()
            anchor = (point.x, point.y)
        if any(zn.endswith("NE") for zn in result.zones):
            ringed.append(anchor)
        anchors.append(anchor)
    if marks:
        ax.plot(*zip(*marks, strict=True), marker="^", color="black", markersize=7, linestyle="none", zorder=7)
    if shapes:
        ax.add_collection(LineCollection(shapes, colors="black", linewidths=1.6, zorder=7))
    if ringed:
        ax.plot(*zip(*ringed, strict=True), marker="o", markerfacecolor="none", color="#555", markersize=13,
                linestyle="none", zorder=7)
    return anchors


def _equipment(ax: Axes, placed: list, failing: set) -> None:
    """Equipment markers, one marker line per Ex-check status; ``placed``: (item, x, y)."""
    for bad in (False, True):
        xy = [(x, y) for item, x, y in placed if (item.id in failing) == bad]
        if xy:
            ax.plot(*zip(*xy, strict=True), marker="s", markersize=8 if bad else 6, linestyle="none",
                    color="#d00000" if bad else "#2e7d32", markeredgecolor="black", zorder=7)


def _radii(result: Any) -> list[tuple[str, float]]:
    """(zone, radius m) of a source's zones with a horizontal radius, outer zone first (a radius shared by two
    slabs of one zone, such as a main zone and its grade layer, once)."""
    found = {(e.zone, round(e.radius_m, 2)) for e in getattr(result, "extents", []) or []
             if e.radius_m and not e.whole_room}
    return sorted(found, key=lambda zr: (-zr[1], zr[0]))


def _dimensioned(area: AreaClassification, anchors: list) -> list:
    """(anchor, radii, {zone: union of the source's pieces of that zone, prepared}) of every source."""
    import shapely

    grouped: dict[str, dict[str, list]] = {}
    for piece in area.pieces:
        grouped.setdefault(piece.source, {}).setdefault(piece.zone, []).append(piece.polygon)
    out = []
    for result, anchor in zip(area.results, anchors, strict=True):
        polygons = {}
        for zone, parts in grouped.get(result.source, {}).items():
            polygons[zone] = parts[0] if len(parts) == 1 else shapely.union_all(parts)
            shapely.prepare(polygons[zone])
        out.append((anchor, _radii(result), polygons))
    return out


def _section_marks(ax: Axes, section: Any) -> list:
    (sx0, sy0), (sx1, sy1) = section.start, section.end
    ax.plot([sx0, sx1], [sy0, sy1], color="#6a1b9a", linewidth=1.2, linestyle="-.", zorder=5)
    for (px, py) in ((sx0, sy0), (sx1, sy1)):
        ax.text(px, py, section.label.split("-")[0], fontsize=10, weight="bold", color="#6a1b9a",
                ha="center", va="center", zorder=6,
                bbox=dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor="#6a1b9a"))
    m = 8 * _m_per_pt(ax)
    return [(px - m, py - m, px + m, py + m) for px, py in ((sx0, sy0), (sx1, sy1))]


def _unlabelled_note(lang: str, missing_tags: int, total: int, missing_dims: int) -> str:
    if not missing_tags and not missing_dims:
        return ""
    return label("unlabelled_note", lang, n=missing_tags, total=total, d=missing_dims)


def plan_figure(area: AreaClassification, lang: str = "en") -> Figure:
    """The plan drawing as a matplotlib Figure (A3 landscape, true scale)."""
    from pse.figure import drawing

    with drawing(area.study):
        return _plan(area, lang)


def _plan_limits(area: AreaClassification) -> tuple[tuple[float, float, float, float], int]:
    import shapely

    study = area.study
    geoms = [shapely.Polygon(r.outline) for r in study.rooms] + [p.polygon for p in area.pieces]
    geoms += [shapely.Point(e.location.x, e.location.y) for e in study.equipment if e.location]
    return _limits(geoms or [shapely.Point(0, 0).buffer(5)], draw_box_mm())


def _plan(area: AreaClassification, lang: str) -> Figure:
    from pse.figure import new_figure, place_labels
    from pse.zoning.dimensions import for_axes, radius_dimensions
    from pse.zoning.sheet import frame, legend, north_arrow, title_block

    study = area.study
    fig = new_figure(*SHEET_IN)
    ax = fig.add_axes(DRAW_BOX)
    limits, scale = _plan_limits(area)
    furniture = frame(ax, limits, scale)
    if study.zoning.north_deg is not None:
        furniture.append(north_arrow(ax, limits, study.zoning.north_deg))
    for zone in drawn_zones(area.zones):
        ax.add_artist(zone_patch(area.zones[zone], zone))   # limits are set: no bezier walk
    furniture += _rooms(ax, study.rooms)
    anchors = _sources(ax, area)
    failing = {f.equipment for f in area.findings if not f.ok}
    placed = [(item, item.location.x, item.location.y) for item in study.equipment if item.location is not None]
    _equipment(ax, placed, failing)
    if area.section is not None:
        furniture += _section_marks(ax, area.section)
    grid = _grid(fig, ax, furniture, anchors + [(x, y) for _, x, y in placed])
    labels = [dict(x=x, y=y, text=f"{r.source}\n{r.zone_text}", **SOURCE_LABEL)
              for r, (x, y) in zip(area.results, anchors, strict=True)]
    labels += [dict(x=x, y=y, **_equipment_label(item, item.id in failing)) for item, x, y in placed]
    dims = for_axes(fig, ax)
    radius_dimensions(dims, grid, _dimensioned(area, anchors), lang)
    dims.draw(ax)
    _, missing = place_labels(fig, ax, labels, grid=grid)
    legend(fig, lang, bool(failing), any(zn.endswith("NE") for r in area.results for zn in r.zones),
           any(r.dust for r in area.results), _unlabelled_note(lang, missing, len(labels), dims.left_off))
    title = both("plan_title", lang)
    title_block(fig, study, lang, title, study.zoning.scale or f"1:{scale} (A3)")
    fig.text(0.035, 0.975, title, ha="left", va="top", fontsize=13, weight="bold")
    return fig


def elevation_figure(area: AreaClassification, lang: str = "en") -> Figure:
    """The elevation along the section line (true scale on A3, same legend and title block)."""
    from pse.figure import drawing

    with drawing(area.study):
        return _elevation(area, lang)


def _elevation_limits(area: AreaClassification, width: float) -> tuple[tuple[float, float, float, float], int]:
    top = max([p.z_top for p in area.section_pieces] + [r.height_m or 0 for r in area.study.rooms] + [3.0])
    box_mm = draw_box_mm()
    scale = choose_scale(width + 2, top * 1.3 + 2, box_mm)
    half_w, half_h = box_mm[0] * scale / 2000, box_mm[1] * scale / 2000
    return (width / 2 - half_w, width / 2 + half_w, -1.0 - 0.2 * half_h, -1.0 - 0.2 * half_h + 2 * half_h), scale


def _section_rooms(ax: Axes, area: AreaClassification, line: Any, top: float) -> list:
    """Floor line, walls of the indoor rooms cut by the section and the room names; returns the names' boxes."""
    import shapely
    from matplotlib.collections import LineCollection

    from pse.figure import text_extent_pt

    ax.axhline(0, color="black", linewidth=2.0, zorder=4)
    walls, boxes = [], []
    m = _m_per_pt(ax)
    for room in area.study.rooms:
        for seg in shapely.get_parts(line.intersection(shapely.Polygon(room.outline))):
            if seg.geom_type != "LineString" or seg.length <= 0:
                continue
            s0, s1 = sorted(line.project(shapely.Point(c)) for c in (seg.coords[0], seg.coords[-1]))
            h = room.height_m or top
            if room.indoor:
                walls.append([(s0, 0), (s0, h), (s1, h), (s1, 0)])
            name = f"{room.id} {room.name}"
            ax.text((s0 + s1) / 2, h + 0.15, name, ha="center", fontsize=8.5, weight="bold", zorder=5)
            w, th = text_extent_pt(name, 8.5)
            boxes.append(((s0 + s1) / 2 - w * m / 2, h, (s0 + s1) / 2 + w * m / 2, h + 0.15 + th * m))
    ax.add_collection(LineCollection(walls, colors="black", linewidths=3.0, zorder=4))
    return boxes


def _on_section(area: AreaClassification, line: Any) -> list[tuple[Any, float, float]]:
    """(result, s, z) of the sources whose zones the section cuts."""
    from shapely import Point

    out = []
    for result in area.results:
        x, y, z = result.location
        reach = max([e.radius_m or 0 for e in result.extents] + [result.hazardous_distance_m or 0, 0.5])
        if line.distance(Point(x, y)) <= reach:
            out.append((result, line.project(Point(x, y)), z))
    return out


def _elevation_dimensions(area: AreaClassification, dims: Any, grid: BoxGrid, on_line: list, lang: str) -> None:
    from pse.zoning.dimensions import elevation_dimensions

    by_source: dict[str, list] = {}
    for piece in area.section_pieces:
        by_source.setdefault(piece.source, []).append((piece.zone, piece.polygon.bounds))
    for result, s, z in on_line:
        rects = sorted(by_source.get(result.source, []), key=lambda zr: -(zr[1][2] - zr[1][0]))
        elevation_dimensions(dims, grid, s, z, rects, lang)


def _elevation(area: AreaClassification, lang: str) -> Figure:
    from shapely import LineString, Point

    from pse.figure import new_figure, place_labels
    from pse.zoning.dimensions import for_axes
    from pse.zoning.sheet import frame, legend, title_block

    study, section = area.study, area.section
    if section is None:
        raise ValueError("the elevation needs a section line (zoning.section or zones to cut)")
    line = LineString([section.start, section.end])
    fig = new_figure(*SHEET_IN)
    ax = fig.add_axes(DRAW_BOX)
    limits, scale = _elevation_limits(area, line.length)
    furniture = frame(ax, limits, scale)
    for zone in drawn_zones(area.section_zones):
        ax.add_artist(zone_patch(area.section_zones[zone], zone))
    top = max([p.z_top for p in area.section_pieces] + [r.height_m or 0 for r in study.rooms] + [3.0])
    furniture += _section_rooms(ax, area, line, top)
    on_line = _on_section(area, line)
    if on_line:
        ax.plot([s for _, s, _ in on_line], [z for _, _, z in on_line], marker="^", color="black", markersize=7,
                linestyle="none", zorder=7)
    failing = {f.equipment for f in area.findings if not f.ok}
    placed = [(item, line.project(Point(item.location.x, item.location.y)), item.location.z)
              for item in study.equipment
              if item.location is not None and line.distance(Point(item.location.x, item.location.y)) <= 1.5]
    _equipment(ax, placed, failing)
    x0, x1, y0, y1 = limits
    ax.text(x0 + 0.005 * (x1 - x0), y1 - 0.008 * (y1 - y0), both("distance_along", lang) + "\n" +
            both("height", lang), fontsize=6.5, color="#444444", va="top", zorder=6)
    furniture.append((x0, y1 - 0.05 * (y1 - y0), x0 + 0.3 * (x1 - x0), y1))
    grid = _grid(fig, ax, furniture, [(s, z) for _, s, z in on_line] + [(s, z) for _, s, z in placed])
    labels = [dict(x=s, y=z, text=f"{r.source} ({r.zone_text})", **SOURCE_LABEL) for r, s, z in on_line]
    labels += [dict(x=s, y=z, **_equipment_label(item, item.id in failing)) for item, s, z in placed]
    dims = for_axes(fig, ax)
    _elevation_dimensions(area, dims, grid, on_line, lang)
    dims.draw(ax)
    _, missing = place_labels(fig, ax, labels, grid=grid)
    legend(fig, lang, bool(failing), False, any(r.dust for r in area.results),
           _unlabelled_note(lang, missing, len(labels), dims.left_off))
    title = f"{both('elevation_title', lang)}  {section.label}"
    title_block(fig, study, lang, title, study.zoning.scale or f"1:{scale} (A3)")
    fig.text(0.035, 0.975, title, ha="left", va="top", fontsize=13, weight="bold")
    return fig


def save_figure(fig: Figure, stem: Path, dpi: int = 110, study: Any = None) -> list[Path]:
    """Write ``stem``.svg/.pdf/.png (one savefig per format, the text laid out once as outlines); returns the
    paths."""
    from pse.figure import save

    names = save(fig, stem.parent, stem.name, ("svg", "pdf", "png"), study=study, dpi=dpi, outline_text=True)
    return [stem.parent / name for name in names]


def write_dxf(area: AreaClassification, path: Path, lang: str = "en") -> None:
    """The plan as DXF (see :func:`pse.zoning.dxf.write_dxf`)."""
    from pse.zoning.dxf import write_dxf as write

    write(area, path, lang)
