"""The sheet of a hazardous-area drawing: zone styles, scale, frame, scale bar, north arrow, legend, title block.

A3 landscape; the drawing area is true to scale (the scale is chosen from the usual series so the site fits);
IEC-style hatching per zone (Zone 0 dense cross-hatch, Zone 1 diagonal, Zone 2 dotted; dust zones brown,
back-slash hatching).  The sheet carries no plot decorations: a drawing frame with its corner coordinates, a
scale bar with its ratio, a north arrow; no ticks, no grid.  Text sizes are fitted from estimated extents
(:func:`pse.figure.fit_size`), without rendering.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    from pse.model.study import Study

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
SHEET_IN = (16.54, 11.69)                # A3 landscape
DRAW_BOX = (0.035, 0.06, 0.66, 0.88)     # axes in figure fractions
TITLE_BOX = (0.715, 0.035, 0.27, 0.36)
LEGEND_BOX = (0.715, 0.42, 0.27, 0.5)


def drawn_zones(zones: dict) -> list[str]:
    """Zones to draw, in drawing order (dust zones only when the study has them)."""
    return [z for z in DRAW_ORDER if zones.get(z) is not None and not zones[z].is_empty]


def legend_zones(dust: bool) -> tuple[str, ...]:
    return ("0", "1", "2") + (("20", "21", "22") if dust else ())


def label(key: str, lang: str, **values: object) -> str:
    """A zoning label in ``lang``, formatted with ``values``."""
    from pse.i18n import label as catalogue_label

    text = catalogue_label(key, lang, LABELS)
    return text.format(**values) if values else text


def both(key: str, lang: str) -> str:
    """English and Chinese together for a bilingual drawing (the chosen language first)."""
    first, second = (label(key, lang), label(key, "en" if lang == "zh-TW" else "zh-TW"))
    return first if first == second else f"{first} / {second}"


def zone_name(zone: str, lang: str) -> str:
    """``Zone 2`` / ``2 區`` (and ``2 區 NE`` for a zone of negligible extent)."""
    base = zone[:-2] if zone.endswith("NE") else zone
    name = label(f"zone_{base}", lang) if base in ZONE_STYLE else base
    return f"{name} NE" if zone.endswith("NE") else name


def mpl_path(polygon: Any) -> MplPath:
    """A matplotlib Path of a shapely (Multi)Polygon with its holes (one path: one patch per zone)."""
    import numpy as np
    import shapely
    from matplotlib.path import Path as MplPath

    rings = shapely.get_rings(shapely.get_parts(polygon))
    coords = [shapely.get_coordinates(ring) for ring in rings]
    codes = [np.r_[MplPath.MOVETO, np.full(len(c) - 2, MplPath.LINETO), MplPath.CLOSEPOLY] for c in coords]
    return MplPath(np.concatenate(coords), np.concatenate(codes).astype(np.uint8))


def zone_patch(geometry: Any, zone: str) -> PathPatch:
    from matplotlib.patches import PathPatch

    face, hatch, edge = ZONE_STYLE[zone]
    return PathPatch(mpl_path(geometry), facecolor=face, edgecolor=edge, hatch=hatch, linewidth=1.2, zorder=2)


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


def draw_box_mm() -> tuple[float, float]:
    return DRAW_BOX[2] * SHEET_IN[0] * 25.4, DRAW_BOX[3] * SHEET_IN[1] * 25.4


def _nice_length(span_m: float) -> float:
    for length in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if length >= span_m / 6:
            return length
    return 1000.0


def _title_rows(study: Study, lang: str, title: str, scale_text: str) -> list[tuple[str, str]]:
    meta = study.study
    settings = study.zoning
    return [
        (both("company", lang), meta.company or "-"),
        (both("site", lang), " ".join(x for x in (meta.site, meta.department) if x) or "-"),
        (both("study", lang), meta.title),
        ("", title),
        (both("drawing_no", lang), settings.drawing_number or "HAC-001"),
        (both("revision", lang), meta.revision or "-"),
        (both("date", lang), str(meta.date or "-")),
        (both("scale", lang), scale_text),
        (both("prepared", lang), ", ".join(meta.assessors) or "-"),
        (both("approved", lang), (meta.reviewer or "") + "      ____________"),
    ]


def fit_cell(text: str, size_pt: float, width_pt: float) -> tuple[str, float]:
    r"""Text and font size for a title-block cell: one line shrunk to fit, or, when that would shrink it below
    80 % of ``size_pt``, two lines (broken at the space nearest the middle) shrunk to fit.

    >>> fit_cell("Plant 2", 7.5, 100.0)
    ('Plant 2', 7.5)
    >>> fit_cell("Seed 001 - zoning of the solvent and gas area", 7.5, 100.0)
    ('Seed 001 - zoning of the\nsolvent and gas area', 7.5)
    """
    from pse.figure import fit_size, text_extent_pt

    single = fit_size(text, size_pt, width_pt)
    if single >= 0.8 * size_pt or "\n" in text:
        return text, single
    cuts = [i for i in range(1, len(text)) if text[i] == " " or (ord(text[i - 1]) > 0x2e80 and ord(text[i]) > 0x2e80)]
    if not cuts:
        return text, single
    widest = [max(text_extent_pt(text[:i].rstrip(), 1.0)[0], text_extent_pt(text[i:].lstrip(), 1.0)[0])
              for i in cuts]
    cut = cuts[widest.index(min(widest))]
    two = text[:cut].rstrip() + "\n" + text[cut:].lstrip()
    return two, max(single, fit_size(two, size_pt, width_pt))


def title_block(fig: Figure, study: Study, lang: str, title: str, scale_text: str) -> Axes:
    """Title block in the lower right of the sheet (table with signature boxes); every value is fitted to its
    cell from its estimated width (two lines at most for a long study title)."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Rectangle

    from pse.figure import fit_size

    rows = _title_rows(study, lang, title, scale_text)
    ax = fig.add_axes(TITLE_BOX)
    ax.set_axis_off()
    ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, linewidth=1.6, transform=ax.transAxes))
    width_pt = TITLE_BOX[2] * SHEET_IN[0] * 72
    n = len(rows)
    lines = [[(0.0, 1 - (i + 1) / n), (1.0, 1 - (i + 1) / n)] for i in range(n - 1)]
    for i, (key, value) in enumerate(rows):
        y = 1 - (i + 0.5) / n
        if key:
            text, size = fit_cell(key, 6.5, 0.32 * width_pt)
            ax.text(0.02, y, text, fontsize=size, va="center", transform=ax.transAxes, color="#333")
            text, size = fit_cell(value, 7.5, 0.59 * width_pt)
            ax.text(0.38, y, text, fontsize=size, va="center", transform=ax.transAxes)
        else:
            ax.text(0.5, y, value, fontsize=fit_size(value, 8, 0.95 * width_pt), va="center", ha="center",
                    weight="bold", transform=ax.transAxes)
    merged = [i for i, (key, _) in enumerate(rows) if not key]     # full-width rows (the drawing title)
    edges = [0] + [x for i in merged for x in (i, i + 1)] + [n]
    for top, bottom in zip(edges[::2], edges[1::2], strict=False):
        if bottom > top:
            lines.append([(0.36, 1 - bottom / n), (0.36, 1 - top / n)])
    ax.add_collection(LineCollection(lines, colors="black", linewidths=0.6, transform=ax.transAxes))
    return ax


