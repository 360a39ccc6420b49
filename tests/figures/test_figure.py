"""The figure layer: one font resolver, legible zh-TW without a system CJK font, no pyplot, labels clear."""

from __future__ import annotations

import re
import warnings

import pytest

from conftest import ROOT, bundled_studies
from pse import figure

SRC = ROOT / "src" / "pse"
GLYPH = r"(?s).*Glyph .* missing"


def test_resolver_finds_a_traditional_chinese_face_without_a_system_font():
    families = figure.font_families(None, None)
    assert families[-1] == "DejaVu Sans" and len(families) == 2
    assert figure.has_cjk_font()


def test_font_from_environment_variable_file(monkeypatch):
    path = figure.packaged_font_path()
    assert path and path.endswith("NotoSansTC-Regular.otf")
    assert figure.font_families(None, path)[0] == "Noto Sans TC"
    assert figure.font_families("No Such Font", None)[0] != "No Such Font"


def test_no_font_gives_one_message_and_no_glyph_flood(monkeypatch, capsys):
    monkeypatch.setattr(figure, "packaged_font_path", lambda: None)
    monkeypatch.setattr(figure, "SYSTEM_CJK_FONTS", ())
    monkeypatch.setattr(figure, "_warned", [])
    figure.font_families.cache_clear()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with figure.drawing():
                fig = figure.new_figure(3, 2)
                fig.add_subplot().set_title("危險區域劃分")
                figure.to_bytes(fig, "png")
            with figure.drawing():
                pass
        err = capsys.readouterr().err
        assert err.count("pylopdf-fonts-zh-tw") == 1
    finally:
        figure.font_families.cache_clear()


def test_library_code_uses_no_pyplot_and_no_global_rcparams():
    for path in [SRC / "figure.py", SRC / "fmea" / "charts.py", SRC / "taskrisk" / "summary.py",
                 SRC / "zoning" / "drawing.py", SRC / "zoning" / "dxf.py"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"import matplotlib.pyplot|from matplotlib import pyplot|plt\.", text), path
        assert not re.search(r"rcParams\[|matplotlib\.use\(", text), path


@pytest.mark.filterwarnings("error::UserWarning")
def test_fit_text_shrinks_to_the_cell():
    with figure.drawing():
        fig = figure.new_figure(4, 2)
        ax = fig.add_axes([0, 0, 1, 1])
        t = ax.text(0, 0.5, "電子廠 製程安全評估 Electronics plant - process safety study", fontsize=12)
        size = figure.fit_text(fig, t, 250)
        assert size < 12 and figure.text_width_px(fig, t) <= 250


@pytest.mark.parametrize("text", ["TK-20{i} (!)", "SR-1{i}\n1 + 2", "泵浦 P-10{i}", "WWWW MMMM {i}"])
def test_labels_placed_without_overlap_from_estimated_extents(text):
    """Labels placed without rendering: the rendered boxes (Agg, the resolved fonts) lie inside the estimated
    ones, so no two rendered labels overlap, and labels moved off their point get one collection of leaders."""
    with figure.drawing():
        fig = figure.new_figure(6, 4)
        ax = fig.add_axes([0.05, 0.05, 0.9, 0.9])
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        items = [dict(x=5 + 0.05 * i, y=5, text=text.format(i=i), fontsize=8) for i in range(12)]
        texts, missing = figure.place_labels(fig, ax, items)
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in texts]
    assert missing == 0 and len(texts) == 12
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    assert len(ax.collections) == 1 and len(ax.collections[0].get_segments()) >= 8   # leaders


def test_estimated_width_holds_the_rendered_text():
    with figure.drawing():
        fig = figure.new_figure(4, 2)
        ax = fig.add_axes([0, 0, 1, 1])
        for text in ("Hazardous-area classification - plan", "危險區域劃分圖 - 平面", "SR-101\n2NE + NH", "0.71 m"):
            t = ax.text(0, 0.5, text, fontsize=10)
            rendered = t.get_window_extent(fig.canvas.get_renderer())
            width_pt, height_pt = figure.text_extent_pt(text, 10)
            dpi_scale = fig.dpi / 72
            assert rendered.width <= width_pt * dpi_scale and rendered.height <= height_pt * dpi_scale, text
            assert rendered.width >= 0.7 * width_pt * dpi_scale, text        # not wastefully large


def test_labels_with_no_free_place_are_left_off_and_counted():
    fig = figure.new_figure(2, 2)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    items = [dict(x=0.5, y=0.5, text=f"LONG LABEL {i}", fontsize=9) for i in range(40)]
    texts, missing = figure.place_labels(fig, ax, items)
    assert missing > 0 and len(texts) + missing == 40


