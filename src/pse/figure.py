"""The one figure layer of pse: every chart and drawing is made and saved here.

- Object-oriented matplotlib only: :func:`new_figure` returns a ``matplotlib.figure.Figure`` bound to the Agg
  canvas; no pyplot state, no backend switch, no global ``rcParams`` change (fonts are applied with a scoped
  ``matplotlib.rc_context`` while a figure is built and saved, see :func:`drawing`).
- One CJK font resolver (:func:`font_families`), in this order: the environment variable ``PSE_FONT`` (a font
  name or a font file), the font named in the study (``study.font``), the usual Traditional Chinese system fonts
  (Microsoft JhengHei, PingFang TC, Noto Sans CJK TC, Noto Sans TC), then the packaged Noto Sans TC of the
  ``pylopdf-fonts-zh-tw`` dependency, so a fresh machine without any system CJK font still draws legible zh-TW.
- If no CJK font can be found at all, one message says what to install (:data:`NO_FONT_MESSAGE`) and the
  per-glyph "Glyph ... missing" warnings of matplotlib are not repeated for every label.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pse.figure_outlines import drawn_texts, outline_texts

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["drawn_texts", "outline_texts"]   # text as glyph outlines: pse.figure_outlines (re-exported)

SYSTEM_CJK_FONTS = ("Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC", "Noto Sans TC")
LATIN_FALLBACK = "DejaVu Sans"
PACKAGED_FONT_MODULE = "pylopdf_fonts_zh_tw"        # PyPI: pylopdf-fonts-zh-tw (Noto Sans TC, SIL OFL 1.1)
PACKAGED_FONT_FILE = "NotoSansTC-Regular.otf"
ENV_VAR = "PSE_FONT"
NO_FONT_MESSAGE = ("pse: no Traditional Chinese font found for drawings and charts; zh-TW text would show as "
                   "empty boxes. Install one: `pip install pylopdf-fonts-zh-tw` (Noto Sans TC), or a system font "
                   "(Noto Sans CJK TC / Microsoft JhengHei), or set PSE_FONT to a font name or .ttf/.otf file.")


def _register_file(path: str) -> str | None:
    """Add a font file to matplotlib's font manager (this process only) and return its family name."""
    from matplotlib import font_manager

    if not os.path.isfile(path):
        return None
    try:
        font_manager.fontManager.addfont(path)
        return font_manager.FontProperties(fname=path).get_name()
    except (OSError, RuntimeError, ValueError):
        return None


def packaged_font_path() -> str | None:
    """The Noto Sans TC file shipped by the ``pylopdf-fonts-zh-tw`` dependency, if installed."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGED_FONT_MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / PACKAGED_FONT_FILE
    return str(path) if path.is_file() else None


def _named(name: str, available: set[str]) -> str | None:
    if name.lower().endswith((".ttf", ".otf", ".ttc")):
        return _register_file(name)
    return name if name in available else None


@cache
def font_families(study_font: str | None = None, env_font: str | None = None) -> tuple[str, ...]:
    """Font family list for matplotlib: the first CJK font found, then DejaVu Sans (Latin, symbols).

    An empty CJK part (only ``('DejaVu Sans',)``) means no CJK font exists on this machine.
    """
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    for wanted in (env_font, study_font):
        if wanted:
            found = _named(wanted, available)
            if found:
                return (found, LATIN_FALLBACK)
    for name in SYSTEM_CJK_FONTS:
        if name in available:
            return (name, LATIN_FALLBACK)
    packaged = packaged_font_path()
    found = _register_file(packaged) if packaged else None
    return (found, LATIN_FALLBACK) if found else (LATIN_FALLBACK,)


def study_font(study) -> str | None:
    """The font named in the study (``study: font:``), if any."""
    meta = getattr(study, "study", None)
    return getattr(meta, "font", None) if meta is not None else None


_warned: list[bool] = []


def families_for(study=None) -> tuple[str, ...]:
    """:func:`font_families` for a study and the current environment; prints :data:`NO_FONT_MESSAGE` once."""
    families = font_families(study_font(study), os.environ.get(ENV_VAR) or None)
    if families == (LATIN_FALLBACK,) and not _warned:
        _warned.append(True)
        print(NO_FONT_MESSAGE, file=sys.stderr)
    return families


def has_cjk_font(study=None) -> bool:
    return families_for(study) != (LATIN_FALLBACK,)


@contextmanager
def drawing(study=None, **style):
    """Scope in which a figure is built or saved: the resolved fonts, text as paths in SVG (legible on a machine
    without the font), and, when no CJK font exists, the one message instead of a warning per glyph."""
    import logging
    import warnings

    import matplotlib

    families = families_for(study)
    fonts_log = logging.getLogger("matplotlib.font_manager")   # "Failed to find font weight bold": the
    level = fonts_log.level                                     # packaged face is regular only; bold is synthesised
    settings = {"font.family": list(families), "svg.fonttype": "path", "hatch.linewidth": 0.7}
    settings.update(style)
    with warnings.catch_warnings():
        if families == (LATIN_FALLBACK,):
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        fonts_log.setLevel(logging.ERROR)
        try:
            with matplotlib.rc_context(settings):
                yield
        finally:
            fonts_log.setLevel(level)


def new_figure(width_in: float, height_in: float,
               layout: Literal["constrained", "compressed", "tight"] | None = None) -> Figure:
    """A figure on the Agg canvas (no pyplot): ``width_in`` x ``height_in`` inches."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout=layout)
    FigureCanvasAgg(fig)
    return fig


