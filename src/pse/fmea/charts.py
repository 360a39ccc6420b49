"""FMEA charts: Pareto of RPN, and the severity x occurrence matrix with AP colours.

Both return a matplotlib Figure made by the figure layer (:mod:`pse.figure`: object-oriented, one font
resolver); :func:`save` writes it as SVG and PNG.
"""

from __future__ import annotations

from pse.fmea.layout import freeze
from pse.fmea.views import _l

AP_EDGE = {"H": "#C62828", "M": "#EF8F00", "L": "#2E7D32"}
AP_FILL = {"H": "#E57373", "M": "#FFCA6B", "L": "#81C784"}


def pareto_chart(result, lang: str = "en", title: str | None = None, study=None):
    """Pareto of RPN: bars (RPN before actions, AP colours) in descending order, RPN after as markers,
    and the cumulative share of total RPN on the right axis.  Only the first :data:`PARETO_TOP` rows are drawn
    (a note gives how many of how many; the whole ranking is in ``fmea-ranking.csv``), so the chart keeps its
    size at site scale."""
    from pse.figure import drawing

    with drawing(study):
        return _pareto(result, lang, title)


#: bars drawn in the Pareto chart: the first rows of the ranking; the chart keeps its width at site scale
PARETO_TOP = 30
#: rows up to which the S x O chart writes row IDs in its cells (above: the count of rows per cell)
MATRIX_IDS_UP_TO = 30


#: the Pareto legend's height as a fraction of the axes (four entries at 8 pt and their paddings)
LEGEND_HEIGHT_FRAC = 0.24
LEGEND_PLACES = {"upper right": (1.0, 1.0), "center right": (1.0, 0.5), "upper center": (0.5, 1.0),
                 "upper left": (0.0, 1.0)}


def legend_place(centres, bar_width: float, bar_tops, line, width: float, height: float) -> str:
    """Where the Pareto legend hides no data: the first of upper right, center right, upper center and upper
    left whose box (axes fractions ``width`` x ``height``) no bar top (with its value label, ~0.06 above) and
    no point of the cumulative line of the bars under it reaches; upper right if none is free.

    ``centres``, ``bar_width``: the bars' centres and width; ``bar_tops``, ``line``: heights per bar, all as
    fractions of the axes.

    >>> legend_place([0.1, 0.35, 0.6, 0.85], 0.2, [0.9, 0.5, 0.3, 0.1], [0.4, 0.7, 0.9, 0.95], 0.25, 0.24)
    'center right'
    >>> legend_place([0.1, 0.35, 0.6, 0.85], 0.2, [0.9, 0.88, 0.87, 0.56], [0.01, 0.05, 0.08, 0.12], 0.25, 0.24)
    'upper right'
    """
    for place, (x_anchor, y_anchor) in LEGEND_PLACES.items():
        left = {1.0: 1.0 - width, 0.5: 0.5 - width / 2, 0.0: 0.0}[x_anchor]
        bottom = 1.0 - height if y_anchor == 1.0 else 0.5 - height / 2
        under = [i for i, c in enumerate(centres) if c + bar_width / 2 > left and c - bar_width / 2 < left + width]
        if all(bar_tops[i] + 0.06 < bottom and not bottom - 0.03 <= line[i] <= bottom + height + 0.03
               for i in under):
            return place
    return "upper right"


