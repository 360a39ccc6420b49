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
from functools import cache
from pathlib import Path

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


def new_figure(width_in: float, height_in: float, layout: str | None = None):
    """A figure on the Agg canvas (no pyplot): ``width_in`` x ``height_in`` inches."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout=layout)
    FigureCanvasAgg(fig)
    return fig


def to_bytes(fig, fmt: str, study=None, dpi: int = 150) -> bytes:
    """The figure encoded as ``fmt`` (svg, png, pdf), rendered with the study's fonts."""
    import io

    buffer = io.BytesIO()
    metadata = {"Software": "pse"} if fmt == "png" else None
    with drawing(study):
        fig.savefig(buffer, format=fmt, dpi=dpi if fmt == "png" else "figure", metadata=metadata)
    return buffer.getvalue()


def save(fig, ctx_or_dir, basename: str, formats=("svg", "png"), study=None, dpi: int = 150) -> list[str]:
    """Write ``fig`` as ``basename.<fmt>`` into a run context (or a directory); returns the names written."""
    from pse.output import atomic_write_bytes

    written = []
    for fmt in formats:
        data = to_bytes(fig, fmt, study, dpi)
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


def _text_box(ann, renderer):
    """Display box of an annotation's text alone (not its leader), positions updated first."""
    from matplotlib.text import Text

    ann.update_positions(renderer)
    return Text.get_window_extent(ann, renderer)


# Candidate label offsets in points from the anchor: right-up first, then the other quadrants, further out.
_DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
_RADII_PT = (7, 16, 28, 42, 60)


def place_labels(fig, ax, items, obstacles=()) -> list:
    """Place text labels next to their anchor points without overlapping each other (or ``obstacles``, display
    boxes ``(x0, y0, x1, y1)``), trying offsets of growing distance in eight directions; a label moved away
    from its point gets a thin leader line.  ``items``: dicts with ``x``, ``y``, ``text`` and text keywords.
    Returns the annotations."""
    from shapely import STRtree, box

    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list = [box(*b) for b in obstacles]
    out = []
    for item in items:
        item = dict(item)
        x, y, text = item.pop("x"), item.pop("y"), item.pop("text")
        ann, best = None, None
        tree = STRtree(placed) if placed else None
        for radius in _RADII_PT:
            for dx, dy in _DIRECTIONS:
                if ann is not None:
                    ann.remove()
                ann = ax.annotate(text, (x, y), xytext=(dx * radius, dy * radius), textcoords="offset points",
                                  ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
                                  va="bottom" if dy > 0 else ("top" if dy < 0 else "center"), **item)
                b = _text_box(ann, renderer)
                shape = box(b.x0 - 1, b.y0 - 1, b.x1 + 1, b.y1 + 1)
                inside = b.x0 >= frame.x0 and b.x1 <= frame.x1 and b.y0 >= frame.y0 and b.y1 <= frame.y1
                clear = tree is None or len(tree.query(shape, predicate="intersects")) == 0
                if inside and clear:
                    best = (radius, dx, dy, shape)
                    break
            if best:
                break
        if best is None:   # nowhere free: keep the nearest position
            ann.remove()
            best = (_RADII_PT[0], 1, 1, None)
            ann = ax.annotate(text, (x, y), xytext=(best[0], best[0]), textcoords="offset points", **item)
            b = _text_box(ann, renderer)
            best = (*best[:3], box(b.x0, b.y0, b.x1, b.y1))
        if best[0] > _RADII_PT[0]:
            ann.arrow_patch = None
            ann.remove()
            ann = ax.annotate(text, (x, y), xytext=(best[1] * best[0], best[2] * best[0]),
                              textcoords="offset points",
                              ha="left" if best[1] > 0 else ("right" if best[1] < 0 else "center"),
                              va="bottom" if best[2] > 0 else ("top" if best[2] < 0 else "center"),
                              arrowprops=dict(arrowstyle="-", color="#555555", linewidth=0.6,
                                              shrinkA=0, shrinkB=2), **item)
        placed.append(best[3])
        out.append(ann)
    return out
