"""The HAZOP outputs of `pse run` are unchanged by the speed work (issue 19): golden files written by main.

Golden files (tests/hazop/data/golden/, written on main at commit 47fbc2c) for the bundled
electronics-plant study and ``tests/lopa/data/site-40.yaml`` (40 HAZOP rows in 4 nodes and 80 LOPA
scenarios without a node), in English and zh-TW: the worksheet CSV byte for byte and every cell of
hazop.xlsx with its font, fill, wrapping and number format, the row heights, column widths, dropdowns,
frozen panes, filter and print setup of every sheet (the export date of the hidden sheet left out).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import WORKSHEETS

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden"
STUDIES = {"electronics-plant": WORKSHEETS / "electronics-plant.yaml",
           "site-40": HERE.parent / "lopa" / "data" / "site-40.yaml"}


def _colour(colour):
    return str(colour.rgb) if colour is not None else None


def workbook_cells(path) -> dict:
    """Cells (value, bold, italic, font colour, fill, wrap, number format) and layout of every sheet."""
    from openpyxl import load_workbook

    out = {}
    for ws in load_workbook(path).worksheets:
        cells = [[c.coordinate, c.value.isoformat() if hasattr(c.value, "isoformat") else c.value, c.font.b,
                  c.font.i, _colour(c.font.color), str(c.fill.fgColor.rgb) if c.fill.fill_type else None,
                  c.alignment.wrap_text, c.number_format]
                 for row in ws.iter_rows() for c in row if c.value is not None or c.has_style]
        if ws.title == "_pse":
            cells = [c for c in cells if c[0] != "C1"]          # the export date
        out[ws.title] = {
            "cells": cells, "heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height},
            "widths": {k: v.width for k, v in ws.column_dimensions.items()}, "state": ws.sheet_state,
            "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
            "validations": sorted([dv.formula1, str(dv.sqref)] for dv in ws.data_validations.dataValidation),
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "print": [ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth,
                      ws.print_title_rows]}
    return json.loads(json.dumps(out, default=str))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    from pse.hazop.module import MODULE
    from pse.model import load_study
    from pse.registry import RunContext

    out = {}
    for name, path in STUDIES.items():
        study = load_study(path)
        for lang in ("en", "zh-TW"):
            target = tmp_path_factory.mktemp(f"{name}-{lang}")
            MODULE.run(study, RunContext(out=target, lang=lang, study=study))
            out[name, lang] = target / "hazop"
    return out


def _cases(suffix):
    return [(name, lang) for name in STUDIES for lang in ("en", "zh-TW")
            if (GOLDEN / f"{name}-{lang}-{suffix}").exists()]


@pytest.mark.parametrize(("name", "lang"), _cases("hazop-worksheet.csv"))
def test_hazop_worksheet_csv_is_unchanged(runs, name, lang):
    expected = (GOLDEN / f"{name}-{lang}-hazop-worksheet.csv").read_bytes()
    assert (runs[name, lang] / "hazop-worksheet.csv").read_bytes() == expected


@pytest.mark.parametrize(("name", "lang"), _cases("hazop.xlsx.json"))
def test_hazop_workbook_is_unchanged(runs, name, lang):
    expected = json.loads((GOLDEN / f"{name}-{lang}-hazop.xlsx.json").read_text(encoding="utf-8"))
    got = workbook_cells(runs[name, lang] / "hazop.xlsx")
    assert list(got) == list(expected)
    for sheet in expected:
        assert got[sheet] == expected[sheet], sheet