def _pareto(result, lang, title):
    import numpy as np

    from pse.figure import new_figure

    n = len(result)
    order = np.lexsort((np.arange(n), -result.occurrence, -result.severity, -result.rpn))
    shown = order[:PARETO_TOP]
    m = len(shown)
    rpn = result.rpn[shown]
    fig = new_figure(max(6.0, 0.55 * m + 2), 4.6)   # margins set from estimated text extents: freeze
    ax = fig.add_subplot()
    x = np.arange(m)
    aps = [str(result.ap[i]) for i in shown]
    _bars(ax, x, rpn, aps)
    after = result.re_assessed[shown]
    marks = None
    if after.any():
        marks = ax.scatter(x[after], result.rpn_after[shown][after], marker="_", s=400, linewidths=2.5,
                           color="#1F3B57", zorder=3, label=f"{_l('rpn_after', lang)}")
    text_collection(ax, x, rpn, [str(int(v)) for v in rpn], 8, va="bottom", dy_pt=2.0)
    _row_ticks(ax, x, [result.rows[i].id for i in shown])
    ax.set_ylabel(_l("rpn", lang) + " = S x O x D")
    ax.set_ylim(0, max(int(rpn.max()) if m else 1, 1) * 1.15)
    share = 100 * np.cumsum(result.rpn[order]) / max(int(result.rpn.sum()), 1)   # share of the whole study
    ax2 = ax.twinx()
    ax2.plot(x, share[:m], color="#1F3B57", marker="o", markersize=3, linewidth=1.2)
    ax2.set_ylim(0, 105)
    ax2.set_ylabel(_l("cumulative", lang))
    ax2.axhline(80, color="#999999", linestyle=":", linewidth=1)
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=AP_FILL[k], edgecolor=AP_EDGE[k], label=_l(f"ap_{k}", lang)) for k in "HML"]
    if marks is not None:
        handles.append(marks)
    from pse.fmea import layout as lay

    x0, x1 = ax.get_xlim()
    axes_pt = 72 * fig.get_figwidth() * ax.get_position().width
    width_frac = lay.legend_width_pt([h.get_label() for h in handles], 8.0) / max(axes_pt, 1.0)
    loc = legend_place((x + 0.5 - x0) / (x1 - x0) - 0.5 / (x1 - x0), 0.8 / (x1 - x0), rpn / ax.get_ylim()[1],
                       share[:m] / 105.0, width_frac, LEGEND_HEIGHT_FRAC)
    ax2.legend(handles=handles, loc=loc, fontsize=8, framealpha=0.9)
    ax.set_title(title or _l("pareto_title", lang))
    if n > m:
        fig.supxlabel(_l("pareto_top_note", lang).format(shown=m, rows=n), fontsize=8, color="#555555")
    _pareto_margins(fig, ax, ax2, [result.rows[i].id for i in shown], noted=n > m)
    return freeze(fig)


def _row_ticks(ax, x, ids: list[str]) -> None:
    """The row IDs under the Pareto bars, turned 45 degrees and right-aligned on their tick like matplotlib's
    tick labels (``rotation=45, ha="right"``, 8 pt), as one glyph-outline collection, and their tick marks as
    one line of tick markers (matplotlib's x tick size, width, colour and pad): no Tick artist per row."""
    import numpy as np
    from matplotlib.markers import TICKDOWN

    from pse.fmea.layout import x_tick_style

    style = x_tick_style()
    ax.set_xticks([])
    ax.plot(x, np.zeros(len(x)), linestyle="none", marker=TICKDOWN, markersize=style["size"],
            markeredgewidth=style["width"], color=style["color"], clip_on=False,
            transform=ax.get_xaxis_transform(), zorder=2.5)
    text_collection(ax, x, np.zeros(len(x)), ids, 8, color=style["labelcolor"], ha="right", va="top",
                    dy_pt=-(style["size"] + style["pad"]), rotation_deg=45, offset_transform=ax.get_xaxis_transform())


def _pareto_margins(fig, ax, ax2, ids: list[str], noted: bool) -> None:
    """Margins of the Pareto: y tick labels and label on both sides, the row IDs turned 45 degrees under the
    bars (and the top-rows note under them), the title above (:mod:`pse.fmea.layout`)."""
    from pse.fmea import layout as lay

    tick, label = lay.tick_label_pt(), lay.axis_label_pt()
    left, right = (lay.EDGE_PT + lay.label_band_pt(label) + lay.width_pt(lay.tick_labels(a.yaxis), tick)
                   + lay.tick_band_pt("y") for a in (ax, ax2))
    bottom = lay.EDGE_PT + lay.tick_band_pt("x") + lay.rotated_height_pt(ids, 8.0)
    if noted:    # fig.supxlabel sits at 1 % of the figure height from the bottom
        bottom += 0.01 * fig.get_figheight() * 72 + lay.line_pt(8.0)
    lay.place_axes(fig, left, right, bottom, lay.EDGE_PT + lay.title_band_pt())


def matrix_chart(result, lang: str = "en", title: str | None = None, study=None):
    """Severity x occurrence matrix (10 x 10): each cell shaded by its AP at the worst detection (D 10) and
    labelled with the AP range over D 1-10; the rows summarised per cell (marker size by count, colour by the
    highest AP there, IDs for a small study), hollow markers at their S/O after actions and arrows for the moves
    (:func:`_matrix_marks`: a fixed number of drawing calls whatever the number of rows)."""
    from pse.figure import drawing

    with drawing(study):
        return _matrix(result, lang, title)