def _legend_handles(lang: str, has_fail: bool, has_ne: bool, dust: bool) -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list = []
    for zone in legend_zones(dust):
        face, hatch, edge = ZONE_STYLE[zone]
        handles.append(Patch(facecolor=face, edgecolor=edge, hatch=hatch, label=both(f"zone_{zone}", lang)))
    handles += [
        Line2D([], [], color="black", linewidth=2.5, label=both("wall", lang)),
        Line2D([], [], color="#2a6fdb", linewidth=2.5, linestyle="--", label=both("opening", lang)),
        Line2D([], [], marker="^", color="black", linestyle="none", markersize=8, label=both("source", lang)),
        Line2D([], [], marker="s", color="#2e7d32", linestyle="none", markersize=7, label=both("equipment_ok", lang)),
    ]
    if has_fail:
        handles.append(Line2D([], [], marker="s", color="#d00000", linestyle="none", markersize=8,
                              markeredgecolor="black", label=both("equipment_fail", lang)))
    if has_ne:
        handles.append(Line2D([], [], marker="o", markerfacecolor="none", color="#555", linestyle="none",
                              markersize=9, label=both("zone_ne", lang)))
    handles.append(Line2D([], [], color="#6a1b9a", linewidth=1.2, linestyle="-.", label=both("section_line", lang)))
    handles.append(Line2D([], [], color="#333333", linewidth=0.8, marker=">", markersize=4,
                          label=both("dimension_zone", lang)))
    return handles


