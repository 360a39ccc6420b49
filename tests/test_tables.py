"""Shared worksheet exports: Excel layout (frozen header, number formats, colours, dropdowns), Markdown, HTML."""

from __future__ import annotations

import openpyxl
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

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



# Markdown tables: pse.tables.pipe_table writes what pandas' to_markdown (tabulate, "pipe", no number parsing)
# wrote before, byte for byte; the reference below is main's former code path.

def tabulate_markdown(sheet_) -> str:
    """``to_markdown`` as main wrote it (pandas -> tabulate), the reference for the tables pse writes now."""
    from pse.tables import _guess_lang, _markdown_cell, display_table, no_rows

    table = display_table(sheet_).map(_markdown_cell)
    table.columns = [_markdown_cell(c) for c in table.columns]
    head = f"### {sheet_.title}\n\n" if sheet_.title else ""
    empty = f"_{no_rows(sheet_.lang or _guess_lang(sheet_))}_"
    body = table.to_markdown(index=False, disable_numparse=True) if len(table) else empty
    return head + body + "\n"


def test_markdown_table_is_tabulates_pipe_table():
    assert to_markdown(sheet()) == tabulate_markdown(sheet())
    assert "| ID   | Frequency (/yr)   | Level   |\n|:-----|:------------------|:--------|\n" in to_markdown(sheet())


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@given(st.lists(st.tuples(_text, _text, _text), min_size=1, max_size=6), st.tuples(_text, _text, _text))
def test_any_text_table_is_tabulates_pipe_table(rows, headers):
    sample = Sheet("T", pd.DataFrame(rows, columns=list(headers)), "", lang="en")
    assert to_markdown(sample) == tabulate_markdown(sample)


def test_cells_made_per_distinct_value_equal_cells_made_one_by_one():
    """Each distinct value is bound once: 1, 1.0, True, 0.0 and -0.0 stay apart, a formula-like text stays
    text, an error code stays an error, a date gets its number format, as a cell made on its own does."""
    import datetime

    from openpyxl.cell.cell import Cell

    values = [1, 1.0, True, 0.0, -0.0, "=1+2", "#N/A", None, datetime.date(2024, 5, 1), "in_progress", 1, -0.0]
    sheet = Sheet(name="t", table=pd.DataFrame({"v": pd.Series(values, dtype=object)}), lang="zh-TW")
    book = openpyxl.Workbook()
    ws = book.active
    from pse.tables import _sheet_cells

    _sheet_cells(ws, sheet, 1)
    got = [(ws._cells[(i + 2, 1)]._value, ws._cells[(i + 2, 1)].data_type, ws._cells[(i + 2, 1)].number_format)
           for i in range(len(values))]
    alone = [Cell(ws, value=v) for v in values]
    expected = [(c._value, "s" if c.data_type == "f" else c.data_type, c.number_format) for c in alone]
    expected[9] = ("處理中", "s", "General")                        # the enum in the sheet's language
    assert [(repr(v), t, f) for v, t, f in got] == [(repr(v), t, f) for v, t, f in expected]


def test_row_heights_of_a_written_sheet_are_what_fit_row_heights_counts_on_its_cells():
    """The heights set from the values written (no second pass over the cells) equal the count made by reading
    every cell back (:func:`pse.workbook_print.fit_row_heights`): wrapped CJK and ASCII text, line breaks,
    numbers, blanks and a long header."""
    from pse.tables import add_sheets
    from pse.workbook import WorkbookTarget, new_book
    from pse.workbook_print import fit_row_heights

    table = pd.DataFrame({"ID": ["S1", "S2", None, "S4"],
                          "說明 a rather long header that wraps": ["儲槽" * 30, "a\nb\nc", None, "x" * 200],
                          "Frequency (/yr)": [1e-5, None, 0.5, 3.0]})
    book = new_book()
    add_sheets(WorkbookTarget(book), [Sheet("T", table, "Title", ["Company X", "Rev. A"], widths={"ID": 4},
                                            scientific=("Frequency (/yr)",))])
    ws = book["T"]
    written = {row: dim.height for row, dim in ws.row_dimensions.items() if dim.height}
    assert written and max(written.values()) > 15.0
    for dim in ws.row_dimensions.values():
        dim.height = None
    fit_row_heights(ws, 1)
    assert {row: dim.height for row, dim in ws.row_dimensions.items() if dim.height} == written


@given(st.lists(st.one_of(st.floats(), st.integers(-10**20, 10**20), st.booleans(), st.none(), _text,
                          st.sampled_from(["open", "in_progress", "seed 004 case 1; MES 16"])), max_size=8))
def test_any_column_is_written_as_each_value_converted_and_bound_on_its_own(values):
    """The shortcuts for numbers and repeated texts give each cell what converting and binding its value alone
    gives it (:func:`pse.tables._excel_value`, provenance notes out, enums in the sheet's language)."""
    from openpyxl.cell.cell import Cell

    from pse.i18n import client_text, enum_label
    from pse.tables import _excel_value, _sheet_cells

    sheet = Sheet(name="t", table=pd.DataFrame({"v": pd.Series(values, dtype=object)}), lang="zh-TW")
    ws = openpyxl.Workbook().active
    try:
        expected = [Cell(ws, value=enum_label(client_text(_excel_value(v)), "zh-TW")) for v in values]
    except openpyxl.utils.exceptions.IllegalCharacterError:
        return
    _sheet_cells(ws, sheet, 1)
    got = [ws._cells[(i + 2, 1)] for i in range(len(values))]
    assert [(repr(c._value), c.data_type, c.number_format) for c in got] == \
        [(repr(c._value), "s" if c.data_type == "f" else c.data_type, c.number_format) for c in expected]


def test_a_negative_zero_is_not_shown_for_a_zero_or_the_other_way():
    """Each distinct value is converted once: 0.0 and -0.0 are equal keys, but not the same text."""
    import pandas as pd

    from pse.tables import _client

    table = pd.DataFrame({"x": [-0.0, 0.0, 1.5, -0.0]})
    assert [repr(v) for v in _client(table, "en")["x"]] == ["-0.0", "0.0", "1.5", "-0.0"]
