"""Hazardous-area drawings: plan and elevation (matplotlib: SVG, PDF, PNG), DXF (ezdxf), GeoJSON.

The plan is drawn to a true scale on an A3 landscape sheet (the scale is chosen from the usual series so the
site fits), with IEC-style hatching per zone (Zone 0 dense cross-hatch, Zone 1 diagonal, Zone 2 dotted), a legend,
a title block (study, company, drawing number, revision, date, scale), a scale bar, a north arrow and tags.
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


def _fonts():
    from matplotlib import font_manager

    wanted = ["Noto Sans CJK TC", "Noto Serif CJK TC", "Noto Sans CJK JP", "Microsoft JhengHei", "DejaVu Sans"]
    available = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in wanted if f in available] or ["DejaVu Sans"]


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
    """Title block in the lower right of the sheet (table with signature boxes)."""
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
    ax.add_patch(__import__("matplotlib.patches", fromlist=["Rectangle"]).Rectangle(
        (0, 0), 1, 1, fill=False, linewidth=1.6, transform=ax.transAxes))
    n = len(rows)
    for i, (key, value) in enumerate(rows):
        y = 1 - (i + 1) / n
        ax.plot([0, 1], [y, y], color="black", linewidth=0.6, transform=ax.transAxes)
        if key:
            ax.text(0.02, y + 0.5 / n, key, fontsize=6.5, va="center", transform=ax.transAxes, color="#333")
            ax.text(0.38, y + 0.5 / n, value, fontsize=7.5, va="center", transform=ax.transAxes, wrap=True)
        else:
            ax.text(0.5, y + 0.5 / n, value, fontsize=8, va="center", ha="center", weight="bold",
                    transform=ax.transAxes)
    ax.plot([0.36, 0.36], [0, 1], color="black", linewidth=0.6, transform=ax.transAxes)


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
    ax = fig.add_axes([0.715, 0.42, 0.27, 0.5])
    ax.set_axis_off()
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=True, borderpad=1.0, labelspacing=1.0,
              handlelength=3, handleheight=1.6, title="Legend / 圖例", title_fontsize=9)
    ax.text(0.0, 0.02, _l("basis", lang), fontsize=7, wrap=True, va="bottom", transform=ax.transAxes)


def _frame(fig, ax, limits, scale, north_deg=None, lang="en"):
    """Set true-scale limits, the scale bar and the north arrow."""
    from matplotlib.patches import FancyArrow, Rectangle

    x0, x1, y0, y1 = limits
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("auto")
    ax.tick_params(labelsize=7)
    ax.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
    length = _nice_length(x1 - x0)
    bx, by = x0 + 0.03 * (x1 - x0), y0 + 0.03 * (y1 - y0)
    height = 0.012 * (y1 - y0)
    for i in range(4):
        ax.add_patch(Rectangle((bx + i * length / 4, by), length / 4, height, facecolor="black" if i % 2 == 0
                               else "white", edgecolor="black", linewidth=0.8, zorder=6))
    ax.text(bx, by + 2.2 * height, "0", fontsize=7, ha="center", zorder=6)
    ax.text(bx + length, by + 2.2 * height, f"{length:g} m", fontsize=7, ha="center", zorder=6)
    ax.text(bx + length / 2, by - 2.2 * height, f"1:{scale}", fontsize=7, ha="center", va="top", zorder=6)
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


def plan_figure(area, lang: str = "en"):
    """The plan drawing as a matplotlib Figure (A3 landscape, true scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import shapely
    from shapely.geometry import LineString

    study = area.study
    with plt.rc_context({"font.family": _fonts(), "svg.fonttype": "none", "hatch.linewidth": 0.7}):
        fig = plt.figure(figsize=SHEET_IN)
        ax = fig.add_axes(DRAW_BOX)
        geoms = [shapely.Polygon(r.outline) for r in study.rooms] + [p.polygon for p in area.pieces]
        geoms += [shapely.Point(e.location.x, e.location.y) for e in study.equipment if e.location]
        if not geoms:
            geoms = [shapely.Point(0, 0).buffer(5)]
        minx, miny, maxx, maxy = shapely.union_all(geoms).bounds
        margin = max(1.0, 0.08 * max(maxx - minx, maxy - miny))
        minx, miny, maxx, maxy = minx - margin, miny - 2 * margin, maxx + margin, maxy + margin
        box_mm = (DRAW_BOX[2] * SHEET_IN[0] * 25.4, DRAW_BOX[3] * SHEET_IN[1] * 25.4)
        scale = choose_scale(maxx - minx, maxy - miny, box_mm)
        half_w, half_h = box_mm[0] * scale / 2000, box_mm[1] * scale / 2000
        cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
        limits = (cx - half_w, cx + half_w, cy - half_h, cy + half_h)
        for zone in _drawn_zones(area.zones):
            ax.add_patch(_zone_patch(area.zones[zone], zone))
        for room in study.rooms:
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
            rx, ry = outline.exterior.coords[0]
            top = max(outline.exterior.coords, key=lambda c: (c[1], -c[0]))
            ax.text(top[0] + 0.1, top[1] + 0.15, f"{room.id} {room.name}", fontsize=8.5, weight="bold",
                    va="bottom", zorder=5)
        sources = {s.id: s for s in study.release_sources}
        for result in area.results:
            source = sources[result.source]
            from pse.zoning.classify import source_base_geometry

            base = source_base_geometry(source)
            if base.geom_type == "Point":
                x, y = base.x, base.y
                ax.plot(x, y, marker="^", color="black", markersize=8, zorder=7)
            else:
                xs, ys = (base.exterior.xy if base.geom_type == "Polygon" else base.xy)
                ax.plot(xs, ys, color="black", linewidth=1.6, zorder=7)
                x, y = base.representative_point().x, base.representative_point().y
            ne = [zn for zn in result.zones if zn.endswith("NE")]
            if ne:
                ax.plot(x, y, marker="o", markerfacecolor="none", color="#555", markersize=13, zorder=7)
            label = f"{result.source}\n{result.zone_text}"
            ax.annotate(label, (x, y), xytext=(6, 6), textcoords="offset points", fontsize=7.5, zorder=8,
                        bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="#444", linewidth=0.5))
        failing = {f.equipment for f in area.findings if not f.ok}
        for item in study.equipment:
            if item.location is None:
                continue
            bad = item.id in failing
            ax.plot(item.location.x, item.location.y, marker="s", markersize=8 if bad else 6,
                    color="#d00000" if bad else "#2e7d32", markeredgecolor="black", zorder=7)
            ax.annotate(item.tag + (" (!)" if bad else ""), (item.location.x, item.location.y), xytext=(6, -11),
                        textcoords="offset points", fontsize=7, color="#d00000" if bad else "#1b5e20", zorder=8)
        if area.section is not None:
            (sx0, sy0), (sx1, sy1) = area.section.start, area.section.end
            ax.plot([sx0, sx1], [sy0, sy1], color="#6a1b9a", linewidth=1.2, linestyle="-.", zorder=5)
            for (px, py) in ((sx0, sy0), (sx1, sy1)):
                ax.text(px, py, area.section.label.split("-")[0], fontsize=10, weight="bold", color="#6a1b9a",
                        ha="center", va="center", zorder=6,
                        bbox=dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor="#6a1b9a"))
        ax.set_xlabel("x (m)", fontsize=8)
        ax.set_ylabel("y (m)", fontsize=8)
        _frame(fig, ax, limits, scale, study.zoning.north_deg, lang)
        _legend(fig, lang, bool(failing), any(zn.endswith("NE") for r in area.results for zn in r.zones),
                any(r.dust for r in area.results))
        title = _both("plan_title", lang)
        _title_block(fig, study, lang, title, study.zoning.scale or f"1:{scale} (A3)")
        fig.suptitle(title, x=0.035, y=0.975, ha="left", fontsize=13, weight="bold")
    return fig


