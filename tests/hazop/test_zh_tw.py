"""A zh-TW HAZOP leaves no guide word, parameter or deviation name in English."""

from __future__ import annotations

import re

import openpyxl
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli
from pse.hazop.excel import HEADER_ROW, SHEET_KEYS
from pse.hazop.library import load_library

STUDY = str(WORKSHEETS / "electronics-plant.yaml")
LATIN = re.compile("[A-Za-z]")


def test_guide_words_and_parameters_have_their_standard_zh_tw_names():
    lib = load_library()
    # the IEC 61882 words in the terms of the seeds (無 for NO, 過多 MORE, 過少 LESS, 相反 REVERSE)
    assert [lib.term_label("guide word", g, "zh-TW") for g in ("no", "more", "less", "reverse")] == \
        ["無", "過多", "過少", "相反"]
    assert lib.term_label("parameter", "pressure", "zh-TW") == "壓力"
    for kind, table in (("guide word", lib.guide_words), ("parameter", lib.parameters)):
        for key in table:
            assert not LATIN.search(lib.term_label(kind, key, "zh-TW")), (kind, key)


def _column(markdown: str, header: str) -> list[str]:
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    j = cells[0].index(header)
    return [row[j] for row in cells[2:]]


def test_markdown_worksheet_in_zh_tw_has_no_english_terms():
    result = CliRunner().invoke(cli, ["hazop", "worksheet", STUDY, "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    for header in ("引導字", "參數", "製程偏離"):
        values = _column(result.output, header)
        assert values and all(v and not LATIN.search(v) for v in values), (header, values)
    assert "無" in _column(result.output, "引導字")
    assert "高壓" in _column(result.output, "製程偏離")     # the study's "High pressure" is the library's name


def test_workbook_in_zh_tw_has_no_english_terms_and_lists_chinese_guide_words(tmp_path):
    out = tmp_path / "x"
    result = CliRunner().invoke(cli, ["hazop", "export", STUDY, "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "hazop" / "hazop.xlsx")
    for ws in (book[name] for name in book.sheetnames if name.startswith("N-")):
        for key in ("guide_word", "parameter", "deviation", "category", "origin"):
            column = SHEET_KEYS.index(key) + 1
            values = [ws.cell(r, column).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]
            values = [v for v in values if v or key not in ("category",)]        # open deviations: no category
            assert values and all(v and not LATIN.search(v) for v in values), (ws.title, key, values)
        lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
        assert any(f.startswith('"無,過多,過少') for f in lists), lists
        assert not any("people" in f for f in lists), lists
    csv = (out / "hazop" / "hazop-worksheet.csv").read_text(encoding="utf-8-sig")
    assert ",過多,壓力,高壓," in csv