def legend(fig: Figure, lang: str, has_fail: bool, has_ne: bool, dust: bool = False, note: str = "") -> None:
    """The legend (bilingual), the basis of classification and, at site scale, the note on unlabelled items."""
    ax = fig.add_axes(LEGEND_BOX)
    ax.set_axis_off()
    ax.legend(handles=_legend_handles(lang, has_fail, has_ne, dust), loc="upper left", fontsize=8, frameon=True,
              borderpad=1.0, labelspacing=1.0, handlelength=3, handleheight=1.6, title=both("legend", lang),
              title_fontsize=9)
    from pse.figure import wrap_pt

    width_pt = LEGEND_BOX[2] * SHEET_IN[0] * 72 * 0.98
    text = "\n".join(wrap_pt(t, 7.0, width_pt) for t in (label("basis", lang), note) if t)
    ax.text(0.0, 0.02, text, fontsize=7, va="bottom", transform=ax.transAxes)


def frame(ax: Axes, limits: tuple[float, float, float, float], scale: int, units: str = "m") -> list:
    """True-scale limits and the drawing frame with its corner coordinates (no ticks, no grid), the scale bar
    with its ratio above it.  Returns the data boxes ``(x0, y0, x1, y1)`` the furniture covers."""
    from matplotlib.patches import Rectangle

    x0, x1, y0, y1 = limits
    w, h = x1 - x0, y1 - y0
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(1.4)
    corner: dict[str, Any] = dict(fontsize=6.5, color="#444444", zorder=6)
    ax.text(x0 + 0.005 * w, y0 + 0.008 * h, f"({x0:.1f}, {y0:.1f}) {units}", **corner)
    ax.text(x1 - 0.005 * w, y1 - 0.008 * h, f"({x1:.1f}, {y1:.1f}) {units}", ha="right", va="top", **corner)
    length = _nice_length(w)
    bx, by = x0 + 0.03 * w, y0 + 0.045 * h
    height = 0.012 * h
    for i in range(4):
        ax.add_patch(Rectangle((bx + i * length / 4, by), length / 4, height, facecolor="black" if i % 2 == 0
                               else "white", edgecolor="black", linewidth=0.8, zorder=6))
    ax.text(bx, by - 0.8 * height, "0", fontsize=7, ha="center", va="top", zorder=6)
    ax.text(bx + length, by - 0.8 * height, f"{length:g} m", fontsize=7, ha="center", va="top", zorder=6)
    ax.text(bx + length / 2, by + 1.8 * height, f"1:{scale}", fontsize=7.5, weight="bold", ha="center",
            va="bottom", zorder=6)
    return [(x0, y0, x0 + 0.2 * w, y0 + 0.02 * h), (x1 - 0.2 * w, y1 - 0.02 * h, x1, y1),
            (bx - 0.02 * w, y0, bx + length + 0.04 * w, by + 4 * height)]


def north_arrow(ax: Axes, limits: tuple[float, float, float, float], north_deg: float) -> tuple:
    """North arrow in the upper right of the drawing; returns its data box."""
    import math

    from matplotlib.patches import FancyArrow

    x0, x1, y0, y1 = limits
    cx, cy = x1 - 0.06 * (x1 - x0), y1 - 0.1 * (y1 - y0)
    size = 0.06 * (y1 - y0)
    angle = math.radians(north_deg)
    dx, dy = size * math.sin(angle), size * math.cos(angle)
    ax.add_patch(FancyArrow(cx - dx / 2, cy - dy / 2, dx, dy, width=size * 0.12, head_width=size * 0.35,
                            head_length=size * 0.35, length_includes_head=True, color="black", zorder=6))
    ax.text(cx + 0.65 * dx, cy + 0.65 * dy + 0.02 * (y1 - y0), "N", fontsize=11, weight="bold",
            ha="center", va="bottom", zorder=6)
    return (cx - size, cy - size, cx + size, cy + 1.2 * size)
