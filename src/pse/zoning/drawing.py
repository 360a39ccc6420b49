"""Hazardous-area drawings: plan and elevation (matplotlib through :mod:`pse.figure`: SVG, PDF, PNG).

The plan is drawn to a true scale on an A3 landscape sheet (the scale is chosen from the usual series so the
site fits), with IEC-style hatching per zone (Zone 0 dense cross-hatch, Zone 1 diagonal, Zone 2 dotted), a legend,
a title block (study, company, drawing number, revision, date, scale; each value shrunk to fit its cell), a scale
bar, a north arrow, the zone radii dimensioned from each source, and tags placed clear of each other with
leaders.  The sheet carries no plot decorations: a drawing frame with its corner coordinates, no ticks or grid.
The drawing functions take the classification (geometry) in; DXF and GeoJSON are in :mod:`pse.zoning.dxf`.
"""

from __future__ import annotations

from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))
SCALES = (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)
ZONE_STYLE = {   # facecolour, hatch, edgecolour
    "0": ("#f4a6a6", "xxxx", "#b00000"),
    "1": ("#ffd59e", "////", "#c25e00"),
    "2": ("#fff6b0", "..", "#8a7a00"),
    # combustible dust (IEC 60079-10-2): brown family, back-slash hatching, drawn beneath the gas zones
    "20": ("#bcaaa4", "\\\\\\\\", "#4e342e"),
    "21": ("#d7ccc8", "\\\\", "#6d4c41"),
    "22": ("#efebe9", "\\", "#8d6e63"),
}
DRAW_ORDER = ("22", "21", "20", "2", "1", "0")   # dust beneath gas; the most severe zone drawn last


def _drawn_zones(zones: dict) -> list[str]:
    """Zones to draw, in drawing order (dust zones only when the study has them)."""
    return [z for z in DRAW_ORDER if zones.get(z) is not None and not zones[z].is_empty]


def _legend_zones(dust: bool) -> tuple:
    return ("0", "1", "2") + (("20", "21", "22") if dust else ())
SHEET_IN = (16.54, 11.69)                # A3 landscape
DRAW_BOX = (0.035, 0.06, 0.66, 0.88)     # axes in figure fractions


def _l(key, lang):
    from pse.i18n import label

    return label(key, lang, LABELS)


def _both(key, lang):
    """English and Chinese together for a bilingual drawing (the chosen language first)."""
    first, second = (_l(key, lang), _l(key, "en" if lang == "zh-TW" else "zh-TW"))
    return first if first == second else f"{first} / {second}"


def _path(polygon):
    import numpy as np
    from matplotlib.path import Path as MplPath

    polygons = list(polygon.geoms) if polygon.geom_type == "MultiPolygon" else [polygon]
    vertices, codes = [], []
    for poly in polygons:
        for ring in [poly.exterior, *poly.interiors]:
            coords = np.asarray(ring.coords)
            vertices.append(coords)
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(np.concatenate(vertices), codes)


def _zone_patch(geometry, zone):
    from matplotlib.patches import PathPatch

    face, hatch, edge = ZONE_STYLE[zone]
    return PathPatch(_path(geometry), facecolor=face, edgecolor=edge, hatch=hatch, linewidth=1.2, zorder=2)


def choose_scale(width_m: float, height_m: float, box_mm: tuple[float, float]) -> int:
    """Smallest usual scale 1:N at which ``width_m x height_m`` fits a box of ``box_mm`` millimetres.

    >>> choose_scale(8, 6, (270, 255))
    50
    >>> choose_scale(60, 30, (270, 255))
    250
    """
    needed = max(width_m * 1000 / box_mm[0], height_m * 1000 / box_mm[1])
    for scale in SCALES:
        if scale >= needed:
            return scale
    return SCALES[-1]


def _nice_length(span_m: float) -> float:
    for length in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if length >= span_m / 6:
            return length
    return 1000.0


