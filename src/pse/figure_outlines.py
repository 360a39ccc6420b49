"""Text of a figure laid out once and drawn as glyph outlines (:func:`outline_texts`), for :mod:`pse.figure`.

PNG, SVG and PDF then draw the same outlines without laying the text out again (matplotlib 3.11 lays text out
at ~80 us per character, and each format laid every text out twice).  Line outlines and glyphs are cached for
the process, and text is laid out on one Agg renderer per dpi, so what every drawing repeats (a title block,
a legend) is laid out once.
"""

from __future__ import annotations

from functools import lru_cache

_GLYPHS: dict = {}      # glyph outlines by TextToPath's glyph key (font name and glyph index), for the process


@lru_cache(maxsize=8192)
def _glyph_outlines(prop, line: str, ismath, features, language):
    """(vertices, codes) of one line at ``TextToPath.FONT_SCALE``, as ``TextToPath.get_text_path`` makes
    them, each line laid out once per process (``prop`` is a copy: a cache key must not change) and each
    glyph's outline extracted once (the title block and legend of the plan and the elevation are the same)."""
    import numpy as np
    from matplotlib.textpath import text_to_path

    if ismath:
        return text_to_path.get_text_path(prop, line, ismath=ismath, features=features, language=language)
    font = text_to_path._get_font(prop)  # type: ignore[attr-defined]  # the lookup TextToPath uses
    font.set_size(text_to_path.FONT_SCALE, text_to_path.DPI)   # the FT2Font is shared with the renderers
    placed, _, _ = text_to_path.get_glyphs_with_font(font, line, glyph_map=_GLYPHS, features=features,
                                                     language=language)
    verts = np.concatenate([_GLYPHS[g][0] * scale + (x, y) for g, x, y, scale in placed])
    codes = np.concatenate([_GLYPHS[g][1] for g, *_ in placed])
    verts.flags.writeable = codes.flags.writeable = False
    return verts, codes


@lru_cache(maxsize=4)
def _layout_renderer(dpi: float):
    """An Agg renderer at ``dpi`` kept for the process, to lay text out with: matplotlib caches text metrics
    per renderer, so the texts every drawing repeats (title block, legend) are measured once."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)


def _line_paths(text, renderer) -> list:
    """The glyph outlines of a Text artist, one matplotlib Path per line, in display pixels of ``renderer``
    (what :meth:`matplotlib.text.Text.draw` hands to a renderer that draws text as paths)."""
    import numpy as np
    from matplotlib.path import Path as MplPath
    from matplotlib.textpath import text_to_path
    from matplotlib.transforms import Affine2D

    text._renderer = renderer       # as Text.draw sets it: a wrapped text measures its lines with it
    _, info, _ = text._get_layout(renderer)
    posx, posy = text.get_transform().transform((float(text.convert_xunits(text._x)),
                                                 float(text.convert_yunits(text._y))))
    if not (np.isfinite(posx) and np.isfinite(posy)):
        return []
    prop = text.get_fontproperties()
    fontsize_px = renderer.points_to_pixels(prop.get_size_in_points())
    paths = []
    for line, _, (x, y) in info:
        clean, ismath = text._preprocess_math(line)
        if not clean.strip():
            continue
        features = text.get_fontfeatures()
        verts, codes = _glyph_outlines(prop.copy(), clean, ismath, None if features is None else tuple(features),
                                       text.get_language())
        if len(verts) == 0:
            continue
        place = (Affine2D().scale(fontsize_px / text_to_path.FONT_SCALE).rotate_deg(text.get_rotation())
                 .translate(x + posx, y + posy))
        paths.append(MplPath(place.transform(np.asarray(verts, dtype=float)), codes))
    return paths


def _outlinable(text) -> bool:
    return (text.get_visible() and bool(text.get_text()) and text.get_bbox_patch() is None
            and not text.get_usetex() and not text.get_path_effects() and text.get_clip_path() is None)


def drawn_texts(artist) -> list:
    """Every Text artist under ``artist`` in :meth:`~matplotlib.artist.Artist.findobj`'s order (children first,
    depth first), without entering the x and y axes of an axes drawn without them (``set_axis_off``): findobj
    would make their default ticks, with a text laid out each, only to find them; they are never drawn."""
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    found: list = []

    def walk(node) -> None:
        for child in _drawn_children(node, Axis):
            if isinstance(child, Axis) and child.axes is not None and not child.axes.axison:
                continue
            walk(child)
        if isinstance(node, Text):
            found.append(node)

    walk(artist)
    return found


def _drawn_children(node, axis_type) -> list:
    """``node``'s children, but of an axis only the ticks :meth:`matplotlib.axis.Axis.draw` draws (those inside the
    view limits, ``Axis._update_ticks``): a tick beyond the limits keeps a visible label that is never drawn."""
    if isinstance(node, axis_type):
        return [node.label, node.offsetText, *node._update_ticks()]
    return node.get_children()


def outline_texts(fig) -> int:
    """Replace every text of ``fig`` by its glyph outlines, laid out once: one filled PathPatch per parent
    (axes or figure), drawing order and colour, placed in inches (``fig.dpi_scale_trans``) so PNG, SVG and
    PDF draw the same outlines at their own resolution without laying the text out again.  SVG already writes
    text as paths in pse (``svg.fonttype: path``); PDF text becomes outlines too (the drawing's data stays
    searchable in its tables).  Texts with a bbox patch, path effects or a clip path are left as they are.
    Returns the number of texts outlined; a second call does nothing.

    The outlines are those matplotlib's own text-as-path renderers draw (``TextToPath`` of the resolved font,
    at the layout of :meth:`~matplotlib.text.Text.draw`), so the drawing looks the same."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Affine2D

    if getattr(fig, "_pse_outlined", False):
        return 0
    renderer = _layout_renderer(fig.dpi)
    to_inches = Affine2D().scale(1.0 / fig.dpi)
    owners: dict = {}
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            with renderer._draw_disabled():   # a legend places its entries when drawn: lay it out, draw nothing
                legend.draw(renderer)
            for child in [*legend.get_texts(), legend.get_title()]:
                owners[id(child)] = (ax, legend.get_zorder() + 0.01)
    groups: dict = {}
    count = 0
    for text in drawn_texts(fig):
        if not _outlinable(text):
            continue
        parent, zorder = owners.get(id(text), (text.axes or fig, text.get_zorder()))
        rgba = to_rgba(text.get_color(), text.get_alpha())
        clipped = text.get_clip_on() and text.get_clip_box() is not None   # what Text.draw clips to (no box: none)
        key = (id(parent), zorder, rgba, clipped)
        entry = groups.setdefault(key, (parent, text.get_clip_box(), []))
        entry[2].extend(path.transformed(to_inches) for path in _line_paths(text, renderer))
        text.set_visible(False)
        count += 1
    for (_, zorder, rgba, clip_on), (parent, clip_box, paths) in groups.items():
        if not paths:
            continue
        patch = PathPatch(MplPath.make_compound_path(*paths), facecolor=rgba, edgecolor="none", linewidth=0,
                          zorder=zorder, transform=fig.dpi_scale_trans, clip_on=clip_on,
                          clip_box=clip_box if clip_on else None)
        parent.add_artist(patch)
        if clip_on:     # Axes.add_artist clips to the axes patch, which replaces the clip box: the text's box back
            patch.set_clip_path(None)
            patch.set_clip_box(clip_box)
    fig._pse_outlined = True
    return count
