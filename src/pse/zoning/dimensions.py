"""Dimension lines of the zone drawings: radii in plan, horizontal extent and height in elevation.

A dimension is a line with filled arrowheads and its value in metres, drawn like a drawing does (not as plot
annotations): all lines of a sheet are one LineCollection, all arrowheads one PolyCollection, and a value is
written only where its text fits the dimension and lies clear of every other text (:class:`pse.figure.BoxGrid`,
estimated extents, no rendering).  A dimension too short to read at the drawing's scale is left off; the source
schedule lists every extent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from pse.figure import BoxGrid

ARROW_LENGTH_PT = 5.0
ARROW_HALF_WIDTH_PT = 1.6
DIM_FONT_PT = 6.0
DIM_COLOUR = "#333333"
RADIUS_TURNS_DEG = (0, -20, 180, 160, 70, -110, 35, -145, 110, -70)   # tried in turn from the first angle
MIN_LENGTH_PT = 8.5           # shorter dimensions are not legible (3 mm on the sheet: the arrowhead and a stem)


@dataclass
class Dimensions:
    """Dimension lines collected for one drawing, in data coordinates, with the paper scale of the axes."""

    x0: float
    y0: float
    sx: float                 # points per data unit (m) in x
    sy: float
    lines: list = field(default_factory=list)
    heads: list = field(default_factory=list)
    texts: list = field(default_factory=list)      # (x, y, text, rotation)
    grounds: list = field(default_factory=list)    # white quadrilaterals under the texts (data)
    left_off: int = 0

    def to_pt(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) * self.sx, (y - self.y0) * self.sy

    def _head(self, tip: tuple[float, float], ux: float, uy: float) -> list[tuple[float, float]]:
        """Arrowhead triangle pointing along the unit vector (ux, uy) in paper space, tip at ``tip``."""
        bx, by = -ux * ARROW_LENGTH_PT, -uy * ARROW_LENGTH_PT
        wx, wy = -uy * ARROW_HALF_WIDTH_PT, ux * ARROW_HALF_WIDTH_PT
        return [tip, (tip[0] + (bx + wx) / self.sx, tip[1] + (by + wy) / self.sy),
                (tip[0] + (bx - wx) / self.sx, tip[1] + (by - wy) / self.sy)]

    def add(self, start: tuple[float, float], end: tuple[float, float], text: str, grid: BoxGrid,
            both_ends: bool = True, side: float = 1.0, count: bool = True) -> bool:
        """A dimension from ``start`` to ``end`` (data) with ``text`` beside its middle (``side`` +1: above or
        left of the line, -1: below or right); a dimension shorter than its text carries the text on an
        extension of the line beyond ``end``, as drawings do.  Left off (returns False) when shorter than
        :data:`MIN_LENGTH_PT` or when the text would overlap another; otherwise the text box is taken in
        ``grid``."""
        from pse.figure import text_extent_pt

        (px0, py0), (px1, py1) = self.to_pt(*start), self.to_pt(*end)
        length = math.hypot(px1 - px0, py1 - py0)
        width, height = text_extent_pt(text, DIM_FONT_PT)
        if length < MIN_LENGTH_PT:
            self.left_off += count
            return False
        ux, uy = (px1 - px0) / length, (py1 - py0) / length
        inside = length >= width + (2 if both_ends else 1) * ARROW_LENGTH_PT
        along = length / 2 if inside else length + 2 + width / 2     # text centre along the line (points)
        nx, ny = -uy * side, ux * side                       # normal towards the text side
        mx, my = px0 + ux * along + nx * height * 0.6, py0 + uy * along + ny * height * 0.6
        box = _rotated_box(mx, my, width, height, ux, uy)
        if not grid.free(box):                  # most candidates of a crowded sheet end here: no stem built
            self.left_off += count
            return False
        stem = _stem_boxes(px0, py0, ux, uy, length)
        if not all(grid.free(b) for b in stem):
            self.left_off += count
            return False
        grid.add(box)
        for b in stem:
            grid.add(b)
        self.lines.append([start, end])
        if not inside:
            tail = (px0 + ux * (along + width / 2 + 1), py0 + uy * (along + width / 2 + 1))
            self.lines.append([end, (self.x0 + tail[0] / self.sx, self.y0 + tail[1] / self.sy)])
        self.heads.append(self._head(end, ux, uy))
        if both_ends:
            self.heads.append(self._head(start, -ux, -uy))
        self.texts.append((self.x0 + mx / self.sx, self.y0 + my / self.sy, text, _reading_angle(ux, uy)))
        self.grounds.append([(self.x0 + (mx + a) / self.sx, self.y0 + (my + b) / self.sy)
                             for a, b in _text_corners(width, height, ux, uy)])
        return True

    def draw(self, ax: Axes) -> None:
        """Everything collected, as one LineCollection, one PolyCollection and the value texts."""
        from matplotlib.collections import LineCollection, PolyCollection

        if not self.lines:
            return
        ax.add_collection(LineCollection(self.lines, colors=DIM_COLOUR, linewidths=0.7, zorder=6.5), autolim=False)
        ax.add_collection(PolyCollection(self.heads, facecolors=DIM_COLOUR, edgecolors="none", zorder=6.5),
                          autolim=False)
        ax.add_collection(PolyCollection(self.grounds, facecolors="white", edgecolors="none", alpha=0.85,
                                         zorder=6.55), autolim=False)
        for x, y, text, angle in self.texts:
            ax.text(x, y, text, fontsize=DIM_FONT_PT, color=DIM_COLOUR, rotation=angle, rotation_mode="anchor",
                    ha="center", va="center", zorder=6.6)


def _reading_angle(ux: float, uy: float) -> float:
    """Text angle along a direction, turned so it reads from the left or from below."""
    angle = math.degrees(math.atan2(uy, ux))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return angle


def _text_corners(width: float, height: float, ux: float, uy: float) -> list[tuple[float, float]]:
    """Corners (points, about the centre) of a ``width`` x ``height`` text along (ux, uy)."""
    hw, hh = width / 2 + 0.5, height / 2
    return [(ux * a - uy * b, uy * a + ux * b) for a, b in ((-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh))]


def _rotated_box(mx: float, my: float, width: float, height: float, ux: float, uy: float) -> tuple:
    """Axis-aligned box of a ``width`` x ``height`` text centred at (mx, my) along (ux, uy), in points."""
    c, s = abs(ux), abs(uy)
    half_w, half_h = (width * c + height * s) / 2, (width * s + height * c) / 2
    return (mx - half_w, my - half_h, mx + half_w, my + half_h)


def _stem_boxes(px: float, py: float, ux: float, uy: float, length: float, step: float = 5.0) -> list:
    """Small boxes along a dimension line (clear of the marker at its start), so texts keep off the line."""
    out = []
    d = 8.0          # the source marker box is 4.5 pt either side: its corner reaches 6.4 pt
    while d < length:
        cx, cy = px + ux * d, py + uy * d
        out.append((cx - 1.0, cy - 1.0, cx + 1.0, cy + 1.0))
        d += step
    return out


def for_axes(fig, ax: Axes) -> Dimensions:
    from pse.figure import axes_scale_pt

    return Dimensions(*axes_scale_pt(fig, ax))


def radius_dimensions(dims: Dimensions, grid: BoxGrid, sources: list, lang: str,
                      angle_deg: float = -35.0) -> None:
    """Plan: each zone radius of each source, from the source to the zone boundary (outer zone first, each
    nested zone on its own angle), written ``R 1.50 m (Zone 1)``, where legible.  ``sources``: (anchor, radii,
    polygon of each zone of the source) - a radius is drawn only in a direction where the source's zone really
    reaches that far (walls clip zones: a dimension never runs into a non-hazardous area)."""
    import numpy as np

    from pse.zoning.sheet import label, zone_name

    radii = [(x, y, zone, radius, polygons.get(zone)) for (x, y), zone_radii, polygons in sources
             for zone, radius in zone_radii]
    if not radii:
        return
    turns = np.radians(angle_deg + np.array(RADIUS_TURNS_DEG, dtype=float))
    x, y, r = (np.array([row[k] for row in radii], dtype=float)[:, None] for k in (0, 1, 3))
    ends_x, ends_y = x + r * np.cos(turns), y + r * np.sin(turns)          # (radius, turn)
    reaches = _reaches(radii, x + 0.97 * r * np.cos(turns), y + 0.97 * r * np.sin(turns))
    k = 0
    for (_, zone_radii, _) in sources:
        used: list[int] = []
        for _ in zone_radii:
            sx, sy, zone, radius, _ = radii[k]
            text = label("dim_radius", lang, r=f"{radius:.2f}", zone=zone_name(zone, lang))
            for t in np.flatnonzero(reaches[k]):
                if t not in used and dims.add((sx, sy), (float(ends_x[k, t]), float(ends_y[k, t])), text, grid,
                                              both_ends=False, count=False):
                    used.append(int(t))
                    break
            else:
                dims.left_off += 1
            k += 1


def _reaches(radii: list, inner_x, inner_y):
    """(radius, turn) booleans: the source's zone covers the point just inside the end of the dimension
    (one vectorised ``covers`` for every radius and turn; a radius without a zone polygon reaches anywhere)."""
    import numpy as np
    import shapely

    zones = np.array([row[4] for row in radii], dtype=object)[:, None]
    known = np.array([row[4] is not None for row in radii])[:, None]
    return ~known | shapely.covers(zones, shapely.points(inner_x, inner_y))


def elevation_dimensions(dims: Dimensions, grid: BoxGrid, source_s: float, source_z: float,
                         rects: list[tuple[str, tuple[float, float, float, float]]], lang: str) -> None:
    """Elevation: for each zone rectangle ``(zone, (s0, z0, s1, z1))`` of a source (outer first), its
    horizontal extent above the zone, and its height above and below the source beside it, in metres."""
    gap_pt = 7.0
    for k, (_zone, (s0, z0, s1, z1)) in enumerate(rects):
        offset = gap_pt + 9.0 * k
        dims.add((s0, z1 + offset / dims.sy), (s1, z1 + offset / dims.sy), f"{s1 - s0:.2f} m", grid)
        if z0 < source_z < z1:
            spans = [((source_z, z1), f"+{z1 - source_z:.2f} m"), ((z0, source_z), f"-{source_z - z0:.2f} m")]
        else:
            spans = [((z0, z1), f"{z1 - z0:.2f} m")]
        for (lo, hi), text in spans:      # right of the zone, else left of it
            for s, side in ((s1 + offset / dims.sx, -1.0), (s0 - offset / dims.sx, 1.0)):
                if dims.add((s, lo), (s, hi), text, grid, side=side, count=False):
                    break
            else:
                dims.left_off += 1