def _studies_with(collection):
    from pse.model import load_study

    out = []
    for path in bundled_studies():
        study = load_study(path)
        if getattr(study, collection):
            out.append(study)
    return out


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_every_bundled_chart_and_drawing_has_every_glyph(lang, tmp_path):
    """Every figure of every bundled study, both languages, with missing-glyph warnings as errors."""
    from pse.fmea.analysis import analyse
    from pse.fmea.charts import matrix_chart, pareto_chart
    from pse.model.validate import matrix_for
    from pse.taskrisk.summary import heat_map, heat_map_files
    from pse.taskrisk.worksheet import assess
    from pse.zoning.area import classify_area
    from pse.zoning.drawing import elevation_figure, plan_figure, save_figure

    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=GLYPH)
        for study in _studies_with("release_sources"):
            area = classify_area(study)
            save_figure(plan_figure(area, lang), tmp_path / "plan", study=study)
            if area.section is not None and area.section_pieces:
                save_figure(elevation_figure(area, lang), tmp_path / "elevation", study=study)
        for study in _studies_with("tasks"):
            heat_map_files(heat_map(assess(study), matrix_for(study), lang, study=study), study)
        for study in _studies_with("failure_modes"):
            result = analyse(study)
            figure.save(pareto_chart(result, lang, study=study), tmp_path, "p", study=study)
            figure.save(matrix_chart(result, lang, study=study), tmp_path, "m", study=study)
    assert (tmp_path / "plan.png").stat().st_size > 10_000


def _ink(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    return grey < 128


def _sample_figure(legend: bool):
    fig = figure.new_figure(4, 3)
    ax = fig.add_axes([0.1, 0.1, 0.8, 0.8])
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.text(2, 8, "SR-101\n1 區 + 2 區", fontsize=9, ha="center", va="center")
    ax.text(6, 2, "R 1.50 m (2 區)", fontsize=7, rotation=30, color="#d00000")
    fig.text(0.02, 0.98, "危險區域劃分圖 - 平面 / plan", va="top", fontsize=11, weight="bold")
    if legend:
        ax.plot([1, 2], [1, 2], label="2 區 / Zone 2")
        ax.legend(loc="lower right", title="圖例 / Legend")
    return fig


@pytest.mark.parametrize("legend", [False, True])
def test_outlined_text_draws_what_the_text_drew(legend):
    """Text laid out once as glyph outlines (the drawings' three formats) covers the same pixels as
    matplotlib's own text rendering: ink in the same place (Agg, 100 dpi), every text replaced."""
    import numpy as np

    with figure.drawing():
        texts = _ink(figure.to_bytes(_sample_figure(legend), "png", dpi=100))
        fig = _sample_figure(legend)
        ticks = sum(len(axis._update_ticks()) for axis in (fig.axes[0].xaxis, fig.axes[0].yaxis))   # drawn: 6 + 6
        assert ticks == 12 and figure.outline_texts(fig) == 3 + 2 * legend + ticks
        assert figure.outline_texts(fig) == 0                      # once only
        outlines = _ink(figure.to_bytes(fig, "png", dpi=100))
    assert texts.shape == outlines.shape
    assert abs(int(outlines.sum()) - int(texts.sum())) <= 0.15 * texts.sum()
    rows, cols = np.nonzero(texts)
    rows2, cols2 = np.nonzero(outlines)
    for a, b in ((rows, rows2), (cols, cols2)):
        assert abs(a.min() - b.min()) <= 2 and abs(a.max() - b.max()) <= 2
    assert (texts & outlines).sum() >= 0.6 * texts.sum()          # the same strokes, not just the same box
    svg = figure.to_bytes(fig, "svg").decode()
    assert "<text" not in svg and svg.count("<path") >= 3


def test_drawn_texts_are_findobj_s_texts_without_the_axes_that_are_not_drawn():
    """Same texts, same order as ``findobj``, less the tick labels of an axes drawn without its axes and of the
    ticks an axis does not draw (beyond its limits)."""
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    fig = figure.new_figure(4, 3)
    shown = fig.add_axes((0.1, 0.1, 0.4, 0.8))
    shown.plot([0, 1], [0, 1])
    shown.text(0.5, 0.5, "inside")
    shown.set_title("title")
    hidden = fig.add_axes((0.6, 0.1, 0.3, 0.8))
    hidden.set_axis_off()
    hidden.text(0.1, 0.1, "note")
    hidden.legend(handles=shown.lines, labels=["line"], title="legend")
    fig.text(0.01, 0.01, "sheet")
    found = figure.drawn_texts(fig)
    under_hidden = {id(t) for axis in (hidden.xaxis, hidden.yaxis) for t in axis.findobj(Text)}
    drawn_ticks = {id(tick) for axis in (shown.xaxis, shown.yaxis) for tick in axis._update_ticks()}
    not_drawn = {id(t) for axis in (shown.xaxis, shown.yaxis)                  # ticks beyond the limits, minor ticks
                 for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()] if id(tick) not in drawn_ticks
                 for t in tick.findobj(Text)}
    expected = [t for t in fig.findobj(lambda a: isinstance(a, Text)) if id(t) not in under_hidden | not_drawn]
    assert found == expected
    assert {t.get_text() for t in found} >= {"inside", "title", "note", "line", "legend", "sheet"}
    assert not any(isinstance(t, Axis) for t in found)