def _matrix(result, lang, title):
    import numpy as np

    from pse.figure import new_figure
    from pse.fmea.ap import load_ap_table

    codes = load_ap_table().codes[1:, 1:, 1:]
    best = codes.min(axis=2).T  # [occurrence-1, severity-1]: AP with the best detection (D=1)
    worst = codes.max(axis=2).T
    fig = new_figure(9.0, 6.4)   # position set from estimated text extents: freeze
    ax = fig.add_subplot()
    _cell_shades(ax, worst)
    sev, occ = np.meshgrid(np.arange(1, 11), np.arange(1, 11))       # [occurrence-1, severity-1] like best
    ranges = [lo if lo == hi else f"{lo}-{hi}" for lo, hi in zip(np.array(list("LMH"))[best.ravel() - 1],
                                                                  np.array(list("LMH"))[worst.ravel() - 1],
                                                                  strict=True)]
    text_collection(ax, sev.ravel(), occ.ravel() - 0.32, ranges, 6, color="#888888")
    ax.set_xticks(range(1, 11))
    ax.set_yticks(range(1, 11))
    edges = np.arange(0.5, 11)
    ax.vlines(edges, 0.5, 10.5, color="white", linewidth=1.5)     # the cell grid: two line collections
    ax.hlines(edges, 0.5, 10.5, color="white", linewidth=1.5)
    ax.set_xlabel(_l("severity_axis", lang))
    ax.set_ylabel(_l("occurrence_axis", lang))
    _matrix_marks(ax, result)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor=AP_FILL[k], markeredgecolor=AP_EDGE[k],
                      label=_l(f"ap_{k}", lang)) for k in "HML"]
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#1F3B57",
                          label=_l("after", lang)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, framealpha=0.9)
    ax.text(1.01, 0.0, _l("matrix_note", lang), transform=ax.transAxes, fontsize=7, color="#555555",
            va="bottom")     # the note's lines are broken in labels.yaml
    ax.set_aspect("equal")         # square cells, as imshow made them
    ax.set_xlim(0.5, 10.5)
    ax.set_ylim(0.5, 10.5)
    ax.set_title(title or _l("matrix_title", lang))
    _matrix_margins(fig, ax, [h.get_label() for h in handles], _l("matrix_note", lang))
    return freeze(fig)


def _matrix_margins(fig, ax, legend_labels: list[str], note: str) -> None:
    """Position of the square S x O axes: tick labels and axis labels left and below, the title above, the
    legend and the note (at 1.01 of the axes width) on the right; the whole block centred in the figure."""
    from pse.fmea import layout as lay

    tick, label = lay.tick_label_pt(), lay.axis_label_pt()
    left = lay.EDGE_PT + lay.label_band_pt(label) + lay.width_pt(["10"], tick) + lay.tick_band_pt("y")
    bottom = lay.EDGE_PT + lay.label_band_pt(label) + lay.line_pt(tick) + lay.tick_band_pt("x")
    top = lay.EDGE_PT + lay.title_band_pt()
    aside = 0.5 * 8.0 + max(lay.legend_width_pt(legend_labels, 8.0), lay.width_pt(note.split("\n"), 7.0)) + lay.EDGE_PT
    width, height = (size * 72 for size in fig.get_size_inches())
    side = min(height - top - bottom, (width - left - aside) / 1.01)
    left += (width - left - 1.01 * side - aside) / 2
    bottom += (height - top - bottom - side) / 2
    ax.set_position([left / width, bottom / height, side / width, side / height])


def _cell_counts(severity, occurrence, ap):
    """Rows per (S, O) cell and the highest AP code among them: ``(s, o, count, ap)`` of the occupied cells.

    >>> import numpy as np
    >>> s, o, n, ap = _cell_counts(np.array([8, 8, 2]), np.array([6, 6, 6]), np.array([3, 1, 1]))
    >>> s.tolist(), o.tolist(), n.tolist(), ap.tolist()
    ([2, 8], [6, 6], [1, 2], [1, 3])
    """
    import numpy as np

    cell = (np.asarray(severity, dtype=np.int64) - 1) * 10 + np.asarray(occurrence, dtype=np.int64) - 1
    counts = np.bincount(cell, minlength=100)
    highest = np.zeros(100, dtype=np.int64)
    np.maximum.at(highest, cell, np.asarray(ap, dtype=np.int64))
    occupied = np.flatnonzero(counts)
    return occupied // 10 + 1, occupied % 10 + 1, counts[occupied], highest[occupied]