def to_bytes(fig, fmt: str, study=None, dpi: int = 150, name: str = "") -> bytes:
    """The figure encoded as ``fmt`` (svg, png, pdf), rendered with the study's fonts; the same figure gives the
    same bytes (:func:`reproducible`, ``name`` tells figures apart)."""
    import io

    buffer = io.BytesIO()
    # PNG at zlib level 3, not Pillow's 6: site-1000's plots encoded in 0.31 s instead of 0.51 s, 1.5 % smaller
    png = {"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}
    settings, metadata = reproducible(fmt, name)
    # PDF streams at zlib level 3, not matplotlib's 6: site-1000's plan in 0.27 s instead of 0.40 s, 11 % larger
    with drawing(study, **settings, **({"pdf.compression": 3} if fmt == "pdf" else {})):
        fig.savefig(buffer, format=fmt, dpi=dpi if png else "figure", metadata=metadata, **png)
    return buffer.getvalue()


def reproducible(fmt: str, name: str) -> tuple[dict, dict]:
    """``(rc settings, savefig metadata)`` that make a drawing's file depend on the drawing only.

    matplotlib stamps SVG with ``dc:date`` and PDF with ``/CreationDate`` (left out here: ``None``), and names
    each SVG clip path, glyph and image with a hash salted by a random UUID unless ``svg.hashsalt`` is set; the
    salt here is the file's name, so ids repeat from run to run but differ between the drawings that report.html
    shows in one page (an id shared by two inline SVGs would resolve to the first).

    >>> reproducible("svg", "zones/plan")
    ({'svg.hashsalt': 'pse:zones/plan'}, {'Date': None})
    >>> reproducible("pdf", "zones/plan")[1], reproducible("png", "x")[1]
    ({'CreationDate': None}, {'Software': 'pse'})
    """
    if fmt == "svg":
        return {"svg.hashsalt": f"pse:{name}"}, {"Date": None}
    if fmt == "pdf":
        return {}, {"CreationDate": None}
    return {}, {"Software": "pse"}


def save(fig, ctx_or_dir, basename: str, formats=("svg", "png"), study=None, dpi: int = 150,
         outline_text: bool = False) -> list[str]:
    """Write ``fig`` as ``basename.<fmt>`` into a run context (or a directory); returns the names written.

    ``outline_text``: lay the text out once and draw it as glyph outlines in every format
    (:func:`outline_texts`) instead of laying every text out again for each format."""
    from pse.output import atomic_write_bytes

    if outline_text:
        with drawing(study):
            outline_texts(fig)
    written = []
    for fmt in formats:
        data = to_bytes(fig, fmt, study, dpi, name=basename)
        name = f"{basename}.{fmt}"
        if isinstance(ctx_or_dir, (str, os.PathLike)):
            target = atomic_write_bytes(Path(ctx_or_dir) / name, data)
            from pse.workbook_print import with_umask

            with_umask(target)
        else:
            ctx_or_dir.write_bytes(name, data)
        written.append(name)
    return written


def text_width_px(fig, artist) -> float:
    """Rendered width of a text artist in display pixels (for fitting text into a cell)."""
    return artist.get_window_extent(renderer=fig.canvas.get_renderer()).width


def fit_text(fig, artist, width_px: float, min_size: float = 4.0) -> float:
    """Shrink a text artist's font (0.25 pt steps) until its rendered width fits ``width_px``; returns the size."""
    size = artist.get_fontsize()
    while size > min_size and text_width_px(fig, artist) > width_px:
        size = max(min_size, size - 0.25)
        artist.set_fontsize(size)
    return size


# --- label placement by estimated text extents (no rendering) ------------------------------------------------

# Advance widths in em of the faces pse draws with (DejaVu Sans for Latin, Noto Sans TC / JhengHei for CJK),
# rounded up so an estimated box always holds the rendered text: CJK ideographs are 1 em wide, DejaVu Sans
# capitals up to 0.77 em, digits 0.64 em, lower case about 0.6 em.
_EM_WIDE, _EM_UPPER, _EM_DIGIT, _EM_LOWER, _EM_SPACE, _EM_OTHER = 1.0, 0.74, 0.64, 0.6, 0.32, 0.5
LINE_SPACING = 1.25          # line height in em (matplotlib's default linespacing 1.2 plus descender margin)


@cache
def _char_em(char: str) -> float:
    import unicodedata

    if unicodedata.east_asian_width(char) in "WF":
        return _EM_WIDE
    if char.isupper():
        return _EM_UPPER
    if char.isdigit():
        return _EM_DIGIT
    if char.islower():
        return _EM_LOWER
    return _EM_SPACE if char == " " else _EM_OTHER


@lru_cache(maxsize=65536)
def text_extent_pt(text: str, fontsize_pt: float) -> tuple[float, float]:
    """Estimated (width, height) in points of a text at ``fontsize_pt`` without rendering it: the widest line's
    sum of per-character advance widths (em) times the size, and the number of lines times 1.25 em.

    >>> text_extent_pt("SR-1", 10.0)
    (26.2, 12.5)
    >>> text_extent_pt("2 區\\nR 1 m", 8.0)
    (20.96, 20.0)
    """
    lines = text.split("\n")
    width_em = max(sum(_char_em(c) for c in line) for line in lines)
    return round(width_em * fontsize_pt, 6), round(len(lines) * LINE_SPACING * fontsize_pt, 6)


def fit_size(text: str, fontsize_pt: float, width_pt: float, min_size: float = 4.0) -> float:
    """Largest font size <= ``fontsize_pt`` (0.25 pt steps) whose estimated width fits ``width_pt``.

    >>> fit_size("SR-1", 10.0, 20.0)
    7.5
    """
    width_per_pt = text_extent_pt(text, 1.0)[0]
    if width_per_pt <= 0 or width_per_pt * fontsize_pt <= width_pt:
        return fontsize_pt
    return max(min_size, int(width_pt / width_per_pt * 4) / 4)


def wrap_pt(text: str, fontsize_pt: float, width_pt: float) -> str:
    r"""``text`` broken into lines no wider than ``width_pt`` (estimated): at spaces, and between any two CJK
    characters (Chinese has no spaces).

    >>> wrap_pt("aaaa bbbb cccc", 10.0, 60.0)
    'aaaa bbbb\ncccc'
    >>> wrap_pt("危險區域劃分", 10.0, 30.0)
    '危險區\n域劃分'
    """
    import re

    lines, line = [], ""
    for token in re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+", text):
        trial = line + token
        if line and text_extent_pt(trial.rstrip(), fontsize_pt)[0] > width_pt:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = trial
    lines.append(line.rstrip())
    return "\n".join(lines)


class BoxGrid:
    """Occupied boxes ``(x0, y0, x1, y1)`` in points, hashed on a uniform grid so a query looks at the few
    cells a box covers: placing n labels is O(n), not O(n^2)."""

    def __init__(self, cell_pt: float = 36.0):
        self.cell = cell_pt
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, b: tuple[float, float, float, float]):
        c = self.cell
        for i in range(int(b[0] // c), int(b[2] // c) + 1):
            for j in range(int(b[1] // c), int(b[3] // c) + 1):
                yield i, j

    def free(self, b: tuple[float, float, float, float]) -> bool:
        # the loops of _keys inlined: a crowded site sheet asks ~40,000 times (N = 1,000)
        c, cells = self.cell, self.cells
        x0, y0, x1, y1 = b
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                for o in cells.get((i, j), ()):
                    if x0 < o[2] and o[0] < x1 and y0 < o[3] and o[1] < y1:
                        return False
        return True

    def add(self, b: tuple[float, float, float, float]) -> None:
        for key in self._keys(b):
            self.cells.setdefault(key, []).append(b)


def axes_scale_pt(fig, ax) -> tuple[float, float, float, float]:
    """(x0, y0, points per data unit in x, in y) of an axes whose limits are set: data -> paper points."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    pos = ax.get_position()
    w_in, h_in = fig.get_size_inches()
    return x0, y0, pos.width * w_in * 72 / (x1 - x0), pos.height * h_in * 72 / (y1 - y0)


# Candidate label offsets in points from the anchor: right-up first, then the other quadrants, further out.
_DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
_RADII_PT = (5, 12, 22, 34, 48)
_PAD_PT = 1.5


def _candidate(px, py, w, h, dx, dy, r):
    """Box of a label of size w x h whose anchor corner sits r points from (px, py) in direction (dx, dy)."""
    left = px + dx * r if dx > 0 else (px + dx * r - w if dx < 0 else px - w / 2)
    bottom = py + dy * r if dy > 0 else (py + dy * r - h if dy < 0 else py - h / 2)
    return (left - _PAD_PT, bottom - _PAD_PT, left + w + _PAD_PT, bottom + h + _PAD_PT)


def place_label_boxes(anchors_pt, sizes_pt, grid: BoxGrid, frame_pt) -> list:
    """For each anchor (points) and text size (points), the first free box (``BoxGrid``) inside ``frame_pt``
    trying offsets of growing distance in eight directions, or None where no position is free (the label is
    left off rather than drawn over another).  Placed boxes are added to ``grid``."""
    out: list = []
    fx0, fy0, fx1, fy1 = frame_pt
    free = grid.free
    for (px, py), (w, h) in zip(anchors_pt, sizes_pt, strict=True):
        found = None
        for r in _RADII_PT:
            for dx, dy in _DIRECTIONS:
                b = _candidate(px, py, w, h, dx, dy, r)
                if b[0] >= fx0 and b[1] >= fy0 and b[2] <= fx1 and b[3] <= fy1 and free(b):
                    found = (b, r)
                    break
            if found:
                break
        if found:
            grid.add(found[0])
        out.append(found)
    return out


def place_labels(fig, ax, items, obstacles_pt=(), grid: BoxGrid | None = None) -> tuple[list, int]:
    """Place text labels next to their anchor points (data coordinates) clear of each other and of
    ``obstacles_pt`` (boxes in paper points from the axes' lower left corner), from estimated text extents
    (no rendering).  A label moved away from its point gets a thin leader; all leaders are one LineCollection.
    ``items``: dicts with ``x``, ``y``, ``text``, optionally ``frame`` (an edge colour, or "none": the label
    sits on a white box; all boxes are one PatchCollection, not a bbox patch per text) and text keywords
    (``fontsize`` in points).
    Returns (the Text artists drawn, the number of labels left off for want of room)."""
    from matplotlib.collections import LineCollection

    x0, y0, sx, sy = axes_scale_pt(fig, ax)
    pos = ax.get_position()
    w_in, h_in = fig.get_size_inches()
    grid = grid or BoxGrid()
    for b in obstacles_pt:
        grid.add(b)
    items = [dict(i) for i in items]
    anchors = [((i["x"] - x0) * sx, (i["y"] - y0) * sy) for i in items]
    sizes = [text_extent_pt(i["text"], i.get("fontsize", 8.0)) for i in items]
    boxes = place_label_boxes(anchors, sizes, grid, (0.0, 0.0, pos.width * w_in * 72, pos.height * h_in * 72))
    texts, leaders, frames, missing = [], [], [], 0
    for item, (px, py), found in zip(items, anchors, boxes, strict=True):
        if found is None:
            missing += 1
            continue
        (bx0, by0, bx1, by1), r = found
        x, y, text = item.pop("x"), item.pop("y"), item.pop("text")
        frame = item.pop("frame", None)
        cx, cy = (bx0 + bx1) / 2, (by0 + by1) / 2
        texts.append(ax.text(x0 + cx / sx, y0 + cy / sy, text, ha="center", va="center", **item))
        if frame is not None:
            frames.append(((x0 + (bx0 + _PAD_PT / 2) / sx, y0 + (by0 + _PAD_PT / 2) / sy),
                           (bx1 - bx0 - _PAD_PT) / sx, (by1 - by0 - _PAD_PT) / sy, frame))
        if r > _RADII_PT[0]:
            ex, ey = min(max(px, bx0), bx1), min(max(py, by0), by1)    # nearest point of the box
            leaders.append([(x, y), (x0 + ex / sx, y0 + ey / sy)])
    if leaders:
        ax.add_collection(LineCollection(leaders, colors="#555555", linewidths=0.6, zorder=7.5), autolim=False)
    if frames:
        _label_frames(ax, frames)
    return texts, missing


def _label_frames(ax, frames: list) -> None:
    """White boxes behind labels (estimated extents) as one PatchCollection; ``frames``: (xy, w, h, edge)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    rects = [Rectangle(xy, w, h) for xy, w, h, _ in frames]
    edges = [edge for *_, edge in frames]
    ax.add_collection(PatchCollection(rects, facecolors="white", edgecolors=edges, linewidths=0.5, zorder=7.8),
                      autolim=False)
