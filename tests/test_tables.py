"""Shared worksheet exports: Excel layout (frozen header, number formats, colours, dropdowns), Markdown, HTML."""

from __future__ import annotations

import openpyxl
import pandas as pd

from pse.tables import Sheet, to_html, to_markdown, write_workbook


def sheet():
    table = pd.DataFrame({"ID": ["S1", "S2"], "Frequency (/yr)": [1e-5, 0.1], "Level": [4, 2]})
    return Sheet("Test", table, "Title", ["Company X"], scientific=("Frequency (/yr)",),
                 colour=lambda column, value, row: "#FF0000" if column == "Level" and value >= 4 else None,
                 validations={"Level": [1, 2, 3, 4, 5]})


def test_workbook_layout(tmp_path):
    path = tmp_path / "t.xlsx"
    write_workbook(path, [sheet()])
    ws = openpyxl.load_workbook(path)["Test"]
    assert ws["A1"].value == "Title" and ws["A2"].value == "Company X"
    assert [c.value for c in ws[4]] == ["ID", "Frequency (/yr)", "Level"]
    assert ws.freeze_panes == "A5"
    assert ws["B5"].value == 1e-5 and ws["B5"].number_format == "0.00E+00"
    assert ws["C5"].fill.fgColor.rgb.endswith("FF0000") and ws["C6"].fill.fill_type is None
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == '"1,2,3,4,5"' and "C5" in str(validation.sqref)


def test_markdown_keeps_scientific_notation():
    text = to_markdown(sheet())
    assert "1.00E-05" in text and "1.00E-01" in text


def test_html_colours_cells():
    text = to_html(sheet())
    assert 'style="background:#FF0000"' in text and text.count("background:#FF0000") == 1