def _title_block(fig, study, lang, title, scale_text):
    """Title block in the lower right of the sheet (table with signature boxes); every value is shrunk until
    it fits its cell."""
    from matplotlib.patches import Rectangle

    from pse.figure import fit_text

    meta = study.study
    settings = study.zoning
    rows = [
        (_both("company", lang), meta.company or "-"),
        (_both("site", lang), " ".join(x for x in (meta.site, meta.department) if x) or "-"),
        (_both("study", lang), meta.title),
        ("", title),
        (_both("drawing_no", lang), settings.drawing_number or "HAC-001"),
        (_both("revision", lang), meta.revision or "-"),
        (_both("date", lang), str(meta.date or "-")),
        (_both("scale", lang), scale_text),
        (_both("prepared", lang), ", ".join(meta.assessors) or "-"),
        (_both("approved", lang), (meta.reviewer or "") + "      ____________"),
    ]
    ax = fig.add_axes([0.715, 0.035, 0.27, 0.36])
    ax.set_axis_off()
    ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, linewidth=1.6, transform=ax.transAxes))
    width_px = ax.get_window_extent(fig.canvas.get_renderer()).width
    n = len(rows)
    for i, (key, value) in enumerate(rows):
        y = 1 - (i + 1) / n
        ax.plot([0, 1], [y, y], color="black", linewidth=0.6, transform=ax.transAxes)
        if key:
            k = ax.text(0.02, y + 0.5 / n, key, fontsize=6.5, va="center", transform=ax.transAxes, color="#333")
            fit_text(fig, k, 0.33 * width_px)
            v = ax.text(0.38, y + 0.5 / n, value, fontsize=7.5, va="center", transform=ax.transAxes)
            fit_text(fig, v, 0.60 * width_px)
        else:
            v = ax.text(0.5, y + 0.5 / n, value, fontsize=8, va="center", ha="center", weight="bold",
                        transform=ax.transAxes)
            fit_text(fig, v, 0.96 * width_px)
    merged = [i for i, (key, _) in enumerate(rows) if not key]     # full-width rows (the drawing title)
    edges = [0] + [x for i in merged for x in (i, i + 1)] + [n]
    for top, bottom in zip(edges[::2], edges[1::2], strict=False):
        if bottom > top:
            ax.plot([0.36, 0.36], [1 - bottom / n, 1 - top / n], color="black", linewidth=0.6,
                    transform=ax.transAxes)
    return ax


def _legend(fig, lang, has_fail, has_ne, dust=False):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for zone in _legend_zones(dust):
        face, hatch, edge = ZONE_STYLE[zone]
        handles.append(Patch(facecolor=face, edgecolor=edge, hatch=hatch, label=_both(f"zone_{zone}", lang)))
    handles += [
        Line2D([], [], color="black", linewidth=2.5, label=_both("wall", lang)),
        Line2D([], [], color="#2a6fdb", linewidth=2.5, linestyle="--", label=_both("opening", lang)),
        Line2D([], [], marker="^", color="black", linestyle="none", markersize=8, label=_both("source", lang)),
        Line2D([], [], marker="s", color="#2e7d32", linestyle="none", markersize=7, label=_both("equipment_ok", lang)),
    ]
    if has_fail:
        handles.append(Line2D([], [], marker="s", color="#d00000", linestyle="none", markersize=8,
                              markeredgecolor="black", label=_both("equipment_fail", lang)))
    if has_ne:
        handles.append(Line2D([], [], marker="o", markerfacecolor="none", color="#555", linestyle="none",
                              markersize=9, label=_both("zone_ne", lang)))
    handles.append(Line2D([], [], color="#6a1b9a", linewidth=1.2, linestyle="-.", label=_both("section_line", lang)))
    handles.append(Line2D([], [], color="#333333", linewidth=0.8, marker=">", markersize=4,
                          label=_both("dimension", lang)))
    ax = fig.add_axes([0.715, 0.42, 0.27, 0.5])
    ax.set_axis_off()
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=True, borderpad=1.0, labelspacing=1.0,
              handlelength=3, handleheight=1.6, title=_both("legend", lang), title_fontsize=9)
    ax.text(0.0, 0.02, _l("basis", lang), fontsize=7, wrap=True, va="bottom", transform=ax.transAxes)