def _ap_codes(letters):
    import numpy as np

    return np.array([" LMH".index(str(a)) for a in letters], dtype=np.int64)


def _matrix_marks(ax, result) -> None:
    """The rows in the S x O matrix, summarised per cell: one scatter of the occupied cells (marker area by
    count, colour by the highest AP in the cell), one of the cells after actions (hollow), one quiver of the
    moves between cells, and one label per occupied cell (row IDs for a small study, else the count): the
    number of drawing calls does not grow with the rows."""
    import numpy as np

    n = len(result)
    if n == 0:
        return
    s, o, count, ap = _cell_counts(result.severity, result.occurrence, _ap_codes(result.ap))
    area = 60 + 240 * np.sqrt(count / count.max())
    ax.scatter(s - 0.15, o + 0.1, s=area, c=[AP_FILL[" LMH"[a]] for a in ap],
               edgecolors=[AP_EDGE[" LMH"[a]] for a in ap], linewidths=1.2, zorder=4)
    again = np.asarray(result.re_assessed, dtype=bool)
    if again.any():
        s2, o2, count2, ap2 = _cell_counts(result.severity_after[again], result.occurrence_after[again],
                                           _ap_codes(result.ap_after[again]))
        ax.scatter(s2 + 0.2, o2 + 0.1, s=30 + 120 * np.sqrt(count2 / count2.max()), facecolors="white",
                   edgecolors=[AP_EDGE[" LMH"[a]] for a in ap2], linewidths=1.5, zorder=3)
        moves = np.unique(np.column_stack([result.severity[again], result.occurrence[again],
                                           result.severity_after[again], result.occurrence_after[again]]), axis=0)
        moves = moves[(moves[:, 0] != moves[:, 2]) | (moves[:, 1] != moves[:, 3])]
        if len(moves):
            ax.quiver(moves[:, 0] - 0.15, moves[:, 1] + 0.1, moves[:, 2] - moves[:, 0] + 0.35,
                      moves[:, 3] - moves[:, 1], angles="xy", scale_units="xy", scale=1, color="#1F3B57",
                      alpha=0.6, width=0.003, zorder=2)
    ids: dict = {}
    if n <= MATRIX_IDS_UP_TO:
        for row, si, oi in zip(result.rows, result.severity.tolist(), result.occurrence.tolist(), strict=True):
            ids.setdefault((si, oi), []).append(row.id)
    counted = []
    for si, oi, k in zip(s.tolist(), o.tolist(), count.tolist(), strict=True):
        if (si, oi) in ids and k <= 3:
            text = "\n".join(ids[(si, oi)])
            ax.text(si - 0.15, oi + 0.42, text, ha="center", va="top", fontsize=6 if "\n" in text else 7,
                    zorder=5, bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.7))
        else:
            counted.append((si - 0.15, oi + 0.42, f"n={k}"))
    if counted:
        xs, ys, texts = zip(*counted, strict=True)
        text_collection(ax, xs, ys, list(texts), 7, va="top", zorder=5, box=True)


#: bar width of the Pareto chart (matplotlib's bar default) and the x margin of the axes (matplotlib's default 5 %)
BAR_WIDTH = 0.8
X_MARGIN = 0.05
#: the S x O cell shades by the AP at the worst detection (L, M, H)
CELL_SHADES = ("#E8F5E9", "#FFF3D6", "#FBE3E3")


def _bars(ax, x, height, aps) -> None:
    """The Pareto bars as one PatchCollection (one draw call, not a Rectangle artist per bar): width
    :data:`BAR_WIDTH` centred on ``x`` from 0 to ``height``, filled and edged in AP colours; the x limits are
    those ``Axes.bar`` gives (the bars' extent plus :data:`X_MARGIN` of it on each side)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    bars = [Rectangle((xi - BAR_WIDTH / 2, 0.0), BAR_WIDTH, float(h)) for xi, h in zip(x.tolist(), height.tolist(),
                                                                                     strict=True)]
    ax.add_collection(PatchCollection(bars, facecolors=[AP_FILL[a] for a in aps],
                                      edgecolors=[AP_EDGE[a] for a in aps], linewidths=1.0, zorder=1),
                      autolim=False)
    low, high = -BAR_WIDTH / 2, (len(bars) - 1) + BAR_WIDTH / 2 if bars else BAR_WIDTH / 2
    pad = X_MARGIN * (high - low)
    ax.set_xlim(low - pad, high + pad)


def _cell_shades(ax, worst) -> None:
    """The 10 x 10 severity x occurrence cells shaded by their AP code (1-3 = L/M/H) at the worst detection:
    one PatchCollection of unit squares (vector in SVG, no raster image to resample and encode)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    cells = [Rectangle((s - 0.5, o - 0.5), 1.0, 1.0) for o in range(1, 11) for s in range(1, 11)]
    ax.add_collection(PatchCollection(cells, facecolors=[CELL_SHADES[c - 1] for c in worst.ravel().tolist()],
                                      edgecolors="none", linewidths=0.0, zorder=0), autolim=False)


