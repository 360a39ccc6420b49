"""`pse fmea`, the `pse run` section: workbook with AP colours and S/O/D dropdowns, CSV/MD/HTML, charts."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli

STUDY = str(WORKSHEETS / "electronics-plant.yaml")


@pytest.fixture(scope="module")
def fmea_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("fmea") / "out"
    result = CliRunner().invoke(cli, ["fmea", STUDY, "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_pse_fmea_prints_the_worksheet_ranked_by_action_priority(fmea_out):
    _, output = fmea_out
    assert "Failure mode and effects analysis" in output and "FMEA ranking before and after actions" in output
    lines = [line for line in output.splitlines() if line.startswith("| 1 ")]
    assert lines and "FM-02" in lines[0]


def test_pse_fmea_rank_by_rpn():
    result = CliRunner().invoke(cli, ["fmea", STUDY, "--lang", "en", "--rank-by", "rpn"])
    assert result.exit_code == 0, result.output
    first = next(line for line in result.output.splitlines() if line.startswith("| 2 "))
    assert "FM-03" in first     # RPN 324 second after 400 (FM-11 is second by AP)


def test_outputs_are_written(fmea_out):
    out, _ = fmea_out
    for name in ("fmea.xlsx", "fmea-worksheet.csv", "fmea-worksheet.md", "fmea-worksheet.html",
                 "fmea-ranking.csv", "fmea-pareto.svg", "fmea-pareto.png", "fmea-matrix.svg", "fmea-matrix.png"):
        assert (out / "fmea" / name).is_file(), name


def test_charts_are_real_images(fmea_out):
    out, _ = fmea_out
    for name in ("fmea-pareto", "fmea-matrix"):
        png = (out / "fmea" / f"{name}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
        svg = (out / "fmea" / f"{name}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg and "<path" in svg and "<text" not in svg     # text laid out once, as outlines


def _texts_drawn(monkeypatch):
    """The labels handed to the glyph-outline collections while a chart is built."""
    import pse.fmea.charts as charts

    drawn: list[str] = []
    original = charts.text_collection

    def record(ax, x, y, texts, *args, **kwargs):
        drawn.extend(texts)
        return original(ax, x, y, texts, *args, **kwargs)

    monkeypatch.setattr(charts, "text_collection", record)
    return drawn


def test_workbook_colours_by_ap_and_dropdowns_for_ratings(fmea_out):
    out, _ = fmea_out
    book = openpyxl.load_workbook(out / "fmea" / "fmea.xlsx")
    assert book.sheetnames == ["FMEA", "Ranking", "Scale"]
    sheet = book["FMEA"]
    header_row = next(r for r in range(1, 12) if sheet.cell(row=r, column=1).value == "Rank")
    headers = [c.value for c in sheet[header_row]]
    ap_col = headers.index("AP") + 1
    fills = {}
    for r in range(header_row + 1, sheet.max_row + 1):
        value = sheet.cell(row=r, column=ap_col).value
        if value:
            fills[value] = sheet.cell(row=r, column=ap_col).fill.fgColor.rgb
    assert fills == {"H": "00F4B6B6", "M": "00FFE0A3", "L": "00C8E6C9"}
    ranges = {str(dv.sqref).split(":")[0][:1]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    letters = {headers[i]: openpyxl.utils.get_column_letter(i + 1) for i in range(len(headers))}
    for column in ("S", "O", "D", "S after", "O after", "D after"):
        assert ranges.get(letters[column]) == '"1,2,3,4,5,6,7,8,9,10"', column
    scale = book["Scale"]
    assert any("AIAG-VDA PFMEA" in str(c.value) for c in scale["A"][:3])


def test_run_section_in_chinese(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", STUDY, "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    text = (out / "fmea" / "fmea-worksheet.csv").read_text(encoding="utf-8")
    assert "失效模式" in text and "行動優先度" in text
    assert (out / "fmea" / "fmea-pareto.png").is_file()
    assert "失效模式與影響分析" in (out / "summary.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_pareto_labels_its_bars_with_row_ids_and_rpn_and_keeps_every_text_inside(monkeypatch, lang):
    from pse.fmea.analysis import analyse
    from pse.fmea.charts import pareto_chart
    from pse.model.validate import load_study

    study = load_study(STUDY)
    result = analyse(study)
    drawn = _texts_drawn(monkeypatch)
    fig = pareto_chart(result, lang, study=study)
    top = result.rows[int(result.rpn.argmax())].id
    assert top in drawn and str(int(result.rpn.max())) in drawn
    _assert_texts_inside(fig)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_matrix_keeps_every_text_inside_and_its_cells_square(lang):
    from pse.fmea.analysis import analyse
    from pse.fmea.charts import matrix_chart
    from pse.model.validate import load_study

    study = load_study(STUDY)
    fig = matrix_chart(analyse(study), lang, study=study)
    _assert_texts_inside(fig)
    box = fig.axes[0].get_window_extent()
    assert box.width == pytest.approx(box.height, rel=1e-6)


def _assert_texts_inside(fig):
    """Everything drawn (titles, axis and tick labels, the row IDs and values, legends, notes) lies inside the
    figure: the margins estimated from text extents hold what matplotlib lays out."""
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes]
    boxes += [t.get_window_extent(renderer) for t in fig.texts if t.get_visible() and t.get_text()]
    boxes += [_glyphs_box(fig, c) for ax in fig.axes for c in ax.collections if _is_glyphs(c)]
    for box in boxes:
        assert page.x0 - 0.5 <= box.x0 and box.x1 <= page.x1 + 0.5, (box, page)
        assert page.y0 - 0.5 <= box.y0 and box.y1 <= page.y1 + 0.5, (box, page)


def _is_glyphs(collection) -> bool:
    from matplotlib.collections import PathCollection
    from matplotlib.transforms import IdentityTransform

    return isinstance(collection, PathCollection) and isinstance(collection.get_transform(), IdentityTransform)


def _glyphs_box(fig, collection):
    """Display extent of a glyph-outline collection (paths in points placed at their offsets)."""
    import numpy as np
    from matplotlib.transforms import Bbox

    anchors = collection.get_offset_transform().transform(collection.get_offsets())
    points = np.concatenate([p.vertices * fig.dpi / 72 + anchor
                             for p, anchor in zip(collection.get_paths(), anchors, strict=False)])
    return Bbox([points.min(axis=0), points.max(axis=0)])