def _frame(fig, ax, limits, scale, north_deg=None, units="m"):
    """True-scale limits, the drawing frame with its corner coordinates (no ticks, no grid), the scale bar with
    its ratio above it, and the north arrow."""
    from matplotlib.patches import FancyArrow, Rectangle

    x0, x1, y0, y1 = limits
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(1.4)
    corner = dict(fontsize=6.5, color="#444444", zorder=6)
    ax.text(x0 + 0.005 * (x1 - x0), y0 + 0.008 * (y1 - y0), f"({x0:.1f}, {y0:.1f}) {units}", **corner)
    ax.text(x1 - 0.005 * (x1 - x0), y1 - 0.008 * (y1 - y0), f"({x1:.1f}, {y1:.1f}) {units}", ha="right", va="top",
            **corner)
    length = _nice_length(x1 - x0)
    bx, by = x0 + 0.03 * (x1 - x0), y0 + 0.045 * (y1 - y0)
    height = 0.012 * (y1 - y0)
    for i in range(4):
        ax.add_patch(Rectangle((bx + i * length / 4, by), length / 4, height, facecolor="black" if i % 2 == 0
                               else "white", edgecolor="black", linewidth=0.8, zorder=6))
    ax.text(bx, by - 0.8 * height, "0", fontsize=7, ha="center", va="top", zorder=6)
    ax.text(bx + length, by - 0.8 * height, f"{length:g} m", fontsize=7, ha="center", va="top", zorder=6)
    ax.text(bx + length / 2, by + 1.8 * height, f"1:{scale}", fontsize=7.5, weight="bold", ha="center",
            va="bottom", zorder=6)
    if north_deg is not None:
        import math

        cx, cy = x1 - 0.06 * (x1 - x0), y1 - 0.1 * (y1 - y0)
        size = 0.06 * (y1 - y0)
        angle = math.radians(north_deg)
        dx, dy = size * math.sin(angle), size * math.cos(angle)
        ax.add_patch(FancyArrow(cx - dx / 2, cy - dy / 2, dx, dy, width=size * 0.12, head_width=size * 0.35,
                                head_length=size * 0.35, length_includes_head=True, color="black", zorder=6))
        ax.text(cx + 0.65 * dx, cy + 0.65 * dy + 0.02 * (y1 - y0), "N", fontsize=11, weight="bold",
                ha="center", va="bottom", zorder=6)


def _obstacles(fig, ax) -> list:
    """Display boxes of the texts already on the drawing (room names, scale bar, corners) for label placement."""
    renderer = fig.canvas.get_renderer()
    return [tuple(t.get_window_extent(renderer).extents) for t in ax.texts]


def _dimension(ax, x, y, radius, angle_deg, text):
    """A radius dimension: line from the source to the zone boundary with an arrowhead and the value."""
    import math

    a = math.radians(angle_deg)
    ex, ey = x + radius * math.cos(a), y + radius * math.sin(a)
    ax.annotate("", xy=(ex, ey), xytext=(x, y), zorder=6.5,
                arrowprops=dict(arrowstyle="-|>", color="#333333", linewidth=0.8, mutation_scale=8,
                                shrinkA=0, shrinkB=0))
    rotation = angle_deg if -90 < angle_deg <= 90 else angle_deg - 180
    ax.text((x + ex) / 2, (y + ey) / 2, text, fontsize=6.5, color="#333333", rotation=rotation,
            rotation_mode="anchor", ha="center", va="bottom", zorder=6.5,
            bbox=dict(boxstyle="square,pad=0.05", facecolor="white", edgecolor="none", alpha=0.8))


def _radii(result) -> list:
    """(zone, radius m) of a source's zones with a horizontal radius, outer zone first."""
    found = [(e.zone, e.radius_m) for e in getattr(result, "extents", []) or []
             if e.radius_m and not e.whole_room]
    return sorted(found, key=lambda zr: -zr[1])


def _dimension_sources(ax, points, results, angle_deg=-35.0):
    """Dimension every zone radius of every source (zones nested: each radius on its own angle)."""
    for (x, y), result in zip(points, results, strict=False):
        for k, (zone, radius) in enumerate(_radii(result)):
            _dimension(ax, x, y, radius, angle_deg - 20 * k, f"R {radius:.2f} m (Zone {zone})")


def _limits(geoms, box_mm):
    import shapely

    minx, miny, maxx, maxy = shapely.union_all(geoms).bounds
    margin = max(1.0, 0.08 * max(maxx - minx, maxy - miny))
    minx, miny, maxx, maxy = minx - margin, miny - 2 * margin, maxx + margin, maxy + margin
    scale = choose_scale(maxx - minx, maxy - miny, box_mm)
    half_w, half_h = box_mm[0] * scale / 2000, box_mm[1] * scale / 2000
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return (cx - half_w, cx + half_w, cy - half_h, cy + half_h), scale


