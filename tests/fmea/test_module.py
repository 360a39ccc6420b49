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
        assert "<svg" in svg and "FM-02" in svg


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
