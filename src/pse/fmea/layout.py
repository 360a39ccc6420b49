"""Layout of the FMEA charts without a layout engine: the axes margins from estimated text extents.

matplotlib's constrained layout measures every tick label, title and legend text of a chart with the renderer
(about a third of the time of an FMEA chart).  The FMEA charts have a fixed structure, so their margins are sums
of known parts: the figure pad, a label's line height, matplotlib's label and tick pads and tick length
(rcParams), and the widest tick label estimated with :func:`pse.figure.text_extent_pt` (rounded-up advance
widths of the faces pse draws with, so a margin always holds its text).  Then the figure is drawn once without
rendering (titles and axis labels placed for the final positions) and its texts are made ready to be drawn as
glyph outlines laid out once (:func:`pse.figure.outline_texts`).
"""

from __future__ import annotations

#: space kept free at the figure edge, in points (constrained layout's default pad is 3 pt)
EDGE_PT = 4.0
#: height of one text line in em: Noto Sans TC's ascender + descender (1.16 + 0.29 em), more than Latin faces
LINE_EM = 1.45
#: rotation of the Pareto's row IDs under the axis, degrees
ID_ROTATION_DEG = 45.0


def font_size_pt(size) -> float:
    """A matplotlib font size (points or a name such as ``"large"``) in points, under the current rcParams."""
    from matplotlib.font_manager import FontProperties

    return float(FontProperties(size=size).get_size_in_points())


def tick_label_pt() -> float:
    """Size in points of the y tick labels (rcParams ``ytick.labelsize``), read, never changed."""
    import matplotlib

    return font_size_pt(matplotlib.rcParams["ytick.labelsize"])


def axis_label_pt() -> float:
    """Size in points of the axis labels (rcParams ``axes.labelsize``)."""
    import matplotlib

    return font_size_pt(matplotlib.rcParams["axes.labelsize"])


def x_tick_style() -> dict:
    """matplotlib's major x tick as drawn under the current rcParams: length, width, pad (points), the tick
    colour and the label colour (``inherit``: the tick's)."""
    import matplotlib

    rc = matplotlib.rcParams
    label = rc["xtick.labelcolor"]
    return {"size": float(rc["xtick.major.size"]), "width": float(rc["xtick.major.width"]),
            "pad": float(rc["xtick.major.pad"]), "color": rc["xtick.color"],
            "labelcolor": rc["xtick.color"] if label == "inherit" else label}


def line_pt(size_pt: float, lines: int = 1) -> float:
    """Height in points of ``lines`` lines of text at ``size_pt``: ``lines x LINE_EM x size``.

    >>> line_pt(10.0), line_pt(8.0, 2)
    (14.5, 23.2)
    """
    return round(lines * LINE_EM * size_pt, 6)


def width_pt(texts, size_pt: float) -> float:
    """Estimated width in points of the widest of ``texts`` at ``size_pt`` (0 for none).

    >>> width_pt(["0", "1000"], 10.0)
    25.6
    """
    from pse.figure import text_extent_pt

    return max((text_extent_pt(str(t), size_pt)[0] for t in texts), default=0.0)


def tick_labels(axis) -> list[str]:
    """The major tick labels an axis will draw for its current limits (locator and formatter, no rendering)."""
    lo, hi = sorted(axis.get_view_interval())
    slack = 1e-9 * max(abs(hi - lo), 1.0)
    values = [v for v in axis.get_major_locator()() if lo - slack <= v <= hi + slack]
    return [str(t) for t in axis.get_major_formatter().format_ticks(values)]


def tick_band_pt(which: str = "y") -> float:
    """Tick length plus the pad between tick and label, points (rcParams ``xtick``/``ytick.major``)."""
    import matplotlib

    rc = matplotlib.rcParams
    if which == "x":
        return float(rc["xtick.major.size"]) + float(rc["xtick.major.pad"])
    return float(rc["ytick.major.size"]) + float(rc["ytick.major.pad"])


def label_band_pt(label_size_pt: float) -> float:
    """An axis label and its pad (rcParams ``axes.labelpad``), points."""
    import matplotlib

    return line_pt(label_size_pt) + float(matplotlib.rcParams["axes.labelpad"])


def title_band_pt() -> float:
    """The axes title (rcParams ``axes.titlesize``) and its pad (``axes.titlepad``), points."""
    import matplotlib

    return line_pt(font_size_pt(matplotlib.rcParams["axes.titlesize"])) + float(matplotlib.rcParams["axes.titlepad"])


def rotated_height_pt(texts, size_pt: float, rotation_deg: float = ID_ROTATION_DEG) -> float:
    """Vertical extent in points of the widest of ``texts`` rotated by ``rotation_deg``: the box w x h of the
    line turned, ``w sin(a) + h cos(a)``.  "FM-01" at 8 pt: w = (0.74 + 0.74 + 0.5 + 0.64 + 0.64) em x 8 pt =
    26.08 pt, h = 1.45 x 8 = 11.6 pt, so 26.08 x 0.7071 + 11.6 x 0.7071 = 26.64 pt.

    >>> round(rotated_height_pt(["FM-01"], 8.0), 2)
    26.64
    """
    import math

    a = math.radians(rotation_deg)
    return width_pt(texts, size_pt) * math.sin(a) + line_pt(size_pt) * math.cos(a)


def legend_width_pt(labels, size_pt: float) -> float:
    """Width in points of a legend of ``labels`` at ``size_pt`` with matplotlib's default paddings (border pad
    0.4 em each side, handle 2 em, handle-text pad 0.8 em, 1 pt frame)."""
    return width_pt(labels, size_pt) + (2 * 0.4 + 2.0 + 0.8) * size_pt + 1.0


def place_axes(fig, left_pt: float, right_pt: float, bottom_pt: float, top_pt: float) -> None:
    """Set every axes of ``fig`` (an axes and its twins) to leave these margins, points from the figure edges."""
    width_in, height_in = fig.get_size_inches()
    fig.subplots_adjust(left=left_pt / 72 / width_in, right=1 - right_pt / 72 / width_in,
                        bottom=bottom_pt / 72 / height_in, top=1 - top_pt / 72 / height_in)


def freeze(fig):
    """Draw ``fig`` once without rendering (tick labels, titles and axis labels placed for the final axes) and
    leave unclipped texts unclipped when they are drawn as outlines: :func:`pse.figure.outline_texts` adds the
    outlines to the axes, which clip their children to the axes patch unless told not to."""
    from matplotlib.text import Text

    fig.draw_without_rendering()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            _hide_ticks_out_of_view(axis)
    for text in fig.findobj(lambda artist: isinstance(artist, Text)):
        if text.get_clip_box() is None and text.get_clip_path() is None:
            text.set_clip_on(False)
    return fig


def _hide_ticks_out_of_view(axis) -> None:
    """Hide the labels of ticks outside the axis limits: matplotlib keeps such Tick artists (a locator's tick
    beyond the last) and only leaves them out when drawing, but the outlines would draw every visible text."""
    lo, hi = sorted(axis.get_view_interval())
    slack = 1e-9 * max(abs(hi - lo), 1.0)
    for tick in axis.get_major_ticks():
        if not lo - slack <= tick.get_loc() <= hi + slack:
            tick.label1.set_visible(False)
            tick.label2.set_visible(False)