def freeze_layout(fig):
    """Lay out a figure made without a layout engine once, with matplotlib's constrained layout (default pads):
    saving it as SVG and as PNG then draws it once per format, where a figure with an engine is laid out again
    (one more full draw) before every format."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    ConstrainedLayoutEngine().execute(fig)
    return fig


def _text_path(text: str, fontsize_pt: float, ha: str, va: str, dy_pt: float, rotation_deg: float = 0.0):
    """The outline of ``text`` in points around its anchor (turned by ``rotation_deg``, then aligned
    ``ha``/``va`` on its ink box, as matplotlib aligns a rotated text on its turned box), and that box."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path
    from matplotlib.textpath import TextPath
    from matplotlib.transforms import Affine2D, Bbox

    path = TextPath((0, 0), text, size=fontsize_pt, prop=FontProperties())
    vertices = Affine2D().rotate_deg(rotation_deg).transform(path.vertices) if rotation_deg else path.vertices
    drawn = vertices[path.codes != Path.CLOSEPOLY]     # the box of the outline's points: no Bezier solving
    box = Bbox([drawn.min(axis=0), drawn.max(axis=0)])
    dx = {"center": -(box.x0 + box.x1) / 2, "left": -box.x0, "right": -box.x1}[ha]
    dy = {"center": -(box.y0 + box.y1) / 2, "bottom": -box.y0, "top": -box.y1}[va] + dy_pt
    return Path(vertices + (dx, dy), path.codes), box.translated(dx, dy)


def text_collection(ax, x, y, texts: list[str], fontsize_pt: float, color: str = "black", ha: str = "center",
                    va: str = "center", dy_pt: float = 0.0, zorder: float = 3, box: bool = False,
                    rotation_deg: float = 0.0, offset_transform=None) -> None:
    """Many short labels at points ``(x, y)`` (data coordinates, or ``offset_transform``'s) drawn as one
    PathCollection of their glyph outlines (each distinct text laid out once), not one Text artist each;
    ``box``: a white rounded box behind each label (a second collection); ``rotation_deg``: each label turned.
    Call inside :func:`pse.figure.drawing` so the study's fonts are used."""
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.patches import BoxStyle
    from matplotlib.transforms import IdentityTransform

    shapes = {t: _text_path(t, fontsize_pt, ha, va, dy_pt, rotation_deg) for t in dict.fromkeys(texts)}
    offsets = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
    layers: list[tuple[list, str, float, float]] = [([shapes[t][0] for t in texts], color, 1.0, zorder + 0.01)]
    if box:
        style = BoxStyle.Round(pad=0.1)
        frames = {t: style(b.x0, b.y0, b.width, b.height, fontsize_pt) for t, (_, b) in shapes.items()}
        layers.insert(0, ([frames[t] for t in texts], "white", 0.7, zorder))
    for paths, fill, alpha, z in layers:
        collection = PathCollection(paths, sizes=[1.0], offsets=offsets,
                                    offset_transform=ax.transData if offset_transform is None else offset_transform,
                                    facecolors=fill, edgecolors="none", alpha=alpha, zorder=z, clip_on=False)
        collection.set_transform(IdentityTransform())     # glyphs in points, scaled by dpi like scatter markers
        ax.add_collection(collection, autolim=False)


#: the formats each FMEA chart is saved in (SVG for the report, PNG for documents)
CHART_FORMATS = ("svg", "png")


def save(fig, ctx_or_dir, basename: str, study=None) -> list[str]:
    """Write ``fig`` as ``basename.svg`` and ``basename.png``; returns the relative names written."""
    from pse.figure import save as save_figure

    return save_figure(fig, ctx_or_dir, basename, CHART_FORMATS, study=study, dpi=150, outline_text=True)