def _rooms(ax, rooms):
    import shapely

    for room in rooms:
        outline = shapely.Polygon(room.outline)
        xs, ys = outline.exterior.xy
        ax.plot(xs, ys, color="black", linewidth=3.0 if room.indoor else 1.2,
                linestyle="-" if room.indoor else (0, (8, 3)), zorder=4, solid_capstyle="butt")
        for opening in room.openings:
            cut = outline.exterior.intersection(shapely.Polygon(opening))
            for seg in getattr(cut, "geoms", [cut]):
                if seg.geom_type == "LineString" and seg.length > 0:
                    sx, sy = seg.xy
                    ax.plot(sx, sy, color="white", linewidth=3.6, zorder=4.1)
                    ax.plot(sx, sy, color="#2a6fdb", linewidth=2.0, linestyle="--", zorder=4.2)
        top = max(outline.exterior.coords, key=lambda c: (c[1], -c[0]))
        ax.text(top[0] + 0.1, top[1] + 0.15, f"{room.id} {room.name}", fontsize=8.5, weight="bold",
                va="bottom", zorder=5)


SOURCE_LABEL = dict(fontsize=7.5, zorder=8,
                    bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="#444", linewidth=0.5))


def _equipment_label(item, bad):
    return dict(text=item.tag + (" (!)" if bad else ""), fontsize=7, color="#d00000" if bad else "#1b5e20",
                zorder=8, bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85))


def plan_figure(area, lang: str = "en"):
    """The plan drawing as a matplotlib Figure (A3 landscape, true scale)."""
    from pse.figure import drawing

    with drawing(area.study):
        return _plan(area, lang)


def _plan(area, lang):
    import shapely

    from pse.figure import new_figure, place_labels
    from pse.zoning.classify import source_base_geometry

    study = area.study
    fig = new_figure(*SHEET_IN)
    ax = fig.add_axes(DRAW_BOX)
    geoms = [shapely.Polygon(r.outline) for r in study.rooms] + [p.polygon for p in area.pieces]
    geoms += [shapely.Point(e.location.x, e.location.y) for e in study.equipment if e.location]
    box_mm = (DRAW_BOX[2] * SHEET_IN[0] * 25.4, DRAW_BOX[3] * SHEET_IN[1] * 25.4)
    limits, scale = _limits(geoms or [shapely.Point(0, 0).buffer(5)], box_mm)
    for zone in _drawn_zones(area.zones):
        ax.add_patch(_zone_patch(area.zones[zone], zone))
    _rooms(ax, study.rooms)
    sources = {s.id: s for s in study.release_sources}
    labels, points = [], []
    for result in area.results:
        base = source_base_geometry(sources[result.source])
        if base.geom_type == "Point":
            x, y = base.x, base.y
            ax.plot(x, y, marker="^", color="black", markersize=8, zorder=7)
        else:
            xs, ys = (base.exterior.xy if base.geom_type == "Polygon" else base.xy)
            ax.plot(xs, ys, color="black", linewidth=1.6, zorder=7)
            x, y = base.representative_point().x, base.representative_point().y
        if any(zn.endswith("NE") for zn in result.zones):
            ax.plot(x, y, marker="o", markerfacecolor="none", color="#555", markersize=13, zorder=7)
        points.append((x, y))
        labels.append(dict(x=x, y=y, text=f"{result.source}\n{result.zone_text}", **SOURCE_LABEL))
    failing = {f.equipment for f in area.findings if not f.ok}
    for item in study.equipment:
        if item.location is None:
            continue
        bad = item.id in failing
        ax.plot(item.location.x, item.location.y, marker="s", markersize=8 if bad else 6,
                color="#d00000" if bad else "#2e7d32", markeredgecolor="black", zorder=7)
        labels.append(dict(x=item.location.x, y=item.location.y, **_equipment_label(item, bad)))
    if area.section is not None:
        (sx0, sy0), (sx1, sy1) = area.section.start, area.section.end
        ax.plot([sx0, sx1], [sy0, sy1], color="#6a1b9a", linewidth=1.2, linestyle="-.", zorder=5)
        for (px, py) in ((sx0, sy0), (sx1, sy1)):
            ax.text(px, py, area.section.label.split("-")[0], fontsize=10, weight="bold", color="#6a1b9a",
                    ha="center", va="center", zorder=6,
                    bbox=dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor="#6a1b9a"))
    _frame(fig, ax, limits, scale, study.zoning.north_deg)
    _dimension_sources(ax, points, area.results)
    place_labels(fig, ax, labels, _obstacles(fig, ax))
    _legend(fig, lang, bool(failing), any(zn.endswith("NE") for r in area.results for zn in r.zones),
            any(r.dust for r in area.results))
    title = _both("plan_title", lang)
    _title_block(fig, study, lang, title, study.zoning.scale or f"1:{scale} (A3)")
    fig.text(0.035, 0.975, title, ha="left", va="top", fontsize=13, weight="bold")
    return fig