def elevation_figure(area, lang: str = "en"):
    """The elevation along the section line (true scale on A3, same legend and title block)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import shapely
    from shapely.geometry import LineString, Point

    study = area.study
    section = area.section
    line = LineString([section.start, section.end])
    with plt.rc_context({"font.family": _fonts(), "svg.fonttype": "none", "hatch.linewidth": 0.7}):
        fig = plt.figure(figsize=SHEET_IN)
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
            outline = shapely.Polygon(room.outline)
            cut = line.intersection(outline)
            for seg in getattr(cut, "geoms", [cut]):
                if seg.geom_type != "LineString" or seg.length <= 0:
                    continue
                s0, s1 = sorted(line.project(Point(c)) for c in (seg.coords[0], seg.coords[-1]))
                h = room.height_m or top
                if room.indoor:
                    ax.plot([s0, s0, s1, s1], [0, h, h, 0], color="black", linewidth=3.0, zorder=4)
                ax.text((s0 + s1) / 2, h + 0.15, f"{room.id} {room.name}", ha="center", fontsize=8.5,
                        weight="bold", zorder=5)
        sources = {s.id: s for s in study.release_sources}
        for result in area.results:
            source = sources[result.source]
            x, y, z = result.location
            distance = line.distance(Point(x, y))
            if distance > max(0.5, result.hazardous_distance_m or 0):
                continue
            s = line.project(Point(x, y))
            ax.plot(s, z, marker="^", color="black", markersize=8, zorder=7)
            ax.annotate(f"{result.source} ({result.zone_text})", (s, z), xytext=(6, 6), textcoords="offset points",
                        fontsize=7.5, zorder=8, bbox=dict(boxstyle="round,pad=0.2", facecolor="white",
                                                          edgecolor="#444", linewidth=0.5))
        failing = {f.equipment for f in area.findings if not f.ok}
        for item in study.equipment:
            if item.location is None or line.distance(Point(item.location.x, item.location.y)) > 1.5:
                continue
            s = line.project(Point(item.location.x, item.location.y))
            bad = item.id in failing
            ax.plot(s, item.location.z, marker="s", markersize=8 if bad else 6, color="#d00000" if bad else "#2e7d32",
                    markeredgecolor="black", zorder=7)
            ax.annotate(item.tag + (" (!)" if bad else ""), (s, item.location.z), xytext=(6, -11),
                        textcoords="offset points", fontsize=7, color="#d00000" if bad else "#1b5e20", zorder=8)
        ax.set_xlabel(_both("distance_along", lang), fontsize=8)
        ax.set_ylabel(_both("height", lang), fontsize=8)
        _frame(fig, ax, limits, scale, None, lang)
        _legend(fig, lang, bool(failing), False, any(r.dust for r in area.results))
        title = f"{_both('elevation_title', lang)}  {section.label}"
        _title_block(fig, study, lang, title, study.zoning.scale or f"1:{scale} (A3)")
        fig.suptitle(title, x=0.035, y=0.975, ha="left", fontsize=13, weight="bold")
    return fig


def save_figure(fig, stem: Path, dpi: int = 110) -> list[Path]:
    """Write ``stem``.svg/.pdf/.png; returns the paths."""
    import matplotlib.pyplot as plt

    paths = []
    for ext in ("svg", "pdf", "png"):
        path = stem.with_suffix(f".{ext}")
        fig.savefig(path, dpi=dpi if ext == "png" else None, metadata=None if ext != "png" else {"Software": "pse"})
        paths.append(path)
    plt.close(fig)
    return paths


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
}


def write_dxf(area, path: Path) -> None:
    """The plan as DXF (R2010): a layer per zone with hatches, walls, openings, sources, equipment, text."""
    import ezdxf
    import shapely

    from pse.zoning.classify import source_base_geometry

    doc = ezdxf.new("R2010", setup=True)
    doc.units = ezdxf.units.M
    for name, (colour, _) in DXF_LAYERS.items():
        doc.layers.add(name, color=colour)
    msp = doc.modelspace()
    for zone in _drawn_zones(area.zones):
        geometry = area.zones[zone]
        layer = f"ZONE-{zone}"
        pattern = DXF_LAYERS[layer][1]
        for poly in (geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]):
            hatch = msp.add_hatch(color=DXF_LAYERS[layer][0], dxfattribs={"layer": layer})
            hatch.set_pattern_fill(pattern, scale=0.05 if pattern != "DOTS" else 0.2)
            hatch.paths.add_polyline_path(list(poly.exterior.coords)[:-1], is_closed=True, flags=1)
            for ring in poly.interiors:
                hatch.paths.add_polyline_path(list(ring.coords)[:-1], is_closed=True, flags=0)
            msp.add_lwpolyline(list(poly.exterior.coords), close=True, dxfattribs={"layer": layer})
            for ring in poly.interiors:
                msp.add_lwpolyline(list(ring.coords), close=True, dxfattribs={"layer": layer})
            point = poly.representative_point()
            msp.add_text(f"ZONE {zone}", height=0.25, dxfattribs={"layer": "TEXT"}).set_placement((point.x, point.y))
    for room in area.study.rooms:
        msp.add_lwpolyline(list(room.outline), close=True, dxfattribs={"layer": "WALLS", "const_width": 0.1})
        x, y = max(room.outline, key=lambda c: (c[1], -c[0]))
        msp.add_text(f"{room.id} {room.name}", height=0.3, dxfattribs={"layer": "TEXT"}).set_placement((x, y + 0.2))
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
        msp.add_text(f"{result.source} {result.zone_text}", height=0.2,
                     dxfattribs={"layer": "TEXT"}).set_placement((x + 0.15, y + 0.15))
    for item in area.study.equipment:
        if item.location is None:
            continue
        x, y = item.location.x, item.location.y
        msp.add_lwpolyline([(x - 0.1, y - 0.1), (x + 0.1, y - 0.1), (x + 0.1, y + 0.1), (x - 0.1, y + 0.1)],
                           close=True, dxfattribs={"layer": "EQUIPMENT"})
        msp.add_text(item.tag, height=0.15, dxfattribs={"layer": "TEXT"}).set_placement((x + 0.15, y - 0.3))
    if area.section is not None:
        msp.add_line(area.section.start, area.section.end, dxfattribs={"layer": "SECTION"})
    doc.saveas(path)
    shapely  # noqa: B018 - imported for symmetry with the other writers