def elevation_figure(area, lang: str = "en"):
    """The elevation along the section line (true scale on A3, same legend and title block)."""
    from pse.figure import drawing

    with drawing(area.study):
        return _elevation(area, lang)


def _elevation(area, lang):
    import shapely
    from shapely.geometry import LineString, Point

    from pse.figure import new_figure, place_labels

    study = area.study
    section = area.section
    line = LineString([section.start, section.end])
    fig = new_figure(*SHEET_IN)
    ax = fig.add_axes(DRAW_BOX)
    top = max([p.z_top for p in area.section_pieces] + [r.height_m or 0 for r in study.rooms] + [3.0])
    width = line.length
    box_mm = (DRAW_BOX[2] * SHEET_IN[0] * 25.4, DRAW_BOX[3] * SHEET_IN[1] * 25.4)
    scale = choose_scale(width + 2, top * 1.3 + 2, box_mm)
    half_w, half_h = box_mm[0] * scale / 2000, box_mm[1] * scale / 2000
    limits = (width / 2 - half_w, width / 2 + half_w, -1.0 - 0.2 * half_h, -1.0 - 0.2 * half_h + 2 * half_h)
    for zone in _drawn_zones(area.section_zones):
        ax.add_patch(_zone_patch(area.section_zones[zone], zone))
    ax.axhline(0, color="black", linewidth=2.0, zorder=4)
    for room in study.rooms:
        cut = line.intersection(shapely.Polygon(room.outline))
        for seg in getattr(cut, "geoms", [cut]):
            if seg.geom_type != "LineString" or seg.length <= 0:
                continue
            s0, s1 = sorted(line.project(Point(c)) for c in (seg.coords[0], seg.coords[-1]))
            h = room.height_m or top
            if room.indoor:
                ax.plot([s0, s0, s1, s1], [0, h, h, 0], color="black", linewidth=3.0, zorder=4)
            ax.text((s0 + s1) / 2, h + 0.15, f"{room.id} {room.name}", ha="center", fontsize=8.5,
                    weight="bold", zorder=5)
    labels = []
    for result in area.results:
        x, y, z = result.location
        if line.distance(Point(x, y)) > max(0.5, result.hazardous_distance_m or 0):
            continue
        s = line.project(Point(x, y))
        ax.plot(s, z, marker="^", color="black", markersize=8, zorder=7)
        labels.append(dict(x=s, y=z, text=f"{result.source} ({result.zone_text})", **SOURCE_LABEL))
    failing = {f.equipment for f in area.findings if not f.ok}
    for item in study.equipment:
        if item.location is None or line.distance(Point(item.location.x, item.location.y)) > 1.5:
            continue
        s = line.project(Point(item.location.x, item.location.y))
        bad = item.id in failing
        ax.plot(s, item.location.z, marker="s", markersize=8 if bad else 6, color="#d00000" if bad else "#2e7d32",
                markeredgecolor="black", zorder=7)
        labels.append(dict(x=s, y=item.location.z, **_equipment_label(item, bad)))
    _frame(fig, ax, limits, scale, None)
    ax.text(limits[0] + 0.005 * (limits[1] - limits[0]), limits[3] - 0.008 * (limits[3] - limits[2]),
            _both("distance_along", lang) + "\n" + _both("height", lang), fontsize=6.5, color="#444444",
            va="top", zorder=6)
    place_labels(fig, ax, labels, _obstacles(fig, ax))
    _legend(fig, lang, bool(failing), False, any(r.dust for r in area.results))
    title = f"{_both('elevation_title', lang)}  {section.label}"
    _title_block(fig, study, lang, title, study.zoning.scale or f"1:{scale} (A3)")
    fig.text(0.035, 0.975, title, ha="left", va="top", fontsize=13, weight="bold")
    return fig


def save_figure(fig, stem: Path, dpi: int = 110, study=None) -> list[Path]:
    """Write ``stem``.svg/.pdf/.png; returns the paths."""
    from pse.figure import save

    names = save(fig, stem.parent, stem.name, ("svg", "pdf", "png"), study=study, dpi=dpi)
    return [stem.parent / name for name in names]


def write_dxf(area, path: Path) -> None:
    """The plan as DXF (see :func:`pse.zoning.dxf.write_dxf`)."""
    from pse.zoning.dxf import write_dxf as write

    write(area, path)
